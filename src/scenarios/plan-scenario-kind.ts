/**
 * The Plan view's scenarios: the plan's inputs under a name (docs/definitions.md §11), stored in
 * the workbook beside the what-if tab's scenarios but in a document of their own. Numbers are
 * stored as numbers, never as the text the user typed, so a colleague with another locale loads
 * the same plan. Blank inputs ("from the data": the latest period's new customers or revenue per
 * customer) stay blank, so a saved plan follows the data it is loaded on.
 */
import { z } from "zod";
import { describeIssue, MAX_SCENARIOS, nameSchema } from "./scenario-schema";
import type { ScenarioKind } from "./scenario-kind";

export const PLAN_SCENARIO_VERSION = 1;
export const PLAN_SCENARIO_HORIZONS = [12, 24, 36] as const;
export const PLAN_SCENARIO_LEVELS = [0.8, 0.9, 0.95] as const;

export interface PlanScenario {
  name: string;
  horizon: (typeof PLAN_SCENARIO_HORIZONS)[number];
  /** New customers in future period 1; null: the data's latest period's. */
  newPerPeriod: number | null;
  /** Growth of new customers per period (0.02 = 2%). */
  growth: number;
  /** New customers by future period, one a period (replaces the two above), or null. */
  pasted: number[] | null;
  /** Revenue per active customer per period; null: the data's latest period's. */
  revenuePerCustomer: number | null;
  margin: number;
  cac: number;
  uplift: number;
  /** The range's level, or null for none. */
  level: (typeof PLAN_SCENARIO_LEVELS)[number] | null;
}

const number = (rule: string, ok: (x: number) => boolean) =>
  z
    .number({ error: (issue) => (issue.input === undefined ? "is required" : "must be a number") })
    .refine((x) => Number.isFinite(x) && ok(x), { error: `must be ${rule}` });
const count = () => number("0 or more", (x) => x >= 0);

const planScenarioSchema = z
  .strictObject(
    {
      name: nameSchema,
      horizon: z.union(
        PLAN_SCENARIO_HORIZONS.map((h) => z.literal(h)),
        { error: "must be 12, 24 or 36" }
      ),
      newPerPeriod: count().nullable(),
      growth: number("from −100% to 1,000%", (x) => x >= -1 && x <= 10),
      pasted: z.array(count()).max(36, { error: "must hold at most 36 periods" }).nullable(),
      revenuePerCustomer: count().nullable(),
      margin: number("from 0% to 100%", (x) => x >= 0 && x <= 1),
      cac: count(),
      uplift: number("from 0% to 100%", (x) => x >= 0 && x <= 1),
      level: z
        .union(
          PLAN_SCENARIO_LEVELS.map((l) => z.literal(l)),
          { error: "must be 0.8, 0.9, 0.95 or null" }
        )
        .nullable(),
    },
    { error: (issue) => (issue.input === undefined ? "is required" : "must be an object") }
  )
  .superRefine((plan, ctx) => {
    if (plan.pasted !== null && plan.pasted.length < plan.horizon)
      ctx.addIssue({
        code: "custom",
        path: ["pasted"],
        message: `must hold one number for each of the ${plan.horizon} periods`,
      });
  });

const documentSchema = z.object({
  version: z.literal(PLAN_SCENARIO_VERSION, { error: "must be 1" }),
  scenarios: z
    .array(z.unknown())
    .max(MAX_SCENARIOS, { error: `holds more than ${MAX_SCENARIOS} scenarios` }),
});

export const PLAN_SCENARIO_KIND: ScenarioKind<PlanScenario> = {
  version: PLAN_SCENARIO_VERSION,
  entries(document) {
    const parsed = documentSchema.safeParse(document);
    return parsed.success
      ? { entries: parsed.data.scenarios }
      : { problem: describeIssue(parsed.error.issues[0]) };
  },
  parse(entry, path) {
    const parsed = planScenarioSchema.safeParse(entry);
    return parsed.success
      ? { value: parsed.data as PlanScenario }
      : { issue: describeIssue(parsed.error.issues[0], path) };
  },
  toFile: (plan) => clonePlan(plan),
  clone: clonePlan,
};

function clonePlan(plan: PlanScenario): PlanScenario {
  return { ...plan, pasted: plan.pasted === null ? null : [...plan.pasted] };
}
