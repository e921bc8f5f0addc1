/**
 * The "Customers who may have left" panel's choices as the user types them, read into the
 * model's CustomerLifetimeOptions: the time unit (the model's unit lengths, clv.ts), the holdout
 * as a whole number of days, the horizon in units and the annual discount rate typed in percent;
 * with BG/BB, the opportunity (a year, a quarter or a month) instead of the unit, and the
 * holdout and the horizon in whole opportunities.
 */
import type {
  CustomerLifetimeOptions,
  LifetimeModelName,
  OpportunityUnit,
} from "../../model/buyers/customer-lifetime";
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
/** BG/BB's opportunities, a year first (yearly donations, renewals). */
export const OPPORTUNITY_CHOICES: readonly OpportunityUnit[] = ["year", "quarter", "month"];
/** Five years, two years or one year ahead by default. */
export const DEFAULT_OPPORTUNITY_HORIZON: Record<OpportunityUnit, number> = {
  year: 5,
  quarter: 8,
  month: 12,
};
/** Twenty years of opportunities at most (a sum per opportunity and customer). */
export const MAX_OPPORTUNITY_HORIZON: Record<OpportunityUnit, number> = {
  year: 20,
  quarter: 80,
  month: 240,
};
/** The holdouts offered in whole opportunities, besides none. */
export const OPPORTUNITY_HOLDOUT_CHOICES: Record<OpportunityUnit, readonly number[]> = {
  year: [1, 2, 3],
  quarter: [1, 2, 4, 8],
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
  /** BG/BB's opportunity, its holdout (opportunities; 0: none) and horizon as typed. */
  opportunity: OpportunityUnit;
  opportunityHoldout: number;
  opportunityHorizonText: string;
}

export function defaultLifetimeChoices(locale: string): LifetimeChoices {
  return {
    unit: "week",
    holdout: 0,
    horizonText: DEFAULT_HORIZON.week.toLocaleString(locale),
    discountText: DEFAULT_DISCOUNT_PERCENT.toLocaleString(locale),
    opportunity: "year",
    opportunityHoldout: 0,
    opportunityHorizonText: DEFAULT_OPPORTUNITY_HORIZON.year.toLocaleString(locale),
  };
}

/** The horizon typed, or null when it is not a whole number of units from 1 to the maximum. */
export function readHorizon(choices: LifetimeChoices, locale: string): number | null {
  const n = parseLocaleNumber(choices.horizonText, locale);
  return Number.isInteger(n) && n >= 1 && n <= MAX_HORIZON[choices.unit] ? n : null;
}

/** BG/BB's horizon typed, or null when it is not a whole number of opportunities from 1 to the maximum. */
export function readOpportunityHorizon(choices: LifetimeChoices, locale: string): number | null {
  const n = parseLocaleNumber(choices.opportunityHorizonText, locale);
  return Number.isInteger(n) && n >= 1 && n <= MAX_OPPORTUNITY_HORIZON[choices.opportunity]
    ? n
    : null;
}

/** The annual discount rate typed in percent, as a fraction; null outside 0 to 100%. */
export function readDiscountRate(choices: LifetimeChoices, locale: string): number | null {
  const n = parseLocaleNumber(choices.discountText, locale);
  return Number.isFinite(n) && n >= 0 && n <= MAX_DISCOUNT_PERCENT ? n / 100 : null;
}

/**
 * The model's options for `model` (omitted: none named, the model's own default), or null while
 * an input is invalid. BG/BB reads its opportunity, holdout and horizon; the time unit is then
 * the opportunity's length in days, for the discount rate per opportunity.
 */
export function lifetimeOptions(
  choices: LifetimeChoices,
  locale: string,
  model?: LifetimeModelName
): CustomerLifetimeOptions | null {
  const rate = readDiscountRate(choices, locale);
  if (model === "BGBB") {
    const horizon = readOpportunityHorizon(choices, locale);
    if (horizon === null || rate === null) return null;
    return {
      timeUnitDays: unitDays(choices.opportunity, "opportunity"),
      holdoutDays: 0,
      horizon,
      annualDiscountRate: rate,
      model,
      opportunity: choices.opportunity,
      holdoutOpportunities: choices.opportunityHoldout,
    };
  }
  const horizon = readHorizon(choices, locale);
  if (horizon === null || rate === null) return null;
  const days = unitDays(choices.unit, "time unit");
  return {
    timeUnitDays: days,
    // The model holds out whole days (a month is 30.44 days: 3 months are 91).
    holdoutDays: Math.round(choices.holdout * days),
    horizon,
    annualDiscountRate: rate,
    ...(model === undefined ? {} : { model }),
  };
}

/** A new opportunity: as withUnit, the horizon follows its default when untouched, and the holdout resets. */
export function withOpportunity(
  choices: LifetimeChoices,
  opportunity: OpportunityUnit,
  locale: string
): LifetimeChoices {
  const untouched =
    readOpportunityHorizon(choices, locale) === DEFAULT_OPPORTUNITY_HORIZON[choices.opportunity];
  return {
    ...choices,
    opportunity,
    opportunityHoldout: 0,
    opportunityHorizonText: untouched
      ? DEFAULT_OPPORTUNITY_HORIZON[opportunity].toLocaleString(locale)
      : choices.opportunityHorizonText,
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
