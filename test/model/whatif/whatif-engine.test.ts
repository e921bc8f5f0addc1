/**
 * The what-if tools are written against WhatIfModel, not the worked example: here they drive a
 * second, tiny model (product = a·b, sum = a + b, an input c nothing reads) and are checked
 * against plain loops over that model's own arithmetic.
 */
import fc from "fast-check";
import { invalidNumber } from "../../../src/model/errors";
import { goalSeek, goalSeekRange } from "../../../src/model/whatif/goal-seek";
import { sensitivityGrid } from "../../../src/model/whatif/sensitivity";
import { tornado } from "../../../src/model/whatif/tornado";
import { tryOutput, WhatIfModel } from "../../../src/model/whatif/whatif-model";

interface Tiny {
  a: number;
  b: number;
  c: number;
}
type TinyInput = keyof Tiny;
type TinyOutput = "product" | "sum";

/** a is a count (whole customers), b a share from 0 to 1 (above 1 the model refuses), c unused. */
const tiny: WhatIfModel<Tiny, TinyInput, TinyOutput> = {
  inputs: ["a", "b", "c"],
  inputSpecs: {
    a: { kind: "count", min: 0, exclusiveMin: true, max: Infinity, integer: true },
    b: { kind: "fraction", min: 0, exclusiveMin: false, max: 1 },
    c: { kind: "money", min: 0, exclusiveMin: false, max: Infinity },
  },
  outputs: ["product", "sum"],
  outputKind: (key) => (key === "product" ? "count" : "money"),
  getInput: (s, key) => s[key],
  setInput: (s, key, value) => ({ ...s, [key]: value ?? NaN }),
  inputAffectsResults: (_, key) => key !== "c",
  evaluate(s) {
    if (!(s.b >= 0 && s.b <= 1)) throw invalidNumber("b must be between 0 and 1");
    return (key) => (key === "product" ? s.a * s.b : s.a + s.b);
  },
};

/** The model's arithmetic written out: null where it refuses the state. */
const product = (a: number, b: number): number | null => (b >= 0 && b <= 1 ? a * b : null);

const state = fc.record({
  a: fc.double({ min: 0.5, max: 5_000, noNaN: true }),
  b: fc.double({ min: 0.01, max: 1, noNaN: true }),
  c: fc.double({ min: 0, max: 100, noNaN: true }),
});
const near = (actual: number, expected: number, relative = 1e-9) =>
  Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));

describe("tryOutput on another model", () => {
  it("gives the output, or null where the model refuses the state", () => {
    expect(tryOutput(tiny, { a: 3, b: 0.5, c: 0 }, "product")).toBe(1.5);
    expect(tryOutput(tiny, { a: 3, b: 0.5, c: 0 }, "sum")).toBe(3.5);
    expect(tryOutput(tiny, { a: 3, b: 1.5, c: 0 }, "product")).toBeNull();
    expect(tryOutput(tiny, { a: Infinity, b: 0.5, c: 0 }, "product")).toBeNull();
  });
});

describe("sensitivityGrid on another model", () => {
  it("is a·b over evenly spaced axes around the current values, null where b leaves [0, 1]", () => {
    fc.assert(
      fc.property(
        state,
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (s, half, spread) => {
          const steps = 2 * half + 1;
          const grid = sensitivityGrid(tiny, s, "a", "b", "product", { steps, spread });
          let min: number | null = null;
          let max: number | null = null;
          for (let i = 0; i < steps; i++) {
            // From current × (1 − spread) in equal steps to current × (1 + spread).
            const rv = s.a * (1 - spread) + (i * 2 * s.a * spread) / (steps - 1);
            if (!near(grid.rowValues[i], rv)) return false;
            for (let j = 0; j < steps; j++) {
              const cv = s.b * (1 - spread) + (j * 2 * s.b * spread) / (steps - 1);
              if (!near(grid.colValues[j], cv)) return false;
              const expected = product(grid.rowValues[i], grid.colValues[j]);
              const cell = grid.cells[i][j];
              if (expected === null ? cell !== null : cell === null || !near(cell, expected))
                return false;
              if (cell !== null) {
                min = min === null ? cell : Math.min(min, cell);
                max = max === null ? cell : Math.max(max, cell);
              }
            }
          }
          return (
            grid.center === half &&
            grid.rowValues[half] === s.a &&
            grid.colValues[half] === s.b &&
            grid.base === s.a * s.b &&
            grid.min === min &&
            grid.max === max
          );
        }
      ),
      { numRuns: 200 }
    );
  });
});

