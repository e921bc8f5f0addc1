/**
 * Saved scenarios: a versioned JSON document kept by a ScenarioStorage (the workbook inside
 * Excel, localStorage in the preview). Reading never throws: data that is corrupt or hostile is
 * reported once (one problem string) and ignored. Every change (save, rename, delete) is applied
 * to the list as stored at that moment, so co-authors' changes made meanwhile are kept. Writing
 * refuses to replace stored data that could not be read, unless the caller says so (the pane asks
 * the user first).
 *
 * The store is the same for every kind of scenario: the worked example's (the what-if tab) and
 * the plan's (the Plan view) differ only in their entries' schema, kept in a ScenarioKind.
 */
import { oneLine } from "../model/errors";
import { CONTROL_CHARACTERS, MAX_NAME_LENGTH, MAX_SCENARIOS } from "./scenario-schema";
import { Named, ScenarioKind } from "./scenario-kind";
import { WORKED_EXAMPLE_KIND, WorkedScenario } from "./worked-example-kind";

export type { Named, ScenarioKind };
type Scenario = WorkedScenario;

/** The kind a caller gets without naming one: the what-if tab's scenarios, as before kinds. */
const workedExample = <T extends Named>() => WORKED_EXAMPLE_KIND as unknown as ScenarioKind<T>;

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

export interface LoadedScenarios<T extends Named = Scenario> {
  scenarios: T[];
  /** Set when some or all stored data could not be read (and was ignored). */
  problem?: string;
}

/** More than any real document needs (200 scenarios × ~600 characters); larger text is not parsed. */
export const MAX_DOCUMENT_CHARACTERS = 1_000_000;

/** Parses stored data (JSON text or an already-parsed value). Never throws. */
export function parseScenarioDocument<T extends Named = Scenario>(
  raw: unknown,
  kind: ScenarioKind<T> = workedExample<T>()
): LoadedScenarios<T> {
  const { scenarios, problem } = parseStampedDocument(raw, kind);
  return problem === undefined ? { scenarios } : { scenarios, problem };
}

