/**
 * A stand-in for Excel.run over a workbook's worksheets, for the Office.js renderer's tests. The
 * context (sync, application) is an office-addin-mock OfficeMockObject; the worksheet collection
 * is a strict hand-written fake that records every call, refuses reads of unloaded properties
 * (as Office.js does), rejects a duplicate sheet name at the next sync (as Excel does), can fail
 * a sync, and lets a "co-author" change the workbook between two syncs.
 *
 * What is recorded, as { target, action, value }: on a sheet (target: its name) "load",
 * "getRange" (the address), "names.add" ({ name, ref }), "charts.add" ({ type, source,
 * seriesBy }), "chart.setPosition", "activate" and "delete"; on what a range hands out (target:
 * "Sheet!A1:B2", then ".format.font", ".conditionalFormats.add()", …) "set <property>" and
 * "call"; on the collection (target "worksheets") "load", "add" and "getItemOrNullObject"; and
 * "application" suspendApiCalculationUntilNextSync and "context" sync, in order.
 */
import { OfficeMockObject } from "office-addin-mock";

export type Op = { target: string; action: string; value?: unknown };

/** Where a recorded object sits ("Sheet!A1"), for the calls that take a range as an argument. */
const PATH = Symbol("path");

class Recorder {
  readonly ops: Op[] = [];
  record(target: string, action: string, value?: unknown) {
    this.ops.push({ target, action, value });
  }
  /**
   * An object that records every property set and call under `path` (range.format.font.bold = …,
   * range.conditionalFormats.add(…)); any member is itself a recorder.
   */
  proxy(path: string): any {
    const target = function () {} as unknown as Record<PropertyKey, unknown>;
    return new Proxy(target, {
      get: (_t, key) => {
        if (key === PATH) return path;
        // Not a promise, not JSON, no coercion: a failing expectation can print the ops.
        if (typeof key === "symbol" || key === "then" || key === "toJSON") return undefined;
        return this.proxy(`${path}.${key}`);
      },
      set: (_t, key, value) => {
        this.record(path, `set ${String(key)}`, value);
        return true;
      },
      apply: (_t, _this, args) => {
        this.record(path, "call", args);
        return this.proxy(`${path}()`);
      },
    });
  }
}

const pathOf = (recorded: unknown) => (recorded as Record<PropertyKey, unknown>)?.[PATH];

let nextId = 1;

export class FakeSheet {
  readonly id = `{SHEET-${nextId++}}`;
  private idLoaded = false;
  private idLoadRequested = false;
  deleted = false;
  constructor(
    public name: string,
    private readonly log: Recorder
  ) {}
  load(properties: string) {
    this.log.record(this.name, "load", properties);
    if (properties === "id") this.idLoadRequested = true;
  }
  afterSync() {
    if (this.idLoadRequested) this.idLoaded = true;
  }
  get loadedId() {
    if (!this.idLoaded)
      throw new Error("PropertyNotLoaded: worksheet.id was read before load + sync");
    return this.id;
  }
  getRange(address: string) {
    this.log.record(this.name, "getRange", address);
    return this.log.proxy(`${this.name}!${address}`);
  }
  get names() {
    return {
      add: (name: string, ref: unknown) =>
        this.log.record(this.name, "names.add", { name, ref: pathOf(ref) }),
    };
  }
  get charts() {
    return {
      add: (type: string, source: unknown, seriesBy: string) => {
        this.log.record(this.name, "charts.add", { type, source: pathOf(source), seriesBy });
        return {
          title: this.log.proxy(`${this.name}!chart.title`),
          series: { getItemAt: (i: number) => this.log.proxy(`${this.name}!chart.series${i}`) },
          setPosition: (from: string, to: string) =>
            this.log.record(this.name, "chart.setPosition", { from, to }),
        };
      },
    };
  }
  get pageLayout() {
    return this.log.proxy(`${this.name}!pageLayout`);
  }
  activate() {
    this.log.record(this.name, "activate");
  }
  delete() {
    this.log.record(this.name, "delete");
    this.deleted = true;
  }
  get isNullObject() {
    return false;
  }
}

/** What Office.js hands out for a sheet: the fake, with `id` readable only once loaded. */
function proxyOf(sheet: FakeSheet) {
  return new Proxy(sheet, {
    get: (target, key, receiver) =>
      key === "id" ? target.loadedId : Reflect.get(target, key, receiver),
  });
}