describe("tornado on another model", () => {
  it("moves a and b by ±swing (b capped at 1), skips c, and sorts by effect", () => {
    fc.assert(
      fc.property(state, fc.double({ min: 0.01, max: 3, noNaN: true }), (s, swing) => {
        const result = tornado(tiny, s, "product", { swing });
        const base = s.a * s.b;
        const bars = [
          { input: "a", low: s.a * (1 - swing), high: s.a * (1 + swing) },
          { input: "b", low: Math.min(s.b * (1 - swing), 1), high: Math.min(s.b * (1 + swing), 1) },
        ].map((bar) => {
          const at = (v: number) => (bar.input === "a" ? product(v, s.b) : product(s.a, v));
          const low = at(bar.low);
          const high = at(bar.high);
          const distance = (v: number | null) => (v === null ? 0 : Math.abs(v - base));
          return {
            ...bar,
            lowOut: low,
            highOut: high,
            effect: Math.max(distance(low), distance(high)),
          };
        });
        // Largest effect first; a before b when the effects are equal.
        if (bars[1].effect > bars[0].effect) bars.reverse();
        expect(result.base).toBe(base);
        expect(result.bars.map((b) => b.input)).toEqual(bars.map((b) => b.input));
        result.bars.forEach((bar, i) => {
          expect(bar.lowInput).toBeCloseTo(bars[i].low, 9);
          expect(bar.highInput).toBeCloseTo(bars[i].high, 9);
          expect(bar.low === null).toBe(bars[i].lowOut === null);
          expect(bar.high === null).toBe(bars[i].highOut === null);
          expect(near(bar.effect, bars[i].effect)).toBe(true);
        });
      }),
      { numRuns: 200 }
    );
  });
});

describe("goalSeek on another model", () => {
  it("finds a = target ÷ b within the count's range, with the whole counts either side", () => {
    fc.assert(
      fc.property(state, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (s, share) => {
        const { lo, hi } = goalSeekRange(tiny, s, "a");
        // An unbounded count searches up to 100× the current value, at least 1,000.
        expect(lo).toBe(0);
        expect(hi).toBe(Math.max(100 * s.a, 1_000));
        const root = 1 + share * (hi - 1);
        const target = root * s.b;
        const result = goalSeek(tiny, s, "product", target, "a");
        if (result.kind !== "found") throw new Error(`${result.kind} for a = ${root}`);
        expect(near(result.value, root, 1e-6)).toBe(true);
        expect(result.state).toEqual({ ...s, a: result.value });
        const whole =
          Math.abs(result.value - Math.round(result.value)) <= 1e-9 * result.value
            ? []
            : [Math.floor(result.value), Math.ceil(result.value)]
                .filter((n) => n > 0)
                .map((n) => ({ value: n, achieved: n * s.b }));
        expect(result.wholeNeighbours ?? []).toEqual(whole);
      }),
      { numRuns: 200 }
    );
  });

  it("finds b = target ÷ a inside [0, 1], and says a target beyond a·1 is unreachable", () => {
    fc.assert(
      fc.property(state, fc.double({ min: 0.01, max: 3, noNaN: true }), (s, share) => {
        const target = share * s.a;
        const result = goalSeek(tiny, s, "product", target, "b");
        if (share <= 0.999) {
          if (result.kind !== "found") throw new Error(`${result.kind} for b = ${share}`);
          expect(near(result.value, share, 1e-6)).toBe(true);
          expect(result).not.toHaveProperty("wholeNeighbours"); // b is not a count
        } else if (share > 1.001) {
          // Nothing in [0, 1] reaches it; the closest value tried is the top of the range.
          expect(result).toMatchObject({ kind: "unreachable", lo: 0, hi: 1 });
          if (result.kind === "unreachable")
            expect(result.closest).toEqual({
              value: expect.closeTo(1, 9),
              achieved: expect.closeTo(s.a, 9),
            });
        }
      }),
      { numRuns: 200 }
    );
  });

  it("refuses an input the model does not read, a refused state and a target that is not a number", () => {
    const s = { a: 10, b: 0.5, c: 1 };
    expect(goalSeek(tiny, s, "sum", 20, "c")).toEqual({
      kind: "invalid",
      input: "c",
      reason: "input-unused",
    });
    expect(goalSeek(tiny, { ...s, b: 2 }, "sum", 20, "a")).toMatchObject({
      reason: "scenario-invalid",
    });
    expect(goalSeek(tiny, s, "sum", NaN, "a")).toMatchObject({ reason: "target-not-a-number" });
    // The sum moves one-for-one with a: a = 20 − 0.5.
    expect(goalSeek(tiny, s, "sum", 20, "a")).toMatchObject({
      kind: "found",
      value: expect.closeTo(19.5, 9),
      wholeNeighbours: [
        { value: 19, achieved: 19.5 },
        { value: 20, achieved: 20.5 },
      ],
    });
  });
});
