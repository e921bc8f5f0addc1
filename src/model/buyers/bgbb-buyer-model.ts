/**
 * BG/BB as a BuyerModel: its fit and formulas behind the model checks' interface. Time is
 * discrete: T is the customer's opportunities n, and every t is a whole number of them.
 */
import { BuyerModel } from "./buyer-model";
import {
  bgbbConditionalExpectedTransactions,
  bgbbExpectedTransactions,
  bgbbTransactionCountProbability,
  checkBgBb,
} from "./bgbb";
import { bgbbLogLikelihood, fitBgBb } from "./bgbb-fit";
import { CustomerSummary } from "./bgnbd-fit";

const asOpportunities = (data: CustomerSummary) => ({
  frequency: data.frequency,
  recency: data.recency,
  n: data.T,
  weight: data.weight,
});

export const bgbbBuyerModel: BuyerModel = {
  name: "BGBB",
  label: "BG/BB",
  parameterNames: ["alpha", "beta", "gamma", "delta"],
  time: "discrete",
  checkParameters: ([alpha, beta, gamma, delta]) => checkBgBb(alpha, beta, gamma, delta),
  fit(data) {
    const fit = fitBgBb(asOpportunities(data));
    return {
      parameters: [fit.alpha, fit.beta, fit.gamma, fit.delta],
      logLikelihood: fit.logLikelihood,
    };
  },
  logLikelihood: (data, [alpha, beta, gamma, delta]) => {
    checkBgBb(alpha, beta, gamma, delta);
    return bgbbLogLikelihood(asOpportunities(data), alpha, beta, gamma, delta);
  },
  expectedPurchases: (t, [alpha, beta, gamma, delta]) =>
    bgbbExpectedTransactions(t, { alpha, beta, gamma, delta }),
  purchaseCountProbability: (x, t, [alpha, beta, gamma, delta]) =>
    bgbbTransactionCountProbability(x, t, { alpha, beta, gamma, delta }),
  conditionalExpectedPurchases: (x, tx, T, t, [alpha, beta, gamma, delta]) =>
    bgbbConditionalExpectedTransactions(x, tx, T, t, { alpha, beta, gamma, delta }),
};
