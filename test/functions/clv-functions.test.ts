import fc from "fast-check";
import {
  BGNBD_CONDITIONAL,
  BGNBD_EXPECTED,
  BGNBD_FIT,
  BGNBD_P_ALIVE,
  CLV,
  GG_FIT,
  GG_SPEND,
} from "../../src/functions/clv-functions";
import { anyArgs, anyCell } from "../support/excel-arbitraries";
import { grid, isError, onlyNumbersBlanksOrErrors, single } from "../support/excel-values";
import { simulateBgNbd } from "../model/buyers/bgnbd-helpers";

type Fn = (...args: unknown[]) => unknown;
// Called as Excel calls them: with whatever cells, so typed loosely here.
const bgnbd_fit = BGNBD_FIT as Fn;
const bgnbd_expected = BGNBD_EXPECTED as Fn;
const bgnbd_conditional = BGNBD_CONDITIONAL as Fn;
const bgnbd_p_alive = BGNBD_P_ALIVE as Fn;
const gg_fit = GG_FIT as Fn;
const gg_spend = GG_SPEND as Fn;
const clv = CLV as Fn;
const column = (values: unknown[]) => values.map((v) => [v]);
const s = (v: unknown) => [[v]];
const CDNOW = [0.242593, 4.413532, 0.792886, 2.425752]; // lifetimes' fit of Fader & Hardie's CDNOW sample
const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 1500, 27, 39, 77, {
  p: 6.25,
  q: 3.74,
  gamma: 15.44,
});

describe("BGNBD_FIT", () => {
  const x = column(sim.frequency);
  const tx = column(sim.recency);
  const T = column(sim.T);

  test("fits columns; blank tail rows, numeric text and a row of cells read alike", () => {
    const fit = grid(bgnbd_fit(x, tx, T));
    expect(fit.length).toBe(1);
    expect(fit[0].length).toBe(4);
    for (const v of fit[0]) expect(v).toBeGreaterThan(0);
    const tail = (c: unknown[][]) => [...c, [null], [""], ["  "]];
    expect(grid(bgnbd_fit(tail(x), tail(tx), tail(T)))).toEqual(fit);
    expect(grid(bgnbd_fit([sim.frequency.map(String)], [sim.recency], [sim.T]))).toEqual(fit);
    // A header row (RETAIN.RFM's spill starts with one) is skipped.
    expect(grid(bgnbd_fit([["frequency"], ...x], [["recency"], ...tx], [["T"], ...T]))).toEqual(
      fit
    );
    const withStats = grid(bgnbd_fit(x, tx, T, null, s(1)));
    expect(withStats.length).toBe(5);
    expect(withStats[0]).toEqual(fit[0]);
    expect(withStats[4][0]).toBeLessThan(0);
    expect(withStats[4][1]).toBe(sim.frequency.length);
  });

  test("weights are counts of identical rows", () => {
    const weights = sim.frequency.map((_, i) => 1 + (i % 2));
    const doubled = (values: number[]) => values.flatMap((v, i) => (i % 2 ? [v, v] : [v]));
    const weighted = grid(bgnbd_fit(x, tx, T, column(weights)))[0] as number[];
    const repeated = grid(
      bgnbd_fit(
        column(doubled(sim.frequency)),
        column(doubled(sim.recency)),
        column(doubled(sim.T))
      )
    )[0] as number[];
    weighted.forEach((v, i) => expect(v).toBeCloseTo(repeated[i], 8));
  });

  test("bad input is #VALUE! naming the argument and row; no repeat buyers is #NUM!", () => {
    expect(single(bgnbd_fit(column([1, "abc"]), column([1, 2]), column([3, 3])))).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/frequency \(row 2\)/),
    });
    expect(single(bgnbd_fit(column([1, 2]), column([1, null]), column([3, 3])))).toEqual({
      error: "#VALUE!",
      message: "recency is blank in row 2",
    });
    expect(single(bgnbd_fit(column([1, 2]), column([1, 2, 3]), column([3, 3])))).toEqual(
      isError("#VALUE!")
    );
    expect(
      single(
        bgnbd_fit(
          [
            [1, 2],
            [3, 4],
          ],
          column([1, 2]),
          column([3, 3])
        )
      )
    ).toEqual(isError("#VALUE!"));
    expect(single(bgnbd_fit(column([1, 2]), column([5, 2]), column([3, 3])))).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/recency \(5\) exceeds T \(3\) \(row 1\)/),
    });
    expect(single(bgnbd_fit(column([0, 0, 0]), column([0, 0, 0]), column([5, 6, 7])))).toEqual(
      isError("#NUM!")
    );
    expect(grid(bgnbd_fit(column([null, ""]), column([null, null]), column([null, ""])))).toEqual([
      ["", "", "", ""],
    ]);
  });
});

