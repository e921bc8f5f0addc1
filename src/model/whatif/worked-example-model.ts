import { OUTPUT_KEYS, OutputKey } from "../economics/quantities";
import { cloneScenario, evaluateScenario, Scenario, ScenarioResults } from "../economics/scenario";
import { InputSpec, QuantityKind, WhatIfModel } from "./whatif-model";

/**
 * The worked example's model for the what-if tools (docs/definitions.md §2, §4): a Scenario's
 * twelve numeric inputs by path, the results of evaluateScenario as its outputs.
 */

export const INPUT_KEYS = [
  "segments.new.marketingSpend",
  "segments.new.overheads",
  "segments.new.customers",
  "segments.new.averageBill",
  "segments.returning.marketingSpend",
  "segments.returning.overheads",
  "segments.returning.customers",
  "segments.returning.averageBill",
  "retention.rate",
  "retention.startCustomers",
  "ltv.discountRate",
  "ltv.periods",
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

export { OUTPUT_KEYS } from "../economics/quantities";
export type { OutputKey } from "../economics/quantities";

const money: InputSpec = { kind: "money", min: 0, exclusiveMin: false, max: Infinity };
const positiveMoney: InputSpec = { kind: "money", min: 0, exclusiveMin: true, max: Infinity };
const count: InputSpec = {
  kind: "count",
  min: 0,
  exclusiveMin: true,
  max: Infinity,
  integer: true,
};

export const INPUT_SPECS: Record<InputKey, InputSpec> = {
  "segments.new.marketingSpend": money,
  "segments.new.overheads": money,
  "segments.new.customers": count,
  "segments.new.averageBill": positiveMoney,
  "segments.returning.marketingSpend": money,
  "segments.returning.overheads": money,
  "segments.returning.customers": count,
  "segments.returning.averageBill": positiveMoney,
  "retention.rate": { kind: "fraction", min: 0, exclusiveMin: false, max: 1 },
  "retention.startCustomers": count,
  "ltv.discountRate": { kind: "fraction", min: 0, exclusiveMin: false, max: 10 },
  "ltv.periods": { kind: "periods", min: 1, exclusiveMin: false, max: 1000 },
};

export function outputKind(key: OutputKey): QuantityKind {
  if (key.endsWith("profitability") || key === "comparison.extraProfitShare") return "fraction";
  if (key === "comparison.costRatio" || key === "ltv.ltvToCac") return "ratio";
  if (key === "ltv.cacPaybackPeriods") return "periods";
  return "money";
}

type SegmentPath = ["segments", "new" | "returning", keyof Scenario["segments"]["new"]];

/** The input's value, or null when it is unset (an unlimited LTV horizon). */
export function getInput(s: Scenario, key: InputKey): number | null {
  switch (key) {
    case "retention.rate":
      return s.retention.rate;
    case "retention.startCustomers":
      return s.retention.startCustomers;
    case "ltv.discountRate":
      return s.ltv.discountRate;
    case "ltv.periods":
      return s.ltv.periods;
    default: {
      const [, segment, field] = key.split(".") as SegmentPath;
      return s.segments[segment][field];
    }
  }
}

/** A copy of the scenario with one input changed (null is only meaningful for ltv.periods). */
export function setInput(s: Scenario, key: InputKey, value: number | null): Scenario {
  const next = cloneScenario(s);
  switch (key) {
    case "retention.rate":
      next.retention.rate = value ?? NaN;
      break;
    case "retention.startCustomers":
      next.retention.startCustomers = value ?? NaN;
      break;
    case "ltv.discountRate":
      next.ltv.discountRate = value ?? NaN;
      break;
    case "ltv.periods":
      next.ltv.periods = value;
      break;
    default: {
      const [, segment, field] = key.split(".") as SegmentPath;
      next.segments[segment][field] = value ?? NaN;
    }
  }
  return next;
}

/**
 * Whether moving this input can change any result: returning customers are ignored while
 * the retention link derives them, start customers only count while it is on, and an
 * unlimited horizon has no number to move.
 */
export function inputAffectsResults(s: Scenario, key: InputKey): boolean {
  if (key === "segments.returning.customers") return !s.retention.linked;
  if (key === "retention.startCustomers") return s.retention.linked;
  if (key === "ltv.periods") return s.ltv.periods !== null;
  return true;
}

export function getOutput(results: ScenarioResults, key: OutputKey): number {
  const [group, field] = key.split(".") as [string, string];
  return (results as unknown as Record<string, Record<string, number>>)[group][field];
}

export const WORKED_EXAMPLE_MODEL: WhatIfModel<Scenario, InputKey, OutputKey> = {
  inputs: INPUT_KEYS,
  inputSpecs: INPUT_SPECS,
  outputs: OUTPUT_KEYS,
  outputKind,
  getInput,
  setInput,
  inputAffectsResults,
  evaluate(s) {
    const results = evaluateScenario(s);
    return (key) => getOutput(results, key);
  },
};
