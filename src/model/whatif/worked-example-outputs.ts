import { DomainError } from "../errors";
import { OUTPUT_KEYS, OutputKey } from "../economics/quantities";
import {
  evaluateScenario,
  Scenario,
  ScenarioResults,
  scenarioProblems,
  WORKED_EXAMPLE,
} from "../economics/scenario";
import { getInput, getOutput, INPUT_KEYS, InputKey, setInput } from "./worked-example-model";

/**
 * The pane's results table while some fields are invalid: every output that does not depend
 * on an invalid field keeps its number, the others show a dash.
 */

type SegmentPart = "new" | "returning";

/** The segments an output depends on: an invalid field only blanks the outputs downstream of it. */
function outputSegments(key: OutputKey): SegmentPart[] {
  if (key.startsWith("new.") || key === "ltv.cac") return ["new"];
  if (key.startsWith("returning.") || key === "ltv.margin") return ["returning"];
  return ["new", "returning"];
}

/** Input fields (problem paths as scenarioProblems names them) each output depends on. */
function outputDependsOn(s: Scenario, key: OutputKey, path: string): boolean {
  const segments = outputSegments(key);
  const returningPaths = s.retention.linked ? ["retention.rate", "retention.startCustomers"] : [];
  if (path.startsWith("segments.new.")) return segments.includes("new");
  if (path.startsWith("segments.returning.")) return segments.includes("returning");
  if (returningPaths.includes(path) && segments.includes("returning")) return true;
  // The LTV itself reads retention and the LTV settings.
  const usesLtv = key === "ltv.value" || key === "ltv.ltvToCac";
  return usesLtv && (path.startsWith("ltv.") || path.startsWith("retention."));
}

/**
 * Every output, or null for those that depend on an invalid field (the pane shows a dash
 * there and keeps showing the rest). Outputs independent of the invalid fields are computed
 * by evaluateScenario on a copy whose invalid fields hold the worked example's values:
 * they do not depend on them, so the numbers are exactly what a valid scenario gives.
 */
export function evaluateOutputs(
  s: Scenario,
  problems: Record<string, string> = scenarioProblems(s)
): Record<OutputKey, number | null> {
  const paths = Object.keys(problems);
  let repaired = s;
  for (const path of paths) {
    const key = path as InputKey;
    if (!(INPUT_KEYS as readonly string[]).includes(key)) continue;
    repaired = setInput(repaired, key, getInput(WORKED_EXAMPLE, key));
  }
  // Linked returning customers are rate × start: a problem with either is a problem with both.
  if (s.retention.linked && paths.some((p) => p.startsWith("retention."))) {
    repaired = setInput(
      setInput(repaired, "retention.rate", WORKED_EXAMPLE.retention.rate),
      "retention.startCustomers",
      WORKED_EXAMPLE.retention.startCustomers
    );
  }
  let results: ScenarioResults | null = null;
  try {
    results = evaluateScenario(repaired);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  const out = {} as Record<OutputKey, number | null>;
  for (const key of OUTPUT_KEYS) {
    const blocked = results === null || paths.some((path) => outputDependsOn(s, key, path));
    const value = blocked ? null : getOutput(results!, key);
    out[key] = value !== null && Number.isFinite(value) ? value : null;
  }
  return out;
}
