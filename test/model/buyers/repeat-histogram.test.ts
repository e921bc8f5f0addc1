/**
 * The repeat-purchase histogram against loops written here over the customers, with P(X(T) = x)
 * from the paper's formula (buyer-check-helpers.ts); both columns add up to the customers.
 */
import fc from "fast-check";
import { bgnbdBuyerModel } from "../../../src/model/buyers/bgnbd-buyer-model";
import { repeatHistogram } from "../../../src/model/buyers/repeat-histogram";
import { BUYER_MODELS } from "../../../src/model/buyers/buyer-models";
import { probabilityByFormula } from "./buyer-check-helpers";
import { bgnbdArb, customersArb } from "./check-arbitraries";

describe("repeatHistogram", () => {
  test("equals the brute force, and both columns sum to the customers", () => {
    fc.assert(
      fc.property(bgnbdArb, customersArb, fc.integer({ min: 1, max: 10 }), (params, rows, maxX) => {
        const p = [params.r, params.alpha, params.a, params.b];
        const h = repeatHistogram(
          rows.map((c) => c.x),
          rows.map((c) => c.T),
          null,
          bgnbdBuyerModel,
          p,
          maxX
        );
        const actual = new Array(maxX + 1).fill(0);
        const expected = new Array(maxX + 1).fill(0);
        for (const c of rows) {
          actual[Math.min(c.x, maxX)]++;
          let rest = 1;
          for (let x = 0; x < maxX; x++) {
            const px = probabilityByFormula(x, c.T, params);
            expected[x] += px;
            rest -= px;
          }
          expected[maxX] += rest;
        }
        expect(Array.from(h.actual)).toEqual(actual);
        h.expected.forEach((e, x) => expect(Math.abs(e - expected[x])).toBeLessThan(1e-9));
        expect(h.customers).toBe(rows.length);
        expect(h.actual.reduce((s, v) => s + v, 0)).toBe(rows.length);
        expect(Math.abs(h.expected.reduce((s, v) => s + v, 0) - rows.length)).toBeLessThan(1e-9);
      }),
      { numRuns: 60 }
    );
  });

  test("every model the checks offer: both columns sum to the customers, each P within [0, 1]", () => {
    for (const model of Object.values(BUYER_MODELS)) {
      if (model === null) continue;
      fc.assert(
        fc.property(customersArb, (rows) => {
          // Whole T for a discrete model (opportunities), as its summaries have.
          const T = rows.map((c) => (model.time === "discrete" ? Math.ceil(c.T) : c.T));
          const x = rows.map((c, i) => Math.min(c.x, model.time === "discrete" ? T[i] : c.x));
          const h = repeatHistogram(x, T, null, model, [0.5, 3, 1.2, 4]);
          const sum = h.expected.reduce((s, v) => s + v, 0);
          expect([model.name, Math.abs(sum - rows.length) < 1e-9]).toEqual([model.name, true]);
          for (const e of h.expected) expect(e >= 0 && e <= rows.length + 1e-9).toBe(true);
        }),
        { numRuns: 20 }
      );
    }
  });

  test("weights count rows that many times; weight 0 leaves a row out", () => {
    const p = [0.5, 3, 1.2, 4];
    const once = repeatHistogram([0, 2, 9], [10, 20, 30], null, bgnbdBuyerModel, p);
    const twice = repeatHistogram([0, 2, 9, 5], [10, 20, 30, 1], [2, 2, 2, 0], bgnbdBuyerModel, p);
    once.actual.forEach((v, x) => expect(twice.actual[x]).toBe(2 * v));
    once.expected.forEach((v, x) => expect(twice.expected[x]).toBeCloseTo(2 * v, 12));
  });

  test("bad data names the row; a bad max_x or parameter is #NUM!", () => {
    const p = [0.5, 3, 1.2, 4];
    expect(() => repeatHistogram([1, 1.5], [3, 3], null, bgnbdBuyerModel, p)).toThrow(/row 2/);
    expect(() => repeatHistogram([1], [-3], null, bgnbdBuyerModel, p)).toThrow(/T must/);
    expect(() => repeatHistogram([1], [3], null, bgnbdBuyerModel, p, 0)).toThrow(/max_x/);
    expect(() => repeatHistogram([1], [3], null, bgnbdBuyerModel, [0, 3, 1, 1])).toThrow(/r must/);
  });
});
