/**
 * Saved scenarios: a versioned JSON document kept by a ScenarioStorage (the workbook inside
 * Excel, localStorage in the preview). Reading never throws: data that is corrupt or hostile is
 * reported once (one problem string) and ignored. Every change (save, rename, delete) is applied
 * to the list as stored at that moment, so co-authors' changes made meanwhile are kept. Writing
 * refuses to replace stored data that could not be read, unless the caller says so (the pane asks
 * the user first).
 */
import { cloneScenario, Scenario } from "../model/economics/scenario";
import { oneLine } from "../model/errors";
import {
  CONTROL_CHARACTERS,
  CURRENT_VERSION,
  describeIssue,
  MAX_NAME_LENGTH,
  MAX_SCENARIOS,
  migrateV1Entry,
  scenarioDocumentV1Schema,
  scenarioDocumentV2Schema,
  scenarioFileSchema,
  scenarioToFile,
} from "./scenario-schema";

/** Where the document lives. */
export interface ScenarioStorage {
  /** The stored text, or null when nothing has been saved. */
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
  /**
   * Calls back when the stored document may have changed (a co-author saved, or another tab in
   * the preview); the caller reads it again. Returns an unsubscribe. Optional: without it the
   * list is only re-read when this pane changes it.
   */
  subscribe?(onChange: () => void): () => void;
}

export interface LoadedScenarios {
  scenarios: Scenario[];
  /** Set when some or all stored data could not be read (and was ignored). */
  problem?: string;
}

/** More than any real document needs (200 scenarios × ~600 characters); larger text is not parsed. */
export const MAX_DOCUMENT_CHARACTERS = 1_000_000;

/** Parses stored data (JSON text or an already-parsed value). Never throws. */
export function parseScenarioDocument(raw: unknown): LoadedScenarios {
  try {
    return parseDocument(raw);
  } catch (error) {
    // Defensive: the parsers above should not throw, but a hostile value must never crash the pane.
    return {
      scenarios: [],
      problem: oneLine(
        `The saved scenarios could not be read (${(error as Error)?.message ?? "unknown error"}).`
      ),
    };
  }
}

function parseDocument(raw: unknown): LoadedScenarios {
  if (raw === null || raw === undefined || raw === "") return { scenarios: [] };
  let value = raw;
  if (typeof raw === "string") {
    if (raw.length > MAX_DOCUMENT_CHARACTERS)
      return unreadable(`it is too large (${raw.length.toLocaleString("en-US")} characters)`);
    try {
      value = JSON.parse(raw);
    } catch {
      return unreadable("it is not valid JSON");
    }
  }
  const version =
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as { version?: unknown }).version
      : undefined;
  if (typeof version === "number" && version > CURRENT_VERSION)
    return unreadable(`it was written by a newer version of the add-in (format ${version})`);
  let entries: unknown[];
  if (version === 1) {
    const v1 = scenarioDocumentV1Schema.safeParse(value);
    if (!v1.success) return unreadable(describeIssue(v1.error.issues[0]));
    entries = v1.data.scenarios.map(migrateV1Entry);
  } else {
    const v2 = scenarioDocumentV2Schema.safeParse(value);
    if (!v2.success) return unreadable(describeIssue(v2.error.issues[0]));
    entries = v2.data.scenarios;
  }

  const scenarios: Scenario[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const parsed = scenarioFileSchema.safeParse(entry);
    if (!parsed.success)
      return skipped.push(describeIssue(parsed.error.issues[0], ["scenarios", i]));
    const key = parsed.data.name.toLowerCase();
    if (seen.has(key))
      return skipped.push(`scenarios.${i}.name: duplicates an earlier scenario's name`);
    seen.add(key);
    scenarios.push(parsed.data);
  });
  if (skipped.length === 0) return { scenarios };
  const more = skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : "";
  return {
    scenarios,
    problem: oneLine(
      `${skipped.length} saved scenario(s) could not be read and were skipped: ${skipped[0]}${more}.`
    ),
  };
}

function unreadable(reason: string): LoadedScenarios {
  return {
    scenarios: [],
    problem: oneLine(`The saved scenarios could not be read and were ignored: ${reason}.`),
  };
}

