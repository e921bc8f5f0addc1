/**
 * Pareto/NBD behind the model checks' interface: E[X(t)] for a new customer against a plain
 * Simpson integral of its definition, and against Σ x·P(X(t) = x) from the model's own
 * count probabilities; the registry hands out this model by name.
 */
import fc from "fast-check";
import { buyerModelNamed } from "../../../src/model/buyers/buyer-models";
import {
  paretoExpectedPurchasesNew,
  paretoNbdBuyerModel,
} from "../../../src/model/buyers/pareto-nbd-buyer-model";

/** E[λ]·E[min(τ, t)] = (r/α)·∫₀ᵗ (β/(β+u))^s du, by Simpson's rule on 20,000 steps. */
function bruteExpected(t: number, r: number, alpha: number, s: number, beta: number): number {
  const n = 20000;
  const h = t / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const u = i * h;
    const f = Math.pow(beta / (beta + u), s);
    sum += i === 0 || i === n ? f : i % 2 === 1 ? 4 * f : 2 * f;
  }
  return ((r / alpha) * sum * h) / 3;
}

const positive = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

describe("Pareto/NBD as a buyer model", () => {
  test("E[X(t)] equals the integral of its definition, s = 1 included", () => {
    fc.assert(
      fc.property(
        positive(0.05, 5),
        positive(0.5, 50),
        fc.oneof(positive(0.05, 5), fc.constant(1)),
        positive(0.5, 50),
        positive(0.1, 60),
        (r, alpha, s, beta, t) => {
          const got = paretoExpectedPurchasesNew(t, r, alpha, s, beta);
          const want = bruteExpected(t, r, alpha, s, beta);
          expect(Math.abs(got - want)).toBeLessThan(1e-6 * Math.max(1, want));
        }
      ),
      { numRuns: 60 }
    );
  });

  test("E[X(t)] is the mean of the count distribution P(X(t) = x)", () => {
    const parameters = [0.55, 10.6, 0.61, 11.7]; // CDNOW-like, in weeks
    for (const t of [4, 39, 78]) {
      let mean = 0;
      let total = 0;
      for (let x = 0; x < 200; x++) {
        const p = paretoNbdBuyerModel.purchaseCountProbability(x, t, parameters);
        mean += x * p;
        total += p;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-7);
      expect(Math.abs(mean - paretoNbdBuyerModel.expectedPurchases(t, parameters))).toBeLessThan(
        1e-6
      );
    }
  });

  test("bad t and parameters are #NUM! naming them", () => {
    expect(() => paretoExpectedPurchasesNew(-1, 1, 1, 1, 1)).toThrow(/t must be/);
    expect(() => paretoExpectedPurchasesNew(1, 1, 1, 0, 1)).toThrow(/s must be/);
    expect(buyerModelNamed("Pareto/NBD")).toBe(paretoNbdBuyerModel);
  });
});
