import { planForecast, PlanInputs } from "../plan/plan-model";
import { InputSpec, QuantityKind, WhatIfModel } from "./whatif-model";

/**
 * The plan (plan/plan-model.ts, docs/definitions.md §11) for the what-if tools: the sensitivity grid, the tornado and goal
 * seek work on its inputs exactly as on the worked example's. The planned new customers are a
 * row: pasted by the user, or built from a first period's count growing by a rate each period;
 * the acquisition volume scales whichever row it is ("acquisition slips 20%" is 0.8).
 */
export interface PlanState extends Omit<PlanInputs, "newCustomers"> {
  /** New customers in future period 1 when no row is pasted. */
  newPerPeriod: number;
  /** Growth of new customers per period when no row is pasted (0.02 = 2% a period). */
  growth: number;
  /** A pasted row of new customers by future period, or null. */
  pasted: readonly number[] | null;
  /** Multiplies the planned new customers (1 = as planned). */
  acquisitionVolume: number;
}

export const PLAN_INPUT_KEYS = [
  "newPerPeriod",
  "growth",
  "acquisitionVolume",
  "revenuePerCustomer",
  "margin",
  "cac",
  "uplift",
] as const;
export type PlanInputKey = (typeof PLAN_INPUT_KEYS)[number];

export const PLAN_OUTPUT_KEYS = [
  "customersAtEnd",
  "revenueAtEnd",
  "revenueTotal",
  "marginTotal",
  "ltvToCac",
  "paybackPeriods",
] as const;
export type PlanOutputKey = (typeof PLAN_OUTPUT_KEYS)[number];

const amount: InputSpec = { kind: "money", min: 0, exclusiveMin: false, max: Infinity };

export const PLAN_INPUT_SPECS: Record<PlanInputKey, InputSpec> = {
  newPerPeriod: { kind: "count", min: 0, exclusiveMin: false, max: Infinity, integer: true },
  growth: { kind: "fraction", min: -1, exclusiveMin: false, max: 10 },
  acquisitionVolume: { kind: "ratio", min: 0, exclusiveMin: false, max: 100 },
  revenuePerCustomer: amount,
  margin: { kind: "fraction", min: 0, exclusiveMin: false, max: 1 },
  cac: amount,
  uplift: { kind: "fraction", min: 0, exclusiveMin: false, max: 1 },
};

/** The planned new customers by future period, 1..horizon. */
export function plannedNewCustomers(state: PlanState): number[] {
  const row = Array.from({ length: Math.max(0, Math.trunc(state.horizon)) }, (_, i) =>
    state.pasted ? (state.pasted[i] ?? 0) : state.newPerPeriod * Math.pow(1 + state.growth, i)
  );
  return row.map((m) => m * state.acquisitionVolume);
}

export function planInputs(state: PlanState): PlanInputs {
  return { ...state, newCustomers: plannedNewCustomers(state) };
}

export const planWhatIfModel: WhatIfModel<PlanState, PlanInputKey, PlanOutputKey> = {
  inputs: PLAN_INPUT_KEYS,
  inputSpecs: PLAN_INPUT_SPECS,
  outputs: PLAN_OUTPUT_KEYS,
  outputKind(key: PlanOutputKey): QuantityKind {
    if (key === "customersAtEnd") return "count";
    if (key === "ltvToCac") return "ratio";
    if (key === "paybackPeriods") return "periods";
    return "money";
  },
  getInput: (state, key) => state[key],
  setInput: (state, key, value) => ({ ...state, [key]: value ?? 0 }),
  inputAffectsResults(state, key) {
    if (key === "newPerPeriod" || key === "growth") return state.pasted === null;
    return true;
  },
  evaluate(state) {
    const plan = planForecast(planInputs(state));
    const last = plan.total.length - 1;
    const outputs: Record<PlanOutputKey, number> = {
      customersAtEnd: plan.total[last],
      revenueAtEnd: plan.revenue[last],
      revenueTotal: plan.revenueTotal,
      marginTotal: plan.marginTotal,
      ltvToCac: plan.ltvToCac[0],
      paybackPeriods: plan.paybackPeriods ?? NaN,
    };
    return (key) => outputs[key];
  },
};