export class FakeWorksheets {
  private loadRequested = false;
  private loaded = false;
  sheets: FakeSheet[];
  constructor(
    existing: string[],
    private readonly log: Recorder
  ) {
    this.sheets = existing.map((name) => new FakeSheet(name, log));
  }
  load(properties: string) {
    this.log.record("worksheets", "load", properties);
    this.loadRequested = true;
  }
  get items(): FakeSheet[] {
    if (!this.loaded)
      throw new Error("PropertyNotLoaded: worksheets.items was read before load + sync");
    return this.sheets;
  }
  /** A failure met while applying the batch, raised by the sync (Office.js reports errors there). */
  private pendingError: Error | undefined;
  private pendingAdds: FakeSheet[] = [];
  add(name: string) {
    this.log.record("worksheets", "add", name);
    const sheet = new FakeSheet(name, this.log);
    this.pendingAdds.push(sheet);
    return proxyOf(sheet);
  }
  /** Excel's getItemOrNullObject takes a name or an id. */
  getItemOrNullObject(key: string) {
    this.log.record("worksheets", "getItemOrNullObject", key);
    const sheet = this.sheets.find((s) => s.id === key || s.name === key);
    return sheet ? proxyOf(sheet) : { isNullObject: true, load: () => {} };
  }
  /** What a co-author does: a sheet added by someone else. */
  coAuthorAdds(name: string) {
    this.sheets.push(new FakeSheet(name, new Recorder()));
  }
  afterSync() {
    // Queued adds reach the workbook now, after anything a co-author did in between.
    for (const sheet of this.pendingAdds.splice(0)) {
      if (this.sheets.some((s) => s.name.toLowerCase() === sheet.name.toLowerCase()))
        this.pendingError ??= new Error(`ItemAlreadyExists: a sheet named "${sheet.name}" exists`);
      else this.sheets.push(sheet);
    }
    if (this.loadRequested) this.loaded = true;
    for (const sheet of this.sheets) sheet.afterSync();
    this.sheets = this.sheets.filter((s) => !s.deleted);
    const error = this.pendingError;
    this.pendingError = undefined;
    if (error) throw error;
  }
}

export interface FakeWorksheetsOptions {
  /** Fail this sync (1-based) with a GeneralException. */
  failSync?: number;
  /** Runs just before sync number n reaches "Excel": a co-author's change lands here. */
  beforeSync?: (n: number, worksheets: FakeWorksheets) => void;
}

export interface InstalledWorksheets {
  /** Every recorded call and property set, in order. */
  ops: Op[];
  worksheets: FakeWorksheets;
  /** Completed or attempted syncs. */
  syncs: () => number;
}

/** Puts a global `Excel` whose workbook holds sheets named `existing`. */
export function installFakeWorksheets(
  existing: string[],
  options: FakeWorksheetsOptions = {}
): InstalledWorksheets {
  const log = new Recorder();
  const worksheets = new FakeWorksheets(existing, log);
  let syncs = 0;
  const excel = new OfficeMockObject({
    context: {
      workbook: {},
      application: {
        suspendApiCalculationUntilNextSync: () =>
          log.record("application", "suspendApiCalculationUntilNextSync"),
      },
      sync: async () => {
        syncs++;
        log.record("context", "sync");
        options.beforeSync?.(syncs, worksheets);
        if (options.failSync === syncs) throw new Error("GeneralException: the write failed");
        worksheets.afterSync();
      },
    },
    run: async function (
      this: { context: unknown },
      batch: (context: unknown) => Promise<unknown>
    ) {
      return batch(this.context);
    },
  });
  // The collection is replaced by the strict fake (the mock turns nested objects into plain data).
  (excel.context.workbook as Record<string, unknown>).worksheets = worksheets;
  (globalThis as Record<string, unknown>).Excel = excel;
  return { ops: log.ops, worksheets, syncs: () => syncs };
}

/** Removes the global `Excel` again (an afterEach of every test file that installs it). */
export function uninstallFakeWorksheets(): void {
  delete (globalThis as Record<string, unknown>).Excel;
}

/** The ops between syncs, one list per request. */
export function requestsOf(ops: Op[]): Op[][] {
  const out: Op[][] = [[]];
  for (const op of ops) {
    if (op.target === "context" && op.action === "sync") out.push([]);
    else out[out.length - 1].push(op);
  }
  return out.slice(0, -1);
}

/** The ops on any of the sheets named, or on anything one of them handed out. */
export function opsOnSheets(ops: Op[], names: string[]): Op[] {
  return ops.filter((o) => names.some((n) => o.target === n || o.target.startsWith(`${n}!`)));
}
