/** MBG/NBD as a BuyerModel: its fit and formulas behind the model checks' interface. */
import { BuyerModel } from "./buyer-model";
import { checkBgNbd } from "./bgnbd";
import { fitMbgNbd, mbgnbdLogLikelihood } from "./mbgnbd-fit";
import { mbgnbdPurchaseCountProbability } from "./mbgnbd-probability";
import { mbgnbdConditionalExpectedPurchases, mbgnbdExpectedPurchasesNew } from "./mbgnbd-purchases";

export const mbgnbdBuyerModel: BuyerModel = {
  name: "MBGNBD",
  label: "MBG/NBD",
  parameterNames: ["r", "alpha", "a", "b"],
  time: "continuous",
  checkParameters: ([r, alpha, a, b]) => checkBgNbd(r, alpha, a, b),
  fit(data) {
    const fit = fitMbgNbd(data);
    return { parameters: [fit.r, fit.alpha, fit.a, fit.b], logLikelihood: fit.logLikelihood };
  },
  logLikelihood: (data, [r, alpha, a, b]) => {
    checkBgNbd(r, alpha, a, b);
    return mbgnbdLogLikelihood(data, r, alpha, a, b);
  },
  expectedPurchases: (t, [r, alpha, a, b]) => mbgnbdExpectedPurchasesNew(t, r, alpha, a, b),
  purchaseCountProbability: (x, t, [r, alpha, a, b]) =>
    mbgnbdPurchaseCountProbability(x, t, { r, alpha, a, b }),
  conditionalExpectedPurchases: (x, tx, T, t, [r, alpha, a, b]) =>
    mbgnbdConditionalExpectedPurchases(x, tx, T, t, r, alpha, a, b),
};