/** The stored text for a list. Throws when the list breaks the limits (so it is never written). */
export function serializeScenarioDocument(scenarios: readonly Scenario[]): string {
  if (scenarios.length > MAX_SCENARIOS)
    throw new Error(`At most ${MAX_SCENARIOS} scenarios can be saved in a workbook.`);
  const files = scenarios.map((s) => scenarioToFile(s));
  files.forEach((file, i) => {
    const check = scenarioFileSchema.safeParse(file);
    if (!check.success) throw new Error(describeIssue(check.error.issues[0], ["scenarios", i]));
  });
  return JSON.stringify({ version: CURRENT_VERSION, scenarios: files });
}

// ---- pure list operations --------------------------------------------------------------------

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function scenarioNames(list: readonly Scenario[]): string[] {
  return list.map((s) => s.name);
}

export function findScenario(list: readonly Scenario[], name: string): Scenario | undefined {
  return list.find((s) => sameName(s.name, name));
}

/** Adds the scenario, or replaces the one with the same name (case-insensitive). */
export function upsertScenario(list: readonly Scenario[], scenario: Scenario): Scenario[] {
  checkName(scenario.name);
  const copy = { ...cloneScenario(scenario), name: scenario.name.trim() };
  const index = list.findIndex((s) => sameName(s.name, scenario.name));
  if (index < 0) {
    if (list.length >= MAX_SCENARIOS)
      throw new Error(`At most ${MAX_SCENARIOS} scenarios can be saved in a workbook.`);
    return [...list, copy];
  }
  return list.map((s, i) => (i === index ? copy : s));
}

export function renameScenario(
  list: readonly Scenario[],
  oldName: string,
  newName: string
): Scenario[] {
  checkName(newName);
  const index = list.findIndex((s) => sameName(s.name, oldName));
  if (index < 0) throw new Error(`There is no scenario named "${oldName}".`);
  if (list.some((s, i) => i !== index && sameName(s.name, newName)))
    throw new Error(`A scenario named "${newName.trim()}" already exists.`);
  return list.map((s, i) => (i === index ? { ...cloneScenario(s), name: newName.trim() } : s));
}

export function deleteScenario(list: readonly Scenario[], name: string): Scenario[] {
  return list.filter((s) => !sameName(s.name, name));
}

function checkName(name: string): void {
  const trimmed = name.trim();
  if (!trimmed) throw new Error("A scenario needs a name.");
  if (trimmed.length > MAX_NAME_LENGTH)
    throw new Error(`A scenario name can have at most ${MAX_NAME_LENGTH} characters.`);
  if (CONTROL_CHARACTERS.test(trimmed))
    throw new Error("A scenario name cannot contain control characters.");
}

// ---- the store -------------------------------------------------------------------------------

/** Thrown by save() when the stored data could not be read and overwriteCorrupt was not given. */
export class UnreadableScenariosError extends Error {
  constructor(readonly problem: string) {
    super(
      `The saved scenarios in this workbook could not be read, so they were not replaced. ${problem}`
    );
    this.name = "UnreadableScenariosError";
  }
}

export interface ScenarioStore {
  load(): Promise<LoadedScenarios>;
  /**
   * Applies one change (save, rename, delete) to the list as stored now, read afresh, and writes
   * the result, which it returns: a co-author's scenario saved since this pane loaded is kept.
   * Refuses (UnreadableScenariosError) when the stored data cannot be read, unless
   * overwriteCorrupt is given: then the change applies to the scenarios that could be read.
   * Loads and updates of one store run one after another, never interleaved.
   */
  update(
    change: (stored: Scenario[]) => Scenario[],
    opts?: { overwriteCorrupt?: boolean }
  ): Promise<Scenario[]>;
}

export function createScenarioStore(storage: ScenarioStorage): ScenarioStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  const load = async (): Promise<LoadedScenarios> => {
    let text: string | null;
    try {
      text = await storage.read();
    } catch (error) {
      return {
        scenarios: [],
        problem: oneLine(
          `The saved scenarios could not be read: ${(error as Error)?.message ?? error}`
        ),
      };
    }
    return parseScenarioDocument(text);
  };
  return {
    load: () => serially(load),
    update: (change, opts = {}) =>
      serially(async () => {
        // Read now, not at start-up: a co-author may have written since, and an unreadable
        // read is no licence to overwrite.
        const stored = await load();
        if (stored.problem && !opts.overwriteCorrupt)
          throw new UnreadableScenariosError(stored.problem);
        const next = change(stored.scenarios);
        const text = serializeScenarioDocument(next); // validate before touching storage
        await storage.write(text);
        return next;
      }),
  };
}
