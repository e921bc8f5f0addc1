/**
 * The BG/BB model of discrete opportunities (Fader, Hardie & Shang 2010; docs/definitions.md,
 * BG/BB): at each opportunity (a year's appeal, an annual event) a customer still alive
 * transacts with probability p, p ~ Beta(α, β); before each opportunity an alive customer
 * drops out with probability θ, θ ~ Beta(γ, δ). A customer's summary is (x, t_x, n): the
 * opportunities with a transaction, the last of them (0 if none) and the opportunities seen.
 * Per customer (the likelihood, with B the beta function):
 *   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)                               ("alive at n")
 *     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)   ("gone at t_x+i+1").
 * The sum's terms fall by the factor (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+δ+1+t_x+i), so it
 * is summed relative to its first term and everything stays in logs: never 0/0 for long
 * histories.
 */
import { invalidNumber, invalidValue } from "../errors";
import { digamma, logGamma } from "../numerics/log-gamma";

export interface BgBbParameters {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

/** More opportunities than this is taken for a data error (the likelihood sums over them). */
export const MAX_OPPORTUNITIES = 100_000;

/** α, β, γ, δ must be positive finite numbers: #NUM! otherwise. */
export function checkBgBb(alpha: number, beta: number, gamma: number, delta: number): void {
  for (const [name, v] of [
    ["alpha", alpha],
    ["beta", beta],
    ["gamma", gamma],
    ["delta", delta],
  ] as const)
    if (!(v > 0 && v < Infinity)) throw invalidNumber(`${name} must be a number greater than 0`);
}

const at = (row: number | null) => (row === null ? "" : ` (row ${row})`);
const whole = (v: number, top: number) => v >= 0 && v <= top && Math.trunc(v) === v;

/**
 * One customer's (x, t_x, n): whole numbers with x ≤ t_x ≤ n, and t_x = 0 exactly when x = 0.
 * #VALUE! naming the argument (and the row, for columns): bad data, not a bad model.
 */
export function checkBgBbCustomer(x: number, tx: number, n: number, row: number | null = null) {
  if (!whole(n, MAX_OPPORTUNITIES))
    throw invalidValue(
      `n_periods must be a whole number of opportunities, 0 to ${MAX_OPPORTUNITIES}${at(row)}`
    );
  if (!whole(x, n))
    throw invalidValue(
      `frequency must be a whole number of opportunities with a transaction, 0 to n_periods (${n})${at(row)}`
    );
  if (!whole(tx, n))
    throw invalidValue(
      `recency must be the opportunity of the last transaction, a whole number 0 to n_periods (${n})${at(row)}`
    );
  if (x === 0 ? tx !== 0 : tx < x)
    throw invalidValue(
      x === 0
        ? `recency must be 0 for a customer with no transaction${at(row)}`
        : `recency (${tx}) is below frequency (${x})${at(row)}: the last of x transactions comes at opportunity x or later`
    );
}

const lnBeta = (p: number, q: number) => logGamma(p) + logGamma(q) - logGamma(p + q);

/**
 * ln L of one customer, split as ln L = lnAlive + ln(1 + e^{lnGone − lnAlive}):
 * lnAlive the "alive at n" term, lnGone the log of the sum over dropout times.
 */
export function bgbbCustomerTerms(
  x: number,
  tx: number,
  n: number,
  { alpha, beta, gamma, delta }: BgBbParameters
): { lnAlive: number; lnL: number } {
  const lnAB = lnBeta(alpha, beta);
  const lnGD = lnBeta(gamma, delta);
  const lnAlive = lnBeta(alpha + x, beta + n - x) - lnAB + lnBeta(gamma, delta + n) - lnGD;
  if (tx === n) return { lnAlive, lnL: lnAlive };
  const lnFirst = lnBeta(alpha + x, beta + tx - x) - lnAB + lnBeta(gamma + 1, delta + tx) - lnGD;
  let term = 1;
  let sum = 1;
  for (let i = 0; i < n - tx - 1; i++) {
    const m = tx + i;
    term *= ((beta + m - x) / (alpha + beta + m)) * ((delta + m) / (gamma + delta + 1 + m));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  const lnGone = lnFirst + Math.log(sum);
  const hi = Math.max(lnAlive, lnGone);
  return { lnAlive, lnL: hi + Math.log1p(Math.exp(Math.min(lnAlive, lnGone) - hi)) };
}

/** P(alive at opportunity n+1 | x, t_x, n): alive at n, then surviving one more coin. */
export function bgbbProbabilityAlive(
  x: number,
  tx: number,
  n: number,
  parameters: BgBbParameters
): number {
  const { alpha, beta, gamma, delta } = parameters;
  checkBgBb(alpha, beta, gamma, delta);
  checkBgBbCustomer(x, tx, n);
  const { lnAlive, lnL } = bgbbCustomerTerms(x, tx, n, parameters);
  return Math.min(1, Math.exp(lnAlive - lnL) * ((delta + n) / (gamma + delta + n)));
}

/** Future opportunities summed one by one up to this many; beyond, the closed form. */
const DIRECT_FUTURE = 100_000;

/**
 * Σ_{k=1}^{K} E[(1−θ)^k] for θ ~ Beta(γ, D): the expected opportunities alive among the next
 * K. Term by term (each the last times (D+k−1)/(γ+D+k−1)) up to DIRECT_FUTURE, then
 *   D/(γ−1) · (1 − Γ(γ+D)Γ(1+D+K)/(Γ(1+D)Γ(γ+D+K))),
 * and its limit D·(ψ(1+D+K) − ψ(1+D)) at γ = 1, where the closed form is 0/0.
 */
function expectedAliveOpportunities(gamma: number, D: number, K: number): number {
  if (K <= DIRECT_FUTURE) {
    let term = 1;
    let sum = 0;
    for (let k = 1; k <= K; k++) {
      term *= (D + k - 1) / (gamma + D + k - 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return sum;
  }
  if (Math.abs(gamma - 1) < 1e-6) return D * (digamma(1 + D + K) - digamma(1 + D));
  const lnRatio =
    logGamma(gamma + D) - logGamma(1 + D) + logGamma(1 + D + K) - logGamma(gamma + D + K);
  return (D / (gamma - 1)) * -Math.expm1(lnRatio);
}

/**
 * E[transactions in the next `future` opportunities | x, t_x, n]:
 *   P(alive at n) · (α+x)/(α+β+n) · Σ_{k=1}^{future} E[(1−θ)^k | alive at n],
 * the paper's closed form rearranged so that γ = 1 and long histories stay finite.
 */
export function bgbbConditionalExpectedTransactions(
  x: number,
  tx: number,
  n: number,
  future: number,
  parameters: BgBbParameters
): number {
  const { alpha, beta, gamma, delta } = parameters;
  checkBgBb(alpha, beta, gamma, delta);
  checkBgBbCustomer(x, tx, n);
  if (!(future >= 0 && future < Infinity && Math.trunc(future) === future))
    throw invalidNumber("future_periods must be a whole number of opportunities, 0 or more");
  if (future === 0) return 0;
  const { lnAlive, lnL } = bgbbCustomerTerms(x, tx, n, parameters);
  const value =
    Math.exp(lnAlive - lnL) *
    ((alpha + x) / (alpha + beta + n)) *
    expectedAliveOpportunities(gamma, delta + n, future);
  if (!Number.isFinite(value))
    throw invalidNumber("the expected transactions are too large to represent");
  return value;
}

function checkOpportunities(n: number, name: string): void {
  if (!whole(n, MAX_OPPORTUNITIES))
    throw invalidNumber(
      `${name} must be a whole number of opportunities, 0 to ${MAX_OPPORTUNITIES}`
    );
}

/** E[X(n)]: a new customer's expected transactions in the first n opportunities, α/(α+β) · Σ_k E[(1−θ)^k]. */
export function bgbbExpectedTransactions(n: number, parameters: BgBbParameters): number {
  const { alpha, beta, gamma, delta } = parameters;
  checkBgBb(alpha, beta, gamma, delta);
  checkOpportunities(n, "n_periods");
  return (alpha / (alpha + beta)) * expectedAliveOpportunities(gamma, delta, n);
}

/**
 * P(X(n) = x): the probability of transactions at exactly x of the first n opportunities,
 *   C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ),
 * alive throughout, or alive for exactly i opportunities; summed in logs around the largest term.
 */
export function bgbbTransactionCountProbability(
  x: number,
  n: number,
  parameters: BgBbParameters
): number {
  const { alpha, beta, gamma, delta } = parameters;
  checkBgBb(alpha, beta, gamma, delta);
  checkOpportunities(n, "n_periods");
  if (!(x >= 0 && Math.trunc(x) === x && x < Infinity))
    throw invalidNumber("x must be a whole number of transactions, 0 or more");
  if (x > n) return 0;
  const lnAB = lnBeta(alpha, beta);
  const lnGD = lnBeta(gamma, delta);
  const lnChoose = (i: number) => logGamma(i + 1) - logGamma(x + 1) - logGamma(i - x + 1);
  const terms = [
    lnChoose(n) + lnBeta(alpha + x, beta + n - x) - lnAB + lnBeta(gamma, delta + n) - lnGD,
  ];
  for (let i = x; i < n; i++)
    terms.push(
      lnChoose(i) + lnBeta(alpha + x, beta + i - x) - lnAB + lnBeta(gamma + 1, delta + i) - lnGD
    );
  let top = -Infinity;
  for (const t of terms) top = Math.max(top, t);
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - top);
  return Math.min(1, Math.exp(top + Math.log(sum)));
}
