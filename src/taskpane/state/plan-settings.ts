import type { PlanScenario } from "../../scenarios/plan-scenario-kind";
import { formatForInput } from "../format/format-number";
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
  /**
   * New customers by future period, pasted from a sheet's row or column (tabs, new lines or
   * semicolons between them); blank: the first period's count growing by `growthText`.
   */
  pastedText: string;
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
  pastedText: "",
  level: "0.8",
};

export type PlanField = "new" | "growth" | "revenue" | "margin" | "cac" | "uplift" | "pasted";

/**
 * A pasted row of new customers: one number a period, at least `horizon` of them (the first
 * `horizon` are used). Blank is null; a cell that is not a count, or too few, is the problem.
 */
export function readPastedRow(
  text: string,
  locale: string,
  horizon: number
): { row: number[] | null } | { bad: string; at: number } | { tooFew: number } {
  if (text.trim() === "") return { row: null };
  const cells = text
    .split(/[\t\r\n;]+/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
  const row: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const n = parseLocaleNumber(cells[i], locale);
    if (!(n >= 0 && n < Infinity)) return { bad: cells[i], at: i + 1 };
    row.push(n);
  }
  if (row.length < horizon) return { tooFew: row.length };
  return { row: row.slice(0, horizon) };
}

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
):
  | { settings: ForecastSettings }
  | { invalid: PlanField[]; pasted?: { bad: string; at: number } | { tooFew: number } } {
  const newPerPeriod = amount(c.newText, locale, null);
  const revenue = amount(c.revenueText, locale, null);
  const cac = amount(c.cacText, locale, 0);
  const growth = percent(c.growthText, locale, -1, 10);
  const margin = percent(c.marginText, locale, 0, 1);
  const uplift = percent(c.upliftText, locale, 0, 1);
  const pasted = readPastedRow(c.pastedText, locale, c.horizon);
  const invalid: PlanField[] = [];
  if (newPerPeriod === undefined) invalid.push("new");
  if (growth === undefined) invalid.push("growth");
  if (revenue === undefined) invalid.push("revenue");
  if (margin === undefined) invalid.push("margin");
  if (cac === undefined || cac === null) invalid.push("cac");
  if (uplift === undefined) invalid.push("uplift");
  if (!("row" in pasted)) invalid.push("pasted");
  if (invalid.length > 0) return "row" in pasted ? { invalid } : { invalid, pasted };
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
      pasted: "row" in pasted ? pasted.row : null,
    },
  };
}

/** A valid plan's settings as a saved plan (numbers, not the text typed). */
export function planScenario(name: string, s: ForecastSettings): PlanScenario {
  return {
    name,
    horizon: s.horizon as PlanScenario["horizon"],
    newPerPeriod: s.newPerPeriod,
    growth: s.growth,
    pasted: s.pasted === null ? null : [...s.pasted],
    revenuePerCustomer: s.revenuePerCustomer,
    margin: s.margin,
    cac: s.cac,
    uplift: s.uplift,
    level: s.level as PlanScenario["level"],
  };
}

/**
 * A saved plan as the Plan view's fields, written in the user's locale. Percentages are rounded
 * to 6 decimals, so 0.07 shows as "7", not as the float 7.000000000000001.
 */
export function planChoicesFrom(plan: PlanScenario, locale: string): PlanChoices {
  const text = (v: number | null) => formatForInput(v, locale);
  const percent = (v: number) => text(Math.round(v * 100 * 1e6) / 1e6);
  return {
    horizon: plan.horizon,
    newText: text(plan.newPerPeriod),
    growthText: percent(plan.growth),
    revenueText: text(plan.revenuePerCustomer),
    marginText: percent(plan.margin),
    cacText: text(plan.cac),
    upliftText: percent(plan.uplift),
    pastedText: plan.pasted === null ? "" : plan.pasted.map((m) => text(m)).join("\t"),
    level: plan.level === null ? "0" : String(plan.level),
  };
}
