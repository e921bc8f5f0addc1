/**
 * The one-time buyers and the at-risk list (issue 23) against plain loops written here: the rule
 * is "a repeat customer, P(alive) below 50%, past value in the top quarter of repeat customers",
 * with the top quarter found by counting, for each customer, how many repeat customers are worth
 * strictly more.
 */
import fc from "fast-check";
import {
  atRiskCustomers,
  CustomerLifetimeTable,
  oneTimeBuyers,
  pAliveHistogram,
} from "../../../src/model/buyers/customer-lifetime";

interface Row {
  x: number;
  m: number;
  pAlive: number;
}

/** Only the columns the summaries read; the rest of a fitted table does not enter them. */
function tableOf(rows: Row[], withSpend: boolean): CustomerLifetimeTable {
  return {
    customers: {
      frequency: Float64Array.from(rows, (r) => r.x),
      monetary: Float64Array.from(rows, (r) => r.m),
      count: rows.length,
    },
    pAlive: Float64Array.from(rows, (r) => r.pAlive),
    spend: withSpend ? { p: 1, q: 2, gamma: 1 } : null,
  } as unknown as CustomerLifetimeTable;
}

function bruteForceAtRisk(rows: Row[], withSpend: boolean): number[] {
  const value = (r: Row) => (withSpend ? r.x * r.m : r.x);
  const repeat = rows.filter((r) => r.x > 0);
  const quarter = Math.ceil(repeat.length / 4);
  const out: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (r.x === 0 || !(r.pAlive < 0.5) || !(value(r) > 0)) continue;
    let better = 0;
    for (const o of repeat) if (value(o) > value(r)) better++;
    if (better < quarter) out.push(k);
  }
  // Highest value first; ties in row order.
  for (let i = 1; i < out.length; i++)
    for (let j = i; j > 0; j--) {
      const a = out[j - 1];
      const b = out[j];
      if (value(rows[b]) > value(rows[a])) [out[j - 1], out[j]] = [b, a];
      else break;
    }
  return out;
}

const row = fc.record({
  x: fc.integer({ min: 0, max: 6 }),
  m: fc.oneof(fc.constantFrom(0, 10, 25), fc.double({ min: 0, max: 500, noNaN: true })),
  pAlive: fc.oneof(fc.constantFrom(0.5, 1, 0), fc.double({ min: 0, max: 1, noNaN: true })),
});

describe("the at-risk list", () => {
  it("is what the plain rule gives, with and without a spend model", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), (rows, withSpend) => {
        const table = tableOf(rows, withSpend);
        expect(Array.from(atRiskCustomers(table))).toEqual(bruteForceAtRisk(rows, withSpend));
      }),
      { numRuns: 300 }
    );
  });

  it("leaves out one-time buyers and customers at exactly 50%", () => {
    const rows: Row[] = [
      { x: 0, m: 0, pAlive: 0.1 }, // one-time: never at risk
      { x: 3, m: 100, pAlive: 0.5 }, // not below 50%
      { x: 4, m: 100, pAlive: 0.2 }, // the most valuable: at risk
      { x: 1, m: 5, pAlive: 0.1 },
      { x: 1, m: 6, pAlive: 0.1 },
      { x: 1, m: 7, pAlive: 0.1 },
      { x: 1, m: 8, pAlive: 0.1 },
    ];
    // Six repeat customers: the top quarter is the two most valuable (400 and 300).
    expect(Array.from(atRiskCustomers(tableOf(rows, true)))).toEqual([2]);
  });
});

describe("one-time buyers", () => {
  it("are counted and can be left out of the P(alive) bins", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const table = tableOf(rows, true);
        const once = rows.filter((r) => r.x === 0);
        expect(oneTimeBuyers(table)).toBe(once.length);
        const all = pAliveHistogram(table, 10);
        const repeat = pAliveHistogram(table, 10, true);
        const onceBins = new Array(10).fill(0);
        for (const r of once) onceBins[Math.min(9, Math.floor(r.pAlive * 10))]++;
        expect(Array.from(repeat)).toEqual(Array.from(all, (c, i) => c - onceBins[i]));
        expect(repeat.reduce((s, c) => s + c, 0)).toBe(rows.length - once.length);
      })
    );
  });
});
