import { ltv, PaymentTiming } from "./ltv";
import {
  combinedEconomics,
  SegmentEconomics,
  SegmentInputs,
  segmentEconomics,
  segmentProblems,
} from "./segment";
import { invalidNumber } from "../errors";

export type SegmentKey = "new" | "returning";

/** Everything the what-if panel and the report model: the worked example's shape (docs/definitions.md §2, §4). */
export interface Scenario {
  name: string;
  /** ISO code; changes how money is shown, nothing else. */
  currency: string;
  segments: Record<SegmentKey, SegmentInputs>;
  retention: {
    /** Retention rate per period, a fraction. Drives LTV; drives returning customers when linked. */
    rate: number;
    /** Customers at the start of the period (used when linked). */
    startCustomers: number;
    /** When on, returning customers = rate × start customers. */
    linked: boolean;
  };
  ltv: {
    discountRate: number;
    /** null = unlimited horizon. */
    periods: number | null;
    timing: PaymentTiming;
  };
}

export interface ScenarioResults {
  /** The segments as evaluated (returning customers replaced when the retention link is on). */
  inputs: Record<SegmentKey, SegmentInputs>;
  new: SegmentEconomics;
  returning: SegmentEconomics;
  total: SegmentEconomics;
  comparison: {
    /** How many times more a new customer costs than a returning one (cost per customer). */
    costRatio: number;
    /** Profit per returning customer − profit per new customer. */
    extraProfitPerReturning: number;
    /** Profit per returning customer ÷ profit per new customer − 1 (e.g. 3.03 = 303% more). */
    extraProfitShare: number;
  };
  ltv: {
    /** Margin per period: profit per returning customer. */
    margin: number;
    /** LTV of a returning customer. */
    value: number;
    /** Acquisition cost per new customer (new segment's spend per customer). */
    cac: number;
    /** LTV ÷ CAC, read against 3 : 1. */
    ltvToCac: number;
    /** Periods of margin needed to earn back the CAC. */
    cacPaybackPeriods: number;
  };
}

/** The worked example of docs/definitions.md §2 (“How a Business Keeps Its Customers: 16 Ways”), roubles. Retention 80 of 100. */
export const WORKED_EXAMPLE: Scenario = Object.freeze({
  name: "Worked example",
  currency: "RUB",
  segments: {
    new: { marketingSpend: 1_617_000, overheads: 500_000, customers: 75, averageBill: 30_000 },
    returning: {
      marketingSpend: 1_328_000,
      overheads: 500_000,
      customers: 80,
      averageBill: 30_000,
    },
  },
  retention: { rate: 0.8, startCustomers: 100, linked: false },
  ltv: { discountRate: 0.1, periods: null, timing: 0 },
}) as Scenario;

/** A deep copy, so callers can edit freely. */
export function cloneScenario(s: Scenario): Scenario {
  return {
    ...s,
    segments: { new: { ...s.segments.new }, returning: { ...s.segments.returning } },
    retention: { ...s.retention },
    ltv: { ...s.ltv },
  };
}

/** Field paths for messages, e.g. "segments.new.customers" → "must be greater than 0". */
export function scenarioProblems(s: Scenario): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of ["new", "returning"] as const) {
    const seg = effectiveSegments(s)[key];
    for (const [field, message] of Object.entries(segmentProblems(seg))) {
      const path =
        key === "returning" && field === "customers" && s.retention.linked
          ? "retention.startCustomers"
          : `segments.${key}.${field}`;
      problems[path] = message as string;
    }
  }
  const { rate, startCustomers } = s.retention;
  if (!Number.isFinite(rate)) problems["retention.rate"] = "must be a number";
  else if (rate < 0 || rate > 1) problems["retention.rate"] = "must be between 0% and 100%";
  if (s.retention.linked && !(startCustomers > 0) && !problems["retention.startCustomers"])
    problems["retention.startCustomers"] = "must be greater than 0";
  const { discountRate, periods, timing } = s.ltv;
  if (!Number.isFinite(discountRate)) problems["ltv.discountRate"] = "must be a number";
  else if (discountRate < 0) problems["ltv.discountRate"] = "cannot be negative";
  if (periods !== null && !(periods >= 1))
    problems["ltv.periods"] = "must be at least 1, or empty for no limit";
  if (timing !== 0 && timing !== 1)
    problems["ltv.timing"] = "must be 0 (end of period) or 1 (beginning)";
  if (
    !problems["ltv.discountRate"] &&
    !problems["retention.rate"] &&
    periods === null &&
    discountRate === 0 &&
    rate === 1
  ) {
    problems["ltv.discountRate"] =
      "100% retention with no discounting and no horizon has no finite LTV";
  }
  return problems;
}

/** Returning customers as the retention link derives them: rate × customers at the start. */
export function linkedReturningCustomers(s: Scenario): number {
  return s.retention.rate * s.retention.startCustomers;
}

function effectiveSegments(s: Scenario): Record<SegmentKey, SegmentInputs> {
  if (!s.retention.linked) return s.segments;
  return {
    new: s.segments.new,
    returning: {
      ...s.segments.returning,
      customers: linkedReturningCustomers(s),
    },
  };
}

/** Evaluates a valid scenario; throws a DomainError naming the first problem otherwise. */
export function evaluateScenario(s: Scenario): ScenarioResults {
  const problems = scenarioProblems(s);
  const first = Object.keys(problems)[0];
  if (first) throw invalidNumber(`${first} ${problems[first]}`);
  const inputs = effectiveSegments(s);
  const n = segmentEconomics(inputs.new);
  const r = segmentEconomics(inputs.returning);
  const margin = r.profitPerCustomer;
  const value = ltv(margin, s.retention.rate, s.ltv.discountRate, s.ltv.periods, s.ltv.timing);
  const cac = n.spendPerCustomer;
  return {
    inputs,
    new: n,
    returning: r,
    total: combinedEconomics([inputs.new, inputs.returning]),
    comparison: {
      costRatio: n.costPerCustomer / r.costPerCustomer,
      extraProfitPerReturning: r.profitPerCustomer - n.profitPerCustomer,
      extraProfitShare: r.profitPerCustomer / n.profitPerCustomer - 1,
    },
    ltv: { margin, value, cac, ltvToCac: value / cac, cacPaybackPeriods: cac / margin },
  };
}
