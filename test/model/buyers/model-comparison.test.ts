/**
 * Log-likelihood, AIC and BIC against sums written here over the customers (the paper's
 * likelihood term by term, bgnbd-helpers.ts) and the criteria's own formulas; and the model
 * registry's names.
 */
import fc from "fast-check";
import { bgnbdBuyerModel } from "../../../src/model/buyers/bgnbd-buyer-model";
import { buyerModelNamed, checkedParameters } from "../../../src/model/buyers/buyer-models";
import { modelScore } from "../../../src/model/buyers/model-comparison";
import { bgnbdCustomerLogLikelihood, simulateBgNbd } from "./bgnbd-helpers";
import { bgnbdArb, customersArb } from "./check-arbitraries";

describe("modelScore", () => {
  test("LL, AIC and BIC equal the brute force on random customers and weights", () => {
    fc.assert(
      fc.property(
        bgnbdArb,
        customersArb,
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40, maxLength: 40 }),
        (params, rows, weights) => {
          const w = rows.map((_, i) => weights[i]);
          const n = w.reduce((s, v) => s + v, 0);
          const data = {
            frequency: rows.map((c) => c.x),
            recency: rows.map((c) => c.tx),
            T: rows.map((c) => c.T),
            weight: w,
          };
          const p = [params.r, params.alpha, params.a, params.b];
          if (n === 0) {
            expect(() => modelScore(bgnbdBuyerModel, p, data)).toThrow(/no customers/);
            return;
          }
          let ll = 0;
          rows.forEach((c, i) => {
            ll +=
              w[i] *
              bgnbdCustomerLogLikelihood(
                params.r,
                params.alpha,
                params.a,
                params.b,
                c.x,
                c.tx,
                c.T
              );
          });
          const s = modelScore(bgnbdBuyerModel, p, data);
          expect(Math.abs(s.logLikelihood - ll)).toBeLessThan(1e-9 * Math.max(1, Math.abs(ll)));
          expect(s.parameters).toBe(4);
          expect(s.customers).toBe(n);
          expect(Math.abs(s.aic - (8 - 2 * ll))).toBeLessThan(1e-8 * Math.max(1, Math.abs(ll)));
          expect(Math.abs(s.bic - (4 * Math.log(n) - 2 * ll))).toBeLessThan(
            1e-8 * Math.max(1, Math.abs(ll))
          );
        }
      ),
      { numRuns: 100 }
    );
  });

  test("the fit's parameters score best: any other parameters have a higher AIC", () => {
    const sim = simulateBgNbd({ r: 0.5, alpha: 4, a: 0.8, b: 2.5 }, 1500, 20, 40, 11);
    const data = { frequency: sim.frequency, recency: sim.recency, T: sim.T };
    const fit = bgnbdBuyerModel.fit(data);
    const best = modelScore(bgnbdBuyerModel, fit.parameters, data);
    expect(best.logLikelihood).toBeCloseTo(fit.logLikelihood, 8);
    for (const scale of [0.9, 1.1])
      for (let i = 0; i < 4; i++) {
        const other = fit.parameters.map((v, j) => (j === i ? v * scale : v));
        expect(modelScore(bgnbdBuyerModel, other, data).aic).toBeGreaterThan(best.aic);
      }
  });
});

describe("buyer models by name", () => {
  test("every model under any spelling; nonsense listed", () => {
    for (const name of ["BGNBD", "bg/nbd", "BG-NBD", " bg_nbd "])
      expect(buyerModelNamed(name).label).toBe("BG/NBD");
    for (const name of ["Pareto/NBD", "pareto-nbd", "PARETO_NBD"])
      expect(buyerModelNamed(name).label).toBe("Pareto/NBD");
    expect(buyerModelNamed("mbg/nbd").label).toBe("MBG/NBD");
    expect(buyerModelNamed("BG/BB").label).toBe("BG/BB");
    expect(() => buyerModelNamed("Weibull")).toThrow(/"BGNBD", "PARETO_NBD", "MBGNBD" or "BGBB"/);
  });

  test("parameters must be the model's count and range", () => {
    expect(() => checkedParameters(bgnbdBuyerModel, [1, 2, 3])).toThrow(/4 parameters/);
    expect(() => checkedParameters(bgnbdBuyerModel, [1, 2, -3, 4])).toThrow(/a must/);
    expect(checkedParameters(bgnbdBuyerModel, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
  });
});
