/**
 * The "Customers who may have left" panel's choices as the user types them, read into the
 * model's CustomerLifetimeOptions: the time unit (the model's unit lengths, clv.ts), the holdout
 * as a whole number of days, the horizon in units and the annual discount rate typed in percent.
 */
import type { CustomerLifetimeOptions } from "../../model/buyers/customer-lifetime";
import { unitDays } from "../../model/buyers/clv";
import { parseLocaleNumber } from "../format/parse-number";

export const LIFETIME_UNITS = ["day", "week", "month"] as const;
export type LifetimeUnit = (typeof LIFETIME_UNITS)[number];

/** A year ahead by default. */
export const DEFAULT_HORIZON: Record<LifetimeUnit, number> = { day: 365, week: 52, month: 12 };
/**
 * At most two years of days or five of weeks or months: CLV sums every unit of the horizon for
 * every customer (about a microsecond per customer and unit), so 150,000 customers over 260
 * weeks already take tens of seconds in the worker.
 */
export const MAX_HORIZON: Record<LifetimeUnit, number> = { day: 730, week: 260, month: 60 };
/** The holdouts offered (the last N units of the data), besides none. */
export const HOLDOUT_CHOICES: Record<LifetimeUnit, readonly number[]> = {
  day: [7, 14, 28, 56, 91],
  week: [4, 8, 13, 26, 52],
  month: [1, 2, 3, 6, 12],
};
export const DEFAULT_DISCOUNT_PERCENT = 10;
export const MAX_DISCOUNT_PERCENT = 100;

export interface LifetimeChoices {
  unit: LifetimeUnit;
  /** Units held out; 0: none. */
  holdout: number;
  horizonText: string;
  discountText: string;
}

export function defaultLifetimeChoices(locale: string): LifetimeChoices {
  return {
    unit: "week",
    holdout: 0,
    horizonText: DEFAULT_HORIZON.week.toLocaleString(locale),
    discountText: DEFAULT_DISCOUNT_PERCENT.toLocaleString(locale),
  };
}

/** The horizon typed, or null when it is not a whole number of units from 1 to the maximum. */
export function readHorizon(choices: LifetimeChoices, locale: string): number | null {
  const n = parseLocaleNumber(choices.horizonText, locale);
  return Number.isInteger(n) && n >= 1 && n <= MAX_HORIZON[choices.unit] ? n : null;
}

/** The annual discount rate typed in percent, as a fraction; null outside 0 to 100%. */
export function readDiscountRate(choices: LifetimeChoices, locale: string): number | null {
  const n = parseLocaleNumber(choices.discountText, locale);
  return Number.isFinite(n) && n >= 0 && n <= MAX_DISCOUNT_PERCENT ? n / 100 : null;
}

/** The model's options, or null while an input is invalid. */
export function lifetimeOptions(
  choices: LifetimeChoices,
  locale: string
): CustomerLifetimeOptions | null {
  const horizon = readHorizon(choices, locale);
  const rate = readDiscountRate(choices, locale);
  if (horizon === null || rate === null) return null;
  const days = unitDays(choices.unit, "time unit");
  return {
    timeUnitDays: days,
    // The model holds out whole days (a month is 30.44 days: 3 months are 91).
    holdoutDays: Math.round(choices.holdout * days),
    horizon,
    annualDiscountRate: rate,
  };
}

/** A new unit: the horizon follows when it was still the old unit's default; the holdout resets (3 weeks are not 3 months). */
export function withUnit(
  choices: LifetimeChoices,
  unit: LifetimeUnit,
  locale: string
): LifetimeChoices {
  const untouched = readHorizon(choices, locale) === DEFAULT_HORIZON[choices.unit];
  return {
    ...choices,
    unit,
    holdout: 0,
    horizonText: untouched ? DEFAULT_HORIZON[unit].toLocaleString(locale) : choices.horizonText,
  };
}
