/**
 * RETAIN.BGBB_* as Excel calls them: the fit with and without stats, per-customer spills and
 * their errors, any cells giving only numbers, blanks or errors, and BGBB_SUMMARY against a
 * brute-force summary of random events written here with JavaScript's own calendar.
 */
import fc from "fast-check";
import {
  BGBB_CONDITIONAL,
  BGBB_EXPECTED,
  BGBB_FIT,
  BGBB_P_ALIVE,
  BGBB_PROBABILITY,
  BGBB_SUMMARY,
} from "../../src/functions/bgbb-functions";
import { anyArgs } from "../support/excel-arbitraries";
import { grid, isError, onlyNumbersBlanksOrErrors, single } from "../support/excel-values";

type Fn = (...args: unknown[]) => unknown;
const column = (values: unknown[]) => values.map((v) => [v]);
const s = (v: unknown) => [[v]];

/** Fader, Hardie & Shang's donors: (x, t_x, count), n = 6. */
const DONORS = [
  [0, 0, 3464],
  [1, 1, 1091],
  [1, 2, 277],
  [1, 3, 129],
  [1, 4, 78],
  [1, 5, 119],
  [1, 6, 129],
  [2, 2, 613],
  [2, 3, 255],
  [2, 4, 155],
  [2, 5, 173],
  [2, 6, 234],
  [3, 3, 322],
  [3, 4, 181],
  [3, 5, 225],
  [3, 6, 357],
  [4, 4, 240],
  [4, 5, 284],
  [4, 6, 512],
  [5, 5, 335],
  [5, 6, 728],
  [6, 6, 1203],
];
const X = column(DONORS.map((r) => r[0]));
const TX = column(DONORS.map((r) => r[1]));
const N = column(DONORS.map(() => 6));
const W = column(DONORS.map((r) => r[2]));

describe("BGBB_FIT", () => {
  test("spills alpha, beta, gamma, delta; with stats TRUE or 1 the 5×4 block", () => {
    const fit = grid((BGBB_FIT as Fn)(X, TX, N, W));
    expect(fit.length).toBe(1);
    expect(fit[0].map((v) => Math.round((v as number) * 1000) / 1000)).toEqual([
      1.204, 0.75, 0.657, 2.783,
    ]);
    for (const flag of [true, 1]) {
      const block = grid((BGBB_FIT as Fn)(X, TX, N, W, flag));
      expect(block.length).toBe(5);
      expect(block[4][0] as number).toBeCloseTo(-33225.6, 1);
      expect(block[4][1]).toBe(11104);
      expect(block[4][2]).toEqual(isError("#N/A"));
      for (let j = 0; j < 4; j++) {
        expect(block[1][j]).toBeGreaterThan(0);
        expect(block[2][j]).toBeLessThan(block[0][j] as number);
        expect(block[3][j]).toBeGreaterThan(block[0][j] as number);
      }
    }
  });

  test("bad rows give #VALUE! naming the argument and the row", () => {
    const bad = (BGBB_FIT as Fn)(column([1, 2]), column([3, 1]), column([6, 6]));
    expect(single(bad)).toEqual(
      expect.objectContaining({ error: "#VALUE!", message: expect.stringMatching(/row 2/) })
    );
    const over = (BGBB_FIT as Fn)(column([1, 7]), column([3, 7]), column([6, 6]));
    expect(single(over)).toEqual(
      expect.objectContaining({
        error: "#VALUE!",
        message: expect.stringMatching(/^frequency.*row 2/),
      })
    );
  });
});