/** parseScenarioDocument, with each scenario's modification time and the deletions' times. */
function parseStampedDocument<T extends Named>(
  raw: unknown,
  kind: ScenarioKind<T>
): StampedScenarios<T> {
  try {
    return parseDocument(raw, kind);
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

function parseDocument<T extends Named>(raw: unknown, kind: ScenarioKind<T>): StampedScenarios<T> {
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
  if (typeof version === "number" && version > kind.version)
    return unreadable(`it was written by a newer version of the add-in (format ${version})`);
  const read = kind.entries(value);
  if ("problem" in read) return unreadable(read.problem);

  const scenarios: T[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  read.entries.forEach((entry, i) => {
    const parsed = kind.parse(entry, ["scenarios", i]);
    if ("issue" in parsed) return skipped.push(parsed.issue);
    const key = parsed.value.name.toLowerCase();
    if (seen.has(key))
      return skipped.push(`scenarios.${i}.name: duplicates an earlier scenario's name`);
    seen.add(key);
    scenarios.push(parsed.value);
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

function unreadable<T extends Named>(reason: string): StampedScenarios<T> {
  return {
    scenarios: [],
    ...noStamps(),
    problem: oneLine(`The saved scenarios could not be read and were ignored: ${reason}.`),
  };
}

/** The stored text for a list. Throws when the list breaks the limits (so it is never written). */
export function serializeScenarioDocument<T extends Named = Scenario>(
  scenarios: readonly T[],
  stamps: Stamps = noStamps(),
  kind: ScenarioKind<T> = workedExample<T>()
): string {
  if (scenarios.length > MAX_SCENARIOS)
    throw new Error(`At most ${MAX_SCENARIOS} scenarios can be saved in a workbook.`);
  const files = scenarios.map((s) => kind.toFile(s));
  files.forEach((file, i) => {
    const check = kind.parse(file, ["scenarios", i]);
    if ("issue" in check) throw new Error(check.issue);
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
  return JSON.stringify({ version: kind.version, scenarios: files, modified, deleted });
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

interface StampedScenarios<T extends Named = Scenario> extends LoadedScenarios<T>, Stamps {}

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
export function mergeScenarioDocuments<T extends Named>(
  stored: StampedScenarios<T>,
  other: StampedScenarios<T>
): StampedScenarios<T> {
  const savedAt = (doc: Stamps, key: string) => doc.modified[key] ?? 0;
  const deletedAt = (doc: Stamps, key: string) => doc.deleted[key] ?? -1;
  const result: StampedScenarios<T> = { scenarios: [], ...noStamps() };
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
function adds<T extends Named>(merged: StampedScenarios<T>, stored: StampedScenarios<T>): boolean {
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
function stampChange<T extends Named>(
  before: StampedScenarios<T>,
  after: readonly T[],
  now: number,
  kind: ScenarioKind<T>
): Stamps {
  const same = (x: T, y: T) =>
    x.name === y.name && JSON.stringify(kind.toFile(x)) === JSON.stringify(kind.toFile(y));
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

export function scenarioNames(list: readonly Named[]): string[] {
  return list.map((s) => s.name);
}

export function findScenario<T extends Named>(list: readonly T[], name: string): T | undefined {
  return list.find((s) => sameName(s.name, name));
}

/** Adds the scenario, or replaces the one with the same name (case-insensitive). */
export function upsertScenario<T extends Named = Scenario>(
  list: readonly T[],
  scenario: T,
  kind: ScenarioKind<T> = workedExample<T>()
): T[] {
  checkName(scenario.name);
  const copy = { ...kind.clone(scenario), name: scenario.name.trim() };
  const index = list.findIndex((s) => sameName(s.name, scenario.name));
  if (index < 0) {
    if (list.length >= MAX_SCENARIOS)
      throw new Error(`At most ${MAX_SCENARIOS} scenarios can be saved in a workbook.`);
    return [...list, copy];
  }
  return list.map((s, i) => (i === index ? copy : s));
}

export function renameScenario<T extends Named = Scenario>(
  list: readonly T[],
  oldName: string,
  newName: string,
  kind: ScenarioKind<T> = workedExample<T>()
): T[] {
  checkName(newName);
  const index = list.findIndex((s) => sameName(s.name, oldName));
  if (index < 0) throw new Error(`There is no scenario named "${oldName}".`);
  if (list.some((s, i) => i !== index && sameName(s.name, newName)))
    throw new Error(`A scenario named "${newName.trim()}" already exists.`);
  return list.map((s, i) => (i === index ? { ...kind.clone(s), name: newName.trim() } : s));
}

export function deleteScenario<T extends Named>(list: readonly T[], name: string): T[] {
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

export interface ScenarioStore<T extends Named = Scenario> {
  load(): Promise<LoadedScenarios<T>>;
  /**
   * Applies one change (save, rename, delete) to the list as stored now, read afresh, and writes
   * the result, which it returns: a co-author's scenario saved since this pane loaded is kept.
   * Refuses (UnreadableScenariosError) when the stored data cannot be read, unless
   * overwriteCorrupt is given: then the change applies to the scenarios that could be read.
   * Loads and updates of one store run one after another, never interleaved.
   */
  update(change: (stored: T[]) => T[], opts?: { overwriteCorrupt?: boolean }): Promise<T[]>;
}

export function createScenarioStore<T extends Named = Scenario>(
  storage: ScenarioStorage,
  kind: ScenarioKind<T> = workedExample<T>()
): ScenarioStore<T> {
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };
  /** What this pane last wrote: merged into every read, so a co-author's late write cannot drop it. */
  let ours: StampedScenarios<T> | undefined;
  const read = async (): Promise<StampedScenarios<T>> => {
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
    return parseStampedDocument(text, kind);
  };
  const write = async (doc: StampedScenarios<T>): Promise<void> => {
    const text = serializeScenarioDocument(doc.scenarios, doc, kind); // validate before touching storage
    await storage.write(text);
    ours = doc;
  };
  /** The stored document merged with ours; written back when the store had lost something of ours. */
  const load = async (): Promise<StampedScenarios<T>> => {
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
  const visible = ({ scenarios, problem }: StampedScenarios<T>): LoadedScenarios<T> =>
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
        await write({ scenarios: next, ...stampChange(base, next, nextTime(base), kind) });
        return next;
      }),
  };
}
