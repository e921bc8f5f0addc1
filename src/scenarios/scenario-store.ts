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
  const { scenarios, problem } = parseStampedDocument(raw);
  return problem === undefined ? { scenarios } : { scenarios, problem };
}

/** parseScenarioDocument, with each scenario's modification time and the deletions' times. */
function parseStampedDocument(raw: unknown): StampedScenarios {
  try {
    return parseDocument(raw);
  } catch (error) {
    // Defensive: the parsers above should not throw, but a hostile value must never crash the pane.
    return {
      scenarios: [],
      ...noStamps(),
      problem: oneLine(
        `The saved scenarios could not be read (${(error as Error)?.message ?? "unknown error"}).`
      ),
    };
  }
}

function parseDocument(raw: unknown): StampedScenarios {
  if (raw === null || raw === undefined || raw === "") return { scenarios: [], ...noStamps() };
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
  const stamps = readStamps(value);
  if (skipped.length === 0) return { scenarios, ...stamps };
  const more = skipped.length > 1 ? ` (and ${skipped.length - 1} more)` : "";
  return {
    scenarios,
    ...stamps,
    problem: oneLine(
      `${skipped.length} saved scenario(s) could not be read and were skipped: ${skipped[0]}${more}.`
    ),
  };
}

function unreadable(reason: string): StampedScenarios {
  return {
    scenarios: [],
    ...noStamps(),
    problem: oneLine(`The saved scenarios could not be read and were ignored: ${reason}.`),
  };
}

/** The stored text for a list. Throws when the list breaks the limits (so it is never written). */
export function serializeScenarioDocument(
  scenarios: readonly Scenario[],
  stamps: Stamps = noStamps()
): string {
  if (scenarios.length > MAX_SCENARIOS)
    throw new Error(`At most ${MAX_SCENARIOS} scenarios can be saved in a workbook.`);
  const files = scenarios.map((s) => scenarioToFile(s));
  files.forEach((file, i) => {
    const check = scenarioFileSchema.safeParse(file);
    if (!check.success) throw new Error(describeIssue(check.error.issues[0], ["scenarios", i]));
  });
  const keys = new Set(scenarios.map((x) => keyOf(x.name)));
  const modified = Object.fromEntries(
    Object.entries(stamps.modified).filter(([key]) => keys.has(key))
  );
  // Deletions are remembered (latest first, at most MAX_SCENARIOS) so a co-author's late write
  // cannot bring a deleted scenario back; older ones are forgotten.
  const deleted = Object.fromEntries(
    Object.entries(stamps.deleted)
      .filter(([key]) => !keys.has(key))
      .sort((x, y) => y[1] - x[1])
      .slice(0, MAX_SCENARIOS)
  );
  return JSON.stringify({ version: CURRENT_VERSION, scenarios: files, modified, deleted });
}

// ---- merging co-authors' writes --------------------------------------------------------------

/**
 * When each scenario was last saved and each deleted one deleted (ms since 1970, by scenario
 * key: its name, trimmed and lower-cased), kept in the document beside the list. Co-authors'
 * settings replace each other whole, a few tens of milliseconds late, so two panes that save
 * different scenarios at once each write a list without the other's: merging by key and time,
 * at every write and every change event, keeps both.
 */
export interface Stamps {
  modified: Record<string, number>;
  deleted: Record<string, number>;
}

interface StampedScenarios extends LoadedScenarios, Stamps {}

const noStamps = (): Stamps => ({ modified: {}, deleted: {} });

const keyOf = (name: string) => name.trim().toLowerCase();

/** The document's stamps; anything malformed is ignored (time 0: older than any real change). */
function readStamps(value: unknown): Stamps {
  const record = (field: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    if (typeof field !== "object" || field === null || Array.isArray(field)) return out;
    for (const [key, time] of Object.entries(field))
      if (typeof time === "number" && Number.isFinite(time) && time >= 0) out[key] = time;
    return out;
  };
  const doc = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  return { modified: record(doc.modified), deleted: record(doc.deleted) };
}

/**
 * The union of two documents, scenario by scenario: the later save wins, and a deletion wins
 * over saves older than it. The stored list's order is kept; the other's new scenarios follow.
 */