describe("BG/NBD quantities spill over a customer table", () => {
  const params = CDNOW.map(s);

  test("E[X(t)] reproduces Fader & Hardie's spreadsheet (4 decimals) and E[Y(39) | 2, 30.43, 38.86] = 1.226", () => {
    const times = [0.1429, 1, 3, 31.8571, 32];
    const published = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437];
    const got = grid(bgnbd_expected(column(times), ...params));
    got.forEach(([v], i) => expect(v).toBeCloseTo(published[i], 4));
    // 78 weeks: 1.8576 published, 1.8580 here; the sheet's own parameters differ in the 5th digit.
    expect(
      Math.abs((single(bgnbd_expected(s(78), ...params)) as number) / 1.8576 - 1)
    ).toBeLessThan(3e-4);
    const y = single(bgnbd_conditional(s(2), s(30.43), s(38.86), s(39), ...params));
    expect(y).toBeCloseTo(1.226, 3);
  });

  test("P(alive) and E[Y] per customer, blank rows inside kept, the table's empty end trimmed", () => {
    const [r, alpha, a, b] = params;
    const alive = grid(
      bgnbd_p_alive(
        column([0, 2, null, 10_000, null]),
        column([0, 30.43, null, 30, null]),
        column([38.86, 38.86, null, 38.86, null]),
        r,
        alpha,
        a,
        b
      )
    );
    expect(alive).toHaveLength(4);
    expect(alive[0][0]).toBe(1);
    expect(alive[1][0]).toBeCloseTo(0.7266, 4);
    expect(alive[2][0]).toBe("");
    expect(alive[3][0]).toBe(0);
    const expected = grid(
      bgnbd_conditional(
        column([2, null]),
        column([30.43, null]),
        column([38.86, null]),
        s(39),
        r,
        alpha,
        a,
        b
      )
    );
    expect(expected).toHaveLength(1);
    expect(single(bgnbd_p_alive(s(1.5), s(1), s(2), r, alpha, a, b))).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/whole number/),
    });
    expect(single(bgnbd_p_alive(s(1), s(1), s(2), s(-1), alpha, a, b))).toEqual(isError("#NUM!"));
  });
});

describe("GG_FIT, GG_SPEND and CLV", () => {
  const x = column(sim.frequency);
  const m = column(sim.monetary);

  test("GG_FIT uses repeat buyers only and says how many with stats", () => {
    const fit = grid(gg_fit(x, m, null, s(1)));
    expect(fit[0].length).toBe(3);
    expect(fit[4][1]).toBe(sim.frequency.filter((v) => v > 0).length);
    // Blank monetary values of customers with no repeats are fine; of repeat buyers, #VALUE!.
    const blanks = sim.frequency.map((v, i) => (v === 0 ? [null] : [sim.monetary[i]]));
    expect(grid(gg_fit(x, blanks))).toEqual([fit[0].slice(0, 3)]);
    expect(single(gg_fit(column([2, 3]), column([10, null])))).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/monetary_value must be above 0.*row 2/),
    });
    expect(single(gg_fit(column([0, 0]), column([0, 0])))).toEqual(isError("#NUM!"));
  });

  test("GG_SPEND: posterior formula; q ≤ 1 is #NUM!", () => {
    expect(single(gg_spend(s(4), s(35.5), s(6.25), s(3.74), s(15.44)))).toBeCloseTo(
      (6.25 * (15.44 + 35.5 * 4)) / (6.25 * 4 + 3.74 - 1),
      12
    );
    expect(single(gg_spend(s(4), s(35.5), s(6.25), s(1), s(15.44)))).toEqual(isError("#NUM!"));
    expect(
      grid(gg_spend(column([1, null]), column([10, null]), s(6.25), s(3.74), s(15.44)))
    ).toHaveLength(1);
  });

  test("CLV: spills per customer, takes the fits' spills as parameters, and states its units", () => {
    const bg = [CDNOW];
    const gg = [[6.25, 3.74, 15.44, -100, 4000]]; // cells after p, q, gamma: ignored
    const values = grid(
      clv(
        column([2, 0, null]),
        column([30.43, 0, null]),
        column([38.86, 38.86, null]),
        column([25, 0, null]),
        bg,
        gg,
        s(52),
        s(0.1),
        "week",
        "year"
      )
    );
    expect(values.length).toBe(2); // the empty row at the end is trimmed
    expect(values[0][0]).toBeGreaterThan(0);
    expect(values[1][0]).toBeGreaterThan(0);
    expect(
      single(clv(s(2), s(30), s(38), s(25), bg, gg, s(52), s(0.1), "fortnight", "year"))
    ).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/time_unit must be "day"/),
    });
    expect(
      single(clv(s(2), s(30), s(38), s(25), [[1, 2, 3]], gg, s(52), s(0.1), "week", "year"))
    ).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/bgnbd_params must hold 4 numbers/),
    });
    expect(single(clv(s(2), s(30), s(38), s(25), bg, gg, s(null), s(0.1), "week", "year"))).toEqual(
      isError("#VALUE!")
    );
  });
});

