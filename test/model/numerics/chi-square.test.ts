/**
 * The chi-square upper tail against (a) closed forms for even degrees of freedom,
 * e^(−x/2) Σ_{i < k/2} (x/2)^i / i!, (b) Simpson's rule on the density for odd ones, and (c) R's
 * pchisq(lower.tail = FALSE) across tiny, central and far-tail values, including p-values near
 * 1e-150 whose relative accuracy the continued fraction keeps.
 */
import fc from "fast-check";
import { chiSquareUpperTail, upperIncompleteGamma } from "../../../src/model/numerics/chi-square";
import { isCloseTo } from "../../support/close-to";
import { runR } from "../../support/r-survival";
import { chiSquareTailByIntegration } from "../survival/brute-force";

function evenTail(x: number, k: number): number {
  let term = 1;
  let sum = 1;
  for (let i = 1; i < k / 2; i++) {
    term *= x / 2 / i;
    sum += term;
  }
  return Math.exp(-x / 2) * sum;
}

test("even degrees of freedom: the closed form", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 15 }),
      fc.double({ min: 1e-6, max: 300, noNaN: true }),
      (half, x) => {
        expect(isCloseTo(chiSquareUpperTail(x, 2 * half), evenTail(x, 2 * half), 1e-12)).toBe(true);
      }
    ),
    { numRuns: 500 }
  );
});

test("odd degrees of freedom: Simpson's rule on the density", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 6 }),
      fc.double({ min: 0.5, max: 60, noNaN: true }),
      (half, x) => {
        const k = 2 * half + 1;
        expect(isCloseTo(chiSquareUpperTail(x, k), chiSquareTailByIntegration(x, k), 1e-8)).toBe(
          true
        );
      }
    ),
    { numRuns: 40 }
  );
});

test("the edges: 0 and below give 1, an infinite statistic 0, bad shapes NaN", () => {
  expect(chiSquareUpperTail(0, 3)).toBe(1);
  expect(chiSquareUpperTail(-2, 3)).toBe(1);
  expect(chiSquareUpperTail(Infinity, 3)).toBe(0);
  expect(upperIncompleteGamma(0, 1)).toBeNaN();
  expect(upperIncompleteGamma(2, -1)).toBeNaN();
});

test("against R's pchisq, from 1e-8 to far in the tail, to 1e-12 relative", () => {
  const xs = [1e-8, 0.001, 0.1, 0.5, 1, 2.5, 3.841458820694124, 7, 15, 40, 100, 300, 700];
  const ks = [1, 2, 3, 4, 5, 9, 20];
  const r = runR(`
xs <- c(${xs.join(", ")}); ks <- c(${ks.join(", ")})
for (k in ks) emit(paste0("k", k), pchisq(xs, k, lower.tail = FALSE))`);
  for (const k of ks)
    xs.forEach((x, i) => {
      const expected = r[`k${k}`][i];
      if (!isCloseTo(chiSquareUpperTail(x, k), expected, 1e-12))
        throw new Error(`χ²(${k}) > ${x}: ${chiSquareUpperTail(x, k)} vs R ${expected}`);
    });
});
