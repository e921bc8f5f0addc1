/**
 * One schema for a scenario wherever it comes from: a CLI scenario file, or one entry of the
 * scenario document stored in the workbook. Messages name the field, e.g.
 * "segments.new.customers: must be greater than 0". Domain rules (ranges, LTV finiteness) come
 * from the model's scenarioProblems, so the file, the pane and the model agree.
 *
 * Stored document versions:
 *  - version 2 (current): { version: 2, scenarios: Scenario-file objects (below) }.
 *  - version 1 (first pane prototype): { version: 1, scenarios: [{ name, currency?,
 *    newMarketingSpend, newOverheads, newCustomers, newAverageBill, returningMarketingSpend,
 *    returningOverheads, returningCustomers, returningAverageBill, retentionRate?, discountRate? }] }:
 *    flat, no retention link, no LTV horizon or timing. Migrated with the worked example's defaults.
 */
import { z } from "zod";
import { Scenario, scenarioProblems, WORKED_EXAMPLE } from "../model/economics/scenario";
import { oneLine } from "../model/errors";

export const MAX_NAME_LENGTH = 100;

/** Control characters have no place in a scenario name (they hide text and break sheets). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
export const MAX_SCENARIOS = 200;
export const CURRENT_VERSION = 2;

const objectError = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? "is required" : "must be an object",
};
const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, objectError);

const number = () =>
  z.number({ error: (issue) => (issue.input === undefined ? "is required" : "must be a number") });

export const nameSchema = z
  .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be text") })
  .trim()
  .min(1, { error: "cannot be empty" })
  .max(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` })
  .refine((name) => !CONTROL_CHARACTERS.test(name), {
    error: "cannot contain control characters",
  });

const currencySchema = z
  .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be text") })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: "must be a three-letter currency code such as RUB, USD or EUR" });

const segmentSchema = object({
  marketingSpend: number(),
  overheads: number(),
  customers: number(),
  averageBill: number(),
});

const defaults = WORKED_EXAMPLE;

/** The scenario file / stored scenario shape. `retention` and `ltv` (and each of their fields) are optional. */
export const scenarioFileSchema = z
  .strictObject(
    {
      name: nameSchema,
      currency: currencySchema,
      segments: object({ new: segmentSchema, returning: segmentSchema }),
      retention: object({
        rate: number().default(defaults.retention.rate),
        startCustomers: number().default(defaults.retention.startCustomers),
        linked: z.boolean({ error: "must be true or false" }).default(defaults.retention.linked),
      }).optional(),
      ltv: object({
        discountRate: number().default(defaults.ltv.discountRate),
        periods: number().nullable().default(defaults.ltv.periods),
        timing: z
          .union([z.literal(0), z.literal(1)], {
            error: "must be 0 (end of period) or 1 (beginning)",
          })
          .default(defaults.ltv.timing),
      }).optional(),
    },
    { error: (issue) => (issue.input === undefined ? "is required" : "must be an object") }
  )
  .transform((file): Scenario => ({
    name: file.name,
    currency: file.currency,
    segments: { new: { ...file.segments.new }, returning: { ...file.segments.returning } },
    retention: file.retention ?? { ...defaults.retention },
    ltv: file.ltv ?? { ...defaults.ltv },
  }))
  .superRefine((scenario, ctx) => {
    for (const [path, message] of Object.entries(scenarioProblems(scenario))) {
      ctx.addIssue({ code: "custom", path: path.split("."), message });
    }
  });

/** The JSON written for a scenario: the file format, with every key spelled out. */
export function scenarioToFile(scenario: Scenario): z.input<typeof scenarioFileSchema> {
  return {
    name: scenario.name,
    currency: scenario.currency,
    segments: { new: { ...scenario.segments.new }, returning: { ...scenario.segments.returning } },
    retention: { ...scenario.retention },
    ltv: { ...scenario.ltv },
  };
}

/** "segments.new.customers: must be greater than 0", on one line. */
export function describeIssue(issue: z.core.$ZodIssue, prefix: (string | number)[] = []): string {
  const path = [...prefix, ...issue.path].map(String);
  if (issue.code === "unrecognized_keys") {
    const where = path.length ? `${path.join(".")}.` : "";
    return `${where}${issue.keys[0]}: is not a known field`;
  }
  const field = path.length ? path.join(".") : "scenario";
  return oneLine(`${field}: ${issue.message}`);
}

/** Validates one scenario object; throws an Error whose one-line message names the field. */
export function parseScenario(value: unknown): Scenario {
  const result = scenarioFileSchema.safeParse(value);
  if (!result.success) throw new Error(describeIssue(result.error.issues[0]));
  return result.data;
}

/** Parses a scenario file's text (the CLI's --scenario). Throws a one-line Error naming the field. */
export function parseScenarioJson(text: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(oneLine(`invalid JSON: ${(error as Error).message}`));
  }
  return parseScenario(value);
}

// ---- stored document -------------------------------------------------------------------------

const scenarioListSchema = z
  .array(z.unknown())
  .max(MAX_SCENARIOS, { error: `holds more than ${MAX_SCENARIOS} scenarios` });

export const scenarioDocumentV2Schema = z.object({
  version: z.literal(2),
  scenarios: scenarioListSchema,
});

const flatV1Schema = z.object({
  name: z.unknown(),
  currency: z.unknown().optional(),
  newMarketingSpend: z.unknown(),
  newOverheads: z.unknown(),
  newCustomers: z.unknown(),
  newAverageBill: z.unknown(),
  returningMarketingSpend: z.unknown(),
  returningOverheads: z.unknown(),
  returningCustomers: z.unknown(),
  returningAverageBill: z.unknown(),
  retentionRate: z.unknown().optional(),
  discountRate: z.unknown().optional(),
});

export const scenarioDocumentV1Schema = z.object({
  version: z.literal(1),
  scenarios: scenarioListSchema,
});

/** A version-1 entry in the version-2 file shape (still to be validated by scenarioFileSchema). */
export function migrateV1Entry(entry: unknown): unknown {
  const flat = flatV1Schema.safeParse(entry);
  if (!flat.success) return entry; // let the v2 schema name what is wrong
  const v = flat.data;
  return {
    name: v.name,
    currency: v.currency ?? defaults.currency,
    segments: {
      new: {
        marketingSpend: v.newMarketingSpend,
        overheads: v.newOverheads,
        customers: v.newCustomers,
        averageBill: v.newAverageBill,
      },
      returning: {
        marketingSpend: v.returningMarketingSpend,
        overheads: v.returningOverheads,
        customers: v.returningCustomers,
        averageBill: v.returningAverageBill,
      },
    },
    retention: { ...defaults.retention, rate: v.retentionRate ?? defaults.retention.rate },
    ltv: { ...defaults.ltv, discountRate: v.discountRate ?? defaults.ltv.discountRate },
  };
}
