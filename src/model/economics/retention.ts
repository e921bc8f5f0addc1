import { divisionByZero, finite, invalidNumber } from "../errors";

/** 0: retained ÷ start customers (“15 Customer Retention Strategies”). 1: retained ÷ (start + new) (the variant of “Customer Retention Rate”). */
export type RetentionBasis = 0 | 1;

/**
 * Customer retention rate for one period: (E − N) / S, or (E − N) / (S + N) with basis 1.
 * S = customers at the start, E = at the end, N = new customers won during the period.
 */
export function retentionRate(start: number, end: number, won: number, basis: number = 0): number {
  if (basis !== 0 && basis !== 1)
    throw invalidNumber("basis must be 0 (retained ÷ start) or 1 (retained ÷ (start + new))");
  if (start < 0 || end < 0 || won < 0) throw invalidNumber("customer counts cannot be negative");
  // No customers to start from is #DIV/0! whatever E and N are: the rate is undefined before
  // it is impossible (docs/functions-economics.md: S = 0, or S + N = 0 with basis 1, gives #DIV/0!).
  const denominator = basis === 0 ? start : start + won;
  if (denominator === 0) throw divisionByZero("no customers at the start of the period");
  const retained = end - won;
  if (retained < 0)
    throw invalidNumber("new customers exceed end customers: retained customers would be negative");
  if (retained > start)
    throw invalidNumber("retained customers (end − new) exceed start customers");
  return retained / denominator;
}

/**
 * Annual retention benchmarks from “15 Customer Retention Strategies”: at least 20% for a small
 * business, above 79% in insurance and media. Yearly figures, so only a yearly rate is read
 * against them.
 */
export const RETENTION_BENCHMARKS = { smallBusiness: 0.2, insuranceMedia: 0.79 } as const;

function checkRate(rate: number, name = "retention rate"): void {
  if (!(rate >= 0 && rate <= 1))
    throw invalidNumber(`${name} must be between 0 and 1 (0% to 100%)`);
}

/** Share of customers lost in a period: 1 − retention. */
export function churnRate(retention: number): number {
  checkRate(retention);
  return 1 - retention;
}

/** Expected customer lifetime in periods under constant retention r: 1 / (1 − r). */
export function expectedLifetime(retention: number): number {
  checkRate(retention);
  if (retention === 1)
    throw divisionByZero("with 100% retention customers never leave: the lifetime is infinite");
  return 1 / (1 - retention);
}

/**
 * Retention over a different period length: r^periods. Monthly → annual is periods = 12
 * (never 12 × monthly); annual → monthly is periods = 1/12.
 */
export function rescaleRetention(retention: number, periods: number): number {
  checkRate(retention);
  if (!(periods > 0)) throw invalidNumber("periods must be greater than 0");
  return finite(Math.pow(retention, periods), "rescaled retention");
}
