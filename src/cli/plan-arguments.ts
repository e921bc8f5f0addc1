/**
 * `retention-report plan`: its usage text and its command line. The data flags are those of
 * `cohorts` (read by parseCohortsArguments); the plan's own are read here.
 */
import { CohortsArguments, parseCohortsArguments } from "./cohorts-arguments";
import { UsageError } from "./arguments";

export const DEFAULT_PLAN_OUTPUT = "plan.xlsx";

export const PLAN_USAGE = `Usage: retention-report plan (--orders FILE | --subscriptions FILE) [--horizon 12]
         [--new-customers N | --new-customers N1,N2,...] [--growth 0] [--revenue X]
         [--margin 100%] [--cac 0] [--uplift 0] [--interval 80%] [--currency USD]
         [--out ${DEFAULT_PLAN_OUTPUT}] [--force] [--lang en|zh-CN] [cohorts' data flags]

Writes the "Plan" workbook: customers, revenue and margin for the next periods from the sBG
model fitted to the data's cohorts (today's customers shrinking, the planned new customers
retaining as past cohorts did), with the model's prediction interval, each planned cohort's
LTV : CAC and payback, and a backtest (the same forecast made a year ago, against what happened).
Every forecast cell is a native formula of the named inputs, so the plan stays editable.

  --horizon N            future periods to plan, 1 to 120 (default 12)
  --new-customers N      new customers planned for the first future period (default: the
                         latest complete period's), or a comma-separated row, one per period
  --growth R             growth of the planned new customers per period (2% or 0.02; default 0)
  --revenue X            revenue per active customer per period (default: the latest
                         complete period's, from the data's amounts)
  --margin M             margin as a share of revenue (30% or 0.3; default 100%)
  --cac X                acquisition cost per new customer (default 0)
  --uplift U             retention uplift: every period's churn × (1 − U) (5% or 0.05; default 0)
  --interval L           the range's level (80% or 0.8; default 80%); 0 for none
  --currency CODE        the currency of the money cells (default USD)

The data flags (--period, --window, --end-date, --drop-future, the column flags, --date-format,
--decimal, --engine) are those of retention-report cohorts (see retention-report cohorts --help).
Exit codes: 0 written, 1 bad data or existing output, 2 bad usage.`;

export interface PlanArguments extends CohortsArguments {
  horizon: number;
  /** One number: the first period's planned new customers; several: the whole row. */
  newCustomers: number[] | null;
  growth: number;
  revenue: number | null;
  margin: number;
  cac: number;
  uplift: number;
  /** The range's level, or null for none. */
  interval: number | null;
  currency: string;
}

/** "5%" → 0.05, "0.05" → 0.05; a usage error naming the flag otherwise. */
function share(flag: string, text: string, min: number, max: number): number {
  const percent = /%\s*$/.test(text);
  const n = Number(text.replace(/%\s*$/, "").trim());
  const value = percent ? n / 100 : n;
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max)
    throw new UsageError(
      `${flag} must be a share from ${min * 100}% to ${max * 100}% (such as 5% or 0.05), not "${text}"`
    );
  return value;
}

function amount(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !(n >= 0 && n < Infinity))
    throw new UsageError(`${flag} must be an amount, 0 or more, not "${text}"`);
  return n;
}

export function parsePlanArguments(args: string[]): PlanArguments {
  const own: Omit<PlanArguments, keyof CohortsArguments> = {
    horizon: 12,
    newCustomers: null,
    growth: 0,
    revenue: null,
    margin: 1,
    cac: 0,
    uplift: 0,
    interval: 0.8,
    currency: "USD",
  };
  const data = parseCohortsArguments(
    args,
    (flag, value) => {
      switch (flag) {
        case "--horizon": {
          const text = value();
          const n = Number(text);
          if (!(Number.isInteger(n) && n >= 1 && n <= 120))
            throw new UsageError(
              `--horizon must be a whole number of periods from 1 to 120, not "${text}"`
            );
          own.horizon = n;
          return true;
        }
        case "--new-customers":
          own.newCustomers = value()
            .split(",")
            .map((part) => amount("--new-customers", part));
          return true;
        case "--growth":
          own.growth = share(flag, value(), -1, 10);
          return true;
        case "--revenue":
          own.revenue = amount(flag, value());
          return true;
        case "--margin":
          own.margin = share(flag, value(), 0, 1);
          return true;
        case "--cac":
          own.cac = amount(flag, value());
          return true;
        case "--uplift":
          own.uplift = share(flag, value(), 0, 1);
          return true;
        case "--interval": {
          const level = share(flag, value(), 0, 0.999);
          own.interval = level === 0 ? null : level;
          return true;
        }
        case "--currency": {
          const code = value().toUpperCase();
          if (!/^[A-Z]{3}$/.test(code))
            throw new UsageError(
              `--currency must be a three-letter code such as USD, not "${code}"`
            );
          own.currency = code;
          return true;
        }
        default:
          return false;
      }
    },
    DEFAULT_PLAN_OUTPUT
  );
  return { ...data, ...own };
}