export function mergeScenarioDocuments(
  stored: StampedScenarios,
  other: StampedScenarios
): StampedScenarios {
  const savedAt = (doc: Stamps, key: string) => doc.modified[key] ?? 0;
  const deletedAt = (doc: Stamps, key: string) => doc.deleted[key] ?? -1;
  const result: StampedScenarios = { scenarios: [], ...noStamps() };
  const otherByKey = new Map(other.scenarios.map((x) => [keyOf(x.name), x]));
  const storedKeys = new Set(stored.scenarios.map((x) => keyOf(x.name)));
  const candidates = [
    ...stored.scenarios,
    ...other.scenarios.filter((x) => !storedKeys.has(keyOf(x.name))),
  ];
  for (const scenario of candidates) {
    const key = keyOf(scenario.name);
    const mine = storedKeys.has(key) ? scenario : undefined;
    const theirs = otherByKey.get(key);
    const mineAt = mine ? savedAt(stored, key) : -Infinity;
    const theirsAt = theirs ? savedAt(other, key) : -Infinity;
    const [winner, at] = mineAt >= theirsAt ? [mine!, mineAt] : [theirs!, theirsAt];
    const removedAt = Math.max(deletedAt(stored, key), deletedAt(other, key));
    if (at > removedAt) {
      result.scenarios.push(winner);
      result.modified[key] = at;
    }
  }
  for (const doc of [stored, other])
    for (const [key, time] of Object.entries(doc.deleted))
      if (!(key in result.modified) && time > (result.deleted[key] ?? -1))
        result.deleted[key] = time;
  return result;
}

/** Whether `merged` holds anything `stored` lacks: a scenario, a newer save or a deletion. */
function adds(merged: StampedScenarios, stored: StampedScenarios): boolean {
  const storedKeys = new Set(stored.scenarios.map((x) => keyOf(x.name)));
  return (
    merged.scenarios.some(
      (x) =>
        !storedKeys.has(keyOf(x.name)) ||
        merged.modified[keyOf(x.name)] !== (stored.modified[keyOf(x.name)] ?? 0)
    ) || merged.scenarios.length !== stored.scenarios.length
  );
}

/** The stamps after `change` turned `before` into `after`, at time `now`. */
function stampChange(before: StampedScenarios, after: readonly Scenario[], now: number): Stamps {
  const same = (x: Scenario, y: Scenario) =>
    x.name === y.name && JSON.stringify(scenarioToFile(x)) === JSON.stringify(scenarioToFile(y));
  const beforeByKey = new Map(before.scenarios.map((x) => [keyOf(x.name), x]));
  const modified: Record<string, number> = {};
  const deleted = { ...before.deleted };
  for (const scenario of after) {
    const key = keyOf(scenario.name);
    const previous = beforeByKey.get(key);
    modified[key] = previous && same(previous, scenario) ? (before.modified[key] ?? 0) : now;
    delete deleted[key];
  }
  const afterKeys = new Set(Object.keys(modified));
  for (const key of beforeByKey.keys()) if (!afterKeys.has(key)) deleted[key] = now;
  return { modified, deleted };
}

/** A time later than every stamp seen, so this change is never ordered before one it follows. */
function nextTime(doc: Stamps): number {
  const latest = Math.max(0, ...Object.values(doc.modified), ...Object.values(doc.deleted));
  return Math.max(Date.now(), latest + 1);
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
  /** What this pane last wrote: merged into every read, so a co-author's late write cannot drop it. */
  let ours: StampedScenarios | undefined;
  const read = async (): Promise<StampedScenarios> => {
    let text: string | null;
    try {
      text = await storage.read();
    } catch (error) {
      return {
        scenarios: [],
        ...noStamps(),
        problem: oneLine(
          `The saved scenarios could not be read: ${(error as Error)?.message ?? error}`
        ),
      };
    }
    return parseStampedDocument(text);
  };
  const write = async (doc: StampedScenarios): Promise<void> => {
    const text = serializeScenarioDocument(doc.scenarios, doc); // validate before touching storage
    await storage.write(text);
    ours = doc;
  };
  /** The stored document merged with ours; written back when the store had lost something of ours. */
  const load = async (): Promise<StampedScenarios> => {
    const stored = await read();
    if (stored.problem || !ours) return stored;
    const merged = mergeScenarioDocuments(stored, ours);
    if (!adds(merged, stored)) return stored;
    try {
      await write(merged);
    } catch {
      // Best effort: the merged list is still shown, and the next change writes it again.
    }
    return merged;
  };
  const visible = ({ scenarios, problem }: StampedScenarios): LoadedScenarios =>
    problem === undefined ? { scenarios } : { scenarios, problem };
  return {
    load: () => serially(async () => visible(await load())),
    update: (change, opts = {}) =>
      serially(async () => {
        // Read now, not at start-up: a co-author may have written since, and an unreadable
        // read is no licence to overwrite.
        const stored = await read();
        if (stored.problem && !opts.overwriteCorrupt)
          throw new UnreadableScenariosError(stored.problem);
        const base = stored.problem || !ours ? stored : mergeScenarioDocuments(stored, ours);
        const next = change(base.scenarios);
        await write({ scenarios: next, ...stampChange(base, next, nextTime(base)) });
        return next;
      }),
  };
}