/* Whatever Excel hands them: only finite numbers, blanks or proper errors. */
const functions: Array<[string, Fn, number, number]> = [
  ["BGNBD_FIT", bgnbd_fit, 3, 2],
  ["BGNBD_EXPECTED", bgnbd_expected, 5, 0],
  ["BGNBD_CONDITIONAL", bgnbd_conditional, 8, 0],
  ["BGNBD_P_ALIVE", bgnbd_p_alive, 7, 0],
  ["GG_FIT", gg_fit, 2, 2],
  ["GG_SPEND", gg_spend, 5, 0],
];

describe.each(functions)("RETAIN.%s on anything Excel may pass", (_, fn, required, optional) => {
  test("only numbers, blanks or errors come out", () => {
    fc.assert(
      fc.property(anyArgs(required, optional), (args) => onlyNumbersBlanksOrErrors(fn(...args))),
      { numRuns: 1000 }
    );
  });
});

describe("RETAIN.CLV on anything Excel may pass", () => {
  test("only numbers, blanks or errors come out", () => {
    const unit = fc.oneof(fc.constantFrom("day", "week", "Months", "year", "quarter"), anyCell);
    fc.assert(
      fc.property(anyArgs(4, 0), anyArgs(4, 0), unit, unit, (customer, settings, u1, u2) => {
        const [bg, gg, horizon, rate] = settings as unknown[];
        // Keep horizons small so a run stays fast; everything else anything.
        const h = typeof horizon === "number" && Math.abs(horizon) > 60 ? [[60]] : horizon;
        return onlyNumbersBlanksOrErrors(clv(...customer, bg, gg, h, rate, u1, u2));
      }),
      { numRuns: 500 }
    );
  });
});

/* Valid customers and parameters, frequencies up to 10,000: always a finite number, never an error. */
const customer = fc
  .record({
    x: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 10_000 })),
    T: fc.double({ min: 0.5, max: 5000, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    m: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
  })
  .map(({ x, T, share, m }) => ({ x, tx: x === 0 ? 0 : share * T, T, m }));
const bgParams = fc.record({
  r: fc.double({ min: 0.01, max: 50, noNaN: true }),
  alpha: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  a: fc.double({ min: 0.05, max: 30, noNaN: true }),
  b: fc.double({ min: 0.01, max: 30, noNaN: true }),
});
const ggParams = fc.record({
  p: fc.double({ min: 0.05, max: 50, noNaN: true }),
  q: fc.double({ min: 1.01, max: 50, noNaN: true }),
  gamma: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
});
const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;

describe("valid customers (x up to 10,000) always get a finite number", () => {
  test("P(alive), E[Y(t)], E[X(t)], expected spend and CLV", () => {
    fc.assert(
      fc.property(
        customer,
        bgParams,
        ggParams,
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        ({ x, tx, T, m }, bg, gg, t, horizon, rate) => {
          const p = [bg.r, bg.alpha, bg.a, bg.b].map(s) as [
            number[][],
            number[][],
            number[][],
            number[][],
          ];
          const alive = single(bgnbd_p_alive(s(x), s(tx), s(T), ...p));
          expect(finite(alive) && (alive as number) <= 1).toBe(true);
          expect(finite(single(bgnbd_conditional(s(x), s(tx), s(T), s(t), ...p)))).toBe(true);
          expect(finite(single(bgnbd_expected(s(t), ...p)))).toBe(true);
          expect(finite(single(gg_spend(s(x), s(m), s(gg.p), s(gg.q), s(gg.gamma))))).toBe(true);
          const value = single(
            clv(
              s(x),
              s(tx),
              s(T),
              s(m),
              [[bg.r, bg.alpha, bg.a, bg.b]],
              [[gg.p, gg.q, gg.gamma]],
              s(horizon),
              s(rate),
              "week",
              "year"
            )
          );
          expect(finite(value)).toBe(true);
        }
      ),
      { numRuns: 300 }
    );
  });
});
