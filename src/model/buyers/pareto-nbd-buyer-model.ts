/** Pareto/NBD as a BuyerModel: its fit and formulas behind the model checks' interface. */
import { BuyerModel } from "./buyer-model";
import { checkParetoNbd, paretoConditionalExpectedPurchases } from "./pareto-nbd";
import { fitParetoNbd, paretoNbdLogLikelihood } from "./pareto-nbd-fit";
import { paretoPurchaseCountProbability } from "./pareto-nbd-probability";
import { finite, invalidNumber } from "../errors";

/**
 * E[X(t)] for a new customer: the rate's mean r/α times the expected time alive in t,
 *   β/(s−1) · [1 − (β/(β+t))^{s−1}],
 * taken as β·(1 − e^{−εL})/ε with ε = s − 1 and L = ln(1 + t/β) (expm1: exact near s = 1, and
 * β·L at s = 1), as in paretoConditionalExpectedPurchases at T = 0.
 */
export function paretoExpectedPurchasesNew(
  t: number,
  r: number,
  alpha: number,
  s: number,
  beta: number
): number {
  checkParetoNbd(r, alpha, s, beta);
  if (!(t >= 0 && t < Infinity)) throw invalidNumber("t must be a number of periods, 0 or more");
  const L = Math.log1p(t / beta);
  const eps = s - 1;
  const timeAlive = beta * (eps === 0 ? L : -Math.expm1(-eps * L) / eps);
  return finite((r / alpha) * timeAlive, "expected purchases");
}

export const paretoNbdBuyerModel: BuyerModel = {
  name: "PARETO_NBD",
  label: "Pareto/NBD",
  parameterNames: ["r", "alpha", "s", "beta"],
  time: "continuous",
  checkParameters: ([r, alpha, s, beta]) => checkParetoNbd(r, alpha, s, beta),
  fit(data) {
    const fit = fitParetoNbd(data);
    return {
      parameters: [fit.r, fit.alpha, fit.s, fit.beta],
      logLikelihood: fit.logLikelihood,
    };
  },
  logLikelihood: (data, [r, alpha, s, beta]) => {
    checkParetoNbd(r, alpha, s, beta);
    return paretoNbdLogLikelihood(data, r, alpha, s, beta);
  },
  expectedPurchases: (t, [r, alpha, s, beta]) => paretoExpectedPurchasesNew(t, r, alpha, s, beta),
  purchaseCountProbability: (x, t, [r, alpha, s, beta]) =>
    paretoPurchaseCountProbability(x, t, r, alpha, s, beta),
  conditionalExpectedPurchases: (x, tx, T, t, [r, alpha, s, beta]) =>
    paretoConditionalExpectedPurchases(x, tx, T, t, r, alpha, s, beta),
};
