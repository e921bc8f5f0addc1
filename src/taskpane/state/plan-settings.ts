import { parseLocaleNumber, parseLocalePercent } from "../format/parse-number";
import type { ForecastSettings } from "../worker/protocol";

/** The Plan view's inputs as typed: text in the user's locale, blank meaning "from the data". */
export interface PlanChoices {
  horizon: 12 | 24 | 36;
  newText: string;
  growthText: string;
  revenueText: string;
  marginText: string;
  cacText: string;
  upliftText: string;
  /** "0" for no range, else the level ("0.8"). */
  level: string;
}

export const PLAN_HORIZONS = [12, 24, 36] as const;
export const PLAN_LEVELS = ["0.8", "0.9", "0.95", "0"] as const;

export const DEFAULT_PLAN_CHOICES: PlanChoices = {
  horizon: 12,
  newText: "",
  growthText: "0",
  revenueText: "",
  marginText: "100",
  cacText: "0",
  upliftText: "0",
  level: "0.8",
};

export type PlanField = "new" | "growth" | "revenue" | "margin" | "cac" | "uplift";

/** A number, 0 or more; blank is `blank`; null when it is not one. */
function amount(text: string, locale: string, blank: number | null): number | null | undefined {
  if (text.trim() === "") return blank;
  const n = parseLocaleNumber(text, locale);
  return n >= 0 && n < Infinity ? n : undefined;
}

/** A percentage typed as "5" or "5%" within [min, max] (as fractions); undefined when it is not. */
function percent(text: string, locale: string, min: number, max: number): number | undefined {
  const n = parseLocalePercent(text, locale);
  return n >= min && n <= max ? n : undefined;
}

/** The settings the worker takes, or the fields that are not valid. */
export function readPlanChoices(
  c: PlanChoices,
  locale: string
): { settings: ForecastSettings } | { invalid: PlanField[] } {
  const newPerPeriod = amount(c.newText, locale, null);
  const revenue = amount(c.revenueText, locale, null);
  const cac = amount(c.cacText, locale, 0);
  const growth = percent(c.growthText, locale, -1, 10);
  const margin = percent(c.marginText, locale, 0, 1);
  const uplift = percent(c.upliftText, locale, 0, 1);
  const invalid: PlanField[] = [];
  if (newPerPeriod === undefined) invalid.push("new");
  if (growth === undefined) invalid.push("growth");
  if (revenue === undefined) invalid.push("revenue");
  if (margin === undefined) invalid.push("margin");
  if (cac === undefined || cac === null) invalid.push("cac");
  if (uplift === undefined) invalid.push("uplift");
  if (invalid.length > 0) return { invalid };
  const level = Number(c.level);
  return {
    settings: {
      horizon: c.horizon,
      newPerPeriod: newPerPeriod ?? null,
      growth: growth!,
      revenuePerCustomer: revenue ?? null,
      margin: margin!,
      cac: cac!,
      uplift: uplift!,
      level: level > 0 ? level : null,
    },
  };
}
