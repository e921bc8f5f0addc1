/**
 * Log-likelihood, AIC and BIC of a buyer model on customers (x, t_x, T), for comparing models
 * fitted to the same data (docs/definitions.md §10, "Checking a buyer model"):
 *   AIC = 2k − 2 ln L,   BIC = k ln n − 2 ln L,
 * k the model's parameters, n the customers (the sum of the weights), ln L = Σ weight × ln L_i.
 * Lower is better; BIC charges each parameter more once n exceeds e² ≈ 7.4 customers.
 */
import { BuyerModel } from "./buyer-model";
import { CustomerSummary } from "./bgnbd-fit";
import { finite, invalidNumber } from "../errors";
import { rowWeight } from "./repeat-histogram";

export interface ModelScore {
  parameters: number;
  logLikelihood: number;
  aic: number;
  bic: number;
  customers: number;
}

export function informationCriteria(
  logLikelihood: number,
  parameters: number,
  customers: number
): { aic: number; bic: number } {
  return {
    aic: 2 * parameters - 2 * logLikelihood,
    bic: parameters * Math.log(customers) - 2 * logLikelihood,
  };
}

export function modelScore(
  model: BuyerModel,
  parameters: readonly number[],
  data: CustomerSummary
): ModelScore {
  model.checkParameters(parameters);
  const weight = data.weight ?? null;
  let customers = 0;
  for (let i = 0; i < data.frequency.length; i++) customers += rowWeight(weight, i);
  if (!(customers > 0)) throw invalidNumber("there are no customers (or every weight is 0)");
  const logLikelihood = finite(model.logLikelihood(data, parameters), "the log-likelihood");
  const k = model.parameterNames.length;
  return {
    parameters: k,
    logLikelihood,
    ...informationCriteria(logLikelihood, k, customers),
    customers,
  };
}
