/**
 * The what-if tab's scenarios (the worked example's inputs) as a kind of the scenario store:
 * documents of version 2, and version-1 documents migrated (scenario-schema.ts).
 */
import { cloneScenario, Scenario } from "../model/economics/scenario";
import {
  CURRENT_VERSION,
  describeIssue,
  migrateV1Entry,
  scenarioDocumentV1Schema,
  scenarioDocumentV2Schema,
  scenarioFileSchema,
  scenarioToFile,
} from "./scenario-schema";
import type { ScenarioKind } from "./scenario-kind";

export type WorkedScenario = Scenario;

export const WORKED_EXAMPLE_KIND: ScenarioKind<Scenario> = {
  version: CURRENT_VERSION,
  entries(document) {
    const version = (document as { version?: unknown } | null)?.version;
    if (version === 1) {
      const v1 = scenarioDocumentV1Schema.safeParse(document);
      return v1.success
        ? { entries: v1.data.scenarios.map(migrateV1Entry) }
        : { problem: describeIssue(v1.error.issues[0]) };
    }
    const v2 = scenarioDocumentV2Schema.safeParse(document);
    return v2.success
      ? { entries: v2.data.scenarios }
      : { problem: describeIssue(v2.error.issues[0]) };
  },
  parse(entry, path) {
    const parsed = scenarioFileSchema.safeParse(entry);
    return parsed.success
      ? { value: parsed.data }
      : { issue: describeIssue(parsed.error.issues[0], path) };
  },
  toFile: scenarioToFile,
  clone: cloneScenario,
};
