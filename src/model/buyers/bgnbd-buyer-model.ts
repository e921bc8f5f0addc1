/** BG/NBD as a BuyerModel: the existing fit and formulas behind the model checks' interface. */
import { BuyerModel } from "./buyer-model";
import { checkBgNbd } from "./bgnbd";
import { bgnbdLogLikelihood, fitBgNbd } from "./bgnbd-fit";
import { conditionalExpectedPurchases, expectedPurchasesNew } from "./bgnbd-purchases";
import { bgnbdPurchaseCountProbability } from "./purchase-count-probability";

export const bgnbdBuyerModel: BuyerModel = {
  name: "BGNBD",
  label: "BG/NBD",
  parameterNames: ["r", "alpha", "a", "b"],
  time: "continuous",
  checkParameters: ([r, alpha, a, b]) => checkBgNbd(r, alpha, a, b),
  fit(data) {
    const fit = fitBgNbd(data);
    return { parameters: [fit.r, fit.alpha, fit.a, fit.b], logLikelihood: fit.logLikelihood };
  },
  logLikelihood: (data, [r, alpha, a, b]) => {
    checkBgNbd(r, alpha, a, b);
    return bgnbdLogLikelihood(data, r, alpha, a, b);
  },
  expectedPurchases: (t, [r, alpha, a, b]) => expectedPurchasesNew(t, r, alpha, a, b),
  purchaseCountProbability: (x, t, [r, alpha, a, b]) =>
    bgnbdPurchaseCountProbability(x, t, { r, alpha, a, b }),
  conditionalExpectedPurchases: (x, tx, T, t, [r, alpha, a, b]) =>
    conditionalExpectedPurchases(x, tx, T, t, r, alpha, a, b),
};
