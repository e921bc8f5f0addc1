/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; docs/definitions.md §10): each
 * purchase of a customer is worth z ~ Gamma(p, ν), and ν ~ Gamma(q, γ) across customers; spend
 * is assumed independent of how often a customer buys. A customer's expected average spend,
 * given x repeat purchases of mean m, is the posterior mean
 *   E[M | x, m] = p (γ + m x) / (p x + q − 1),
 * a weighted mean of the population's γp/(q−1) and the customer's own m. It needs q > 1: with
 * q ≤ 1 the population's mean spend is infinite.
 */
import { finite, invalidNumber, invalidValue } from "../errors";

/** p, q, γ must be positive finite numbers: #NUM! otherwise. */
export function checkGammaGamma(p: number, q: number, gamma: number): void {
  if (!(p > 0 && p < Infinity)) throw invalidNumber("p must be a number greater than 0");
  if (!(q > 0 && q < Infinity)) throw invalidNumber("q must be a number greater than 0");
  if (!(gamma > 0 && gamma < Infinity))
    throw invalidNumber("gamma must be a number greater than 0");
}

/** Expected average spend per purchase of a customer with x repeat purchases of mean value m. */
export function expectedAverageSpend(
  x: number,
  m: number,
  p: number,
  q: number,
  gamma: number
): number {
  checkGammaGamma(p, q, gamma);
  if (!(x >= 0 && x < Infinity && Math.trunc(x) === x))
    throw invalidValue("frequency must be a whole number of repeat purchases, 0 or more");
  if (!(m >= 0 && m < Infinity)) throw invalidValue("monetary_value must be 0 or more");
  if (!(q > 1))
    throw invalidNumber(
      "q must be above 1 for the expected spend to be finite: with q ≤ 1 the model's mean spend is infinite"
    );
  // x = 0: the population mean γp/(q−1); m plays no part.
  const spend = x === 0 ? (gamma * p) / (q - 1) : (p * (gamma + m * x)) / (p * x + q - 1);
  return finite(spend, "expected spend");
}