describe("per-customer BG/BB functions", () => {
  const P = [1.204, 0.75, 0.657, 2.783].map(s);

  test("spill one row per customer; P(alive) falls with recency", () => {
    const alive = grid(
      (BGBB_P_ALIVE as Fn)(column([6, 3, 3, 0]), column([6, 6, 3, 0]), N.slice(0, 4), ...P)
    );
    expect(alive.length).toBe(4);
    expect(alive[1][0]).toBeGreaterThan(alive[2][0] as number);
    const cond = grid(
      (BGBB_CONDITIONAL as Fn)(column([6, 0]), column([6, 0]), column([6, 6]), s(5), ...P)
    );
    expect(cond[0][0]).toBeGreaterThan(cond[1][0] as number);
    expect(single((BGBB_EXPECTED as Fn)(s(0), ...P))).toBe(0);
    const probs = grid((BGBB_PROBABILITY as Fn)(column([0, 1, 2, 3, 4, 5, 6]), s(6), ...P));
    expect(probs.reduce((t, r) => t + (r[0] as number), 0)).toBeCloseTo(1, 12);
  });

  test("impossible histories and parameters are errors, not numbers", () => {
    expect(single((BGBB_P_ALIVE as Fn)(s(2), s(1), s(6), ...P))).toEqual(isError("#VALUE!"));
    expect(single((BGBB_P_ALIVE as Fn)(s(0), s(2), s(6), ...P))).toEqual(isError("#VALUE!"));
    expect(single((BGBB_P_ALIVE as Fn)(s(1), s(1), s(6), s(-1), P[1], P[2], P[3]))).toEqual(
      isError("#NUM!")
    );
    expect(single((BGBB_CONDITIONAL as Fn)(s(1), s(1), s(6), s(1.5), ...P))).toEqual(
      isError("#NUM!")
    );
  });

  test("any cells give only numbers, blanks or errors", () => {
    for (const [fn, required] of [
      [BGBB_P_ALIVE, 7],
      [BGBB_CONDITIONAL, 8],
      [BGBB_EXPECTED, 5],
      [BGBB_PROBABILITY, 6],
      [BGBB_FIT, 3],
    ] as const)
      fc.assert(
        fc.property(anyArgs(required, fn === BGBB_FIT ? 2 : 0), (args) =>
          onlyNumbersBlanksOrErrors((fn as Fn)(...args))
        ),
        { numRuns: 150 }
      );
  });
});

describe("BGBB_SUMMARY", () => {
  /** Excel serial of a UTC date, and back (JavaScript's own calendar). */
  const EPOCH = Date.UTC(1899, 11, 30);
  const serial = (y: number, m: number, d: number) => (Date.UTC(y, m, d) - EPOCH) / 86400000;
  const periodOf = (day: number, unit: number) => {
    const date = new Date(EPOCH + day * 86400000);
    const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
    return unit === 4 ? date.getUTCFullYear() : unit === 3 ? Math.floor(months / 3) : months;
  };

  test("equals a brute-force summary of random events, by year, quarter and month", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.constantFrom("ann", "bob", "cy", 7, "dee"),
            day: fc.integer({ min: serial(2015, 0, 1), max: serial(2022, 11, 31) }),
          }),
          { minLength: 1, maxLength: 40 }
        ),
        fc.constantFrom(2, 3, 4),
        fc.option(fc.integer({ min: serial(2016, 0, 1), max: serial(2023, 5, 30) }), {
          nil: undefined,
        }),
        (events, unit, end) => {
          const got = (BGBB_SUMMARY as Fn)(
            column(events.map((e) => e.id)),
            column(events.map((e) => e.day)),
            s(unit),
            end === undefined ? null : s(end),
            s(0)
          ) as unknown[][];
          const endDay = end ?? Math.max(...events.map((e) => e.day));
          const last = periodOf(endDay, unit);
          const order: (string | number)[] = [];
          const periods = new Map<string | number, Set<number>>();
          for (const e of events) {
            if (e.day > endDay) continue; // later events are not read at all
            if (!order.includes(e.id)) order.push(e.id);
            if (!periods.has(e.id)) periods.set(e.id, new Set());
            periods.get(e.id)!.add(periodOf(e.day, unit));
          }
          const expected: unknown[][] = [];
          for (const id of order) {
            const set = periods.get(id);
            if (!set) continue;
            const sorted = [...set].sort((a, b) => a - b);
            const first = sorted[0];
            const later = sorted.slice(1);
            expected.push([
              id,
              later.length,
              later.length ? later[later.length - 1] - first : 0,
              last - first,
            ]);
          }
          if (expected.length === 0) expect(grid(got)).toEqual([[isError("#N/A")]]);
          else expect(got).toEqual(expected);
        }
      ),
      { numRuns: 200 }
    );
  });

  test("headers by default, and the summary feeds BGBB_FIT", () => {
    const ids: string[] = [];
    const days: number[] = [];
    for (let c = 0; c < 60; c++)
      for (let y = 2015; y <= 2021; y++)
        if (y === 2015 || (c * 7 + y * 3) % 5 < 2 + (c % 3)) {
          ids.push(`c${c}`);
          days.push(serial(y, (c + y) % 12, 1 + (c % 27)));
        }
    const table = (BGBB_SUMMARY as Fn)(column(ids), column(days)) as unknown[][];
    expect(table[0]).toEqual(["customer", "frequency", "recency", "n_periods"]);
    expect(table.length).toBe(61);
    const col = (j: number) => table.map((r) => [r[j]]);
    const fit = grid((BGBB_FIT as Fn)(col(1), col(2), col(3)));
    expect(fit.length).toBe(1);
  });
});
