/**
 * The Office.js renderer against office-addin-mock: the context (sync, application) is an
 * OfficeMockObject; the worksheet collection is a strict hand-written fake that records every call,
 * refuses reads of unloaded properties (as Office.js does), rejects a duplicate sheet name at the
 * next sync (as Excel does), can fail the write sync, and lets a "co-author" change the workbook
 * between two syncs.
 */
import { OfficeMockObject } from "office-addin-mock";

import { cloneScenario, WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildReportPlan } from "../../../src/report/plans/report-plan";
import { writePlanToWorkbook } from "../../../src/report/renderers/render-office";
import { parseCellRef } from "../../../src/report/sheet-plan";

type Op = { target: string; action: string; value?: unknown };

class Recorder {
  readonly ops: Op[] = [];
  record(target: string, action: string, value?: unknown) {
    this.ops.push({ target, action, value });
  }
  /** An object that records property writes under `path` (e.g. range.format.font.bold). */
  proxy(path: string): Record<string, unknown> {
    return new Proxy({} as Record<string, unknown>, {
      get: (_t, key: string) => (key === "then" ? undefined : this.proxy(`${path}.${key}`)),
      set: (_t, key: string, value) => {
        this.record(path, `set ${key}`, value);
        return true;
      },
    });
  }
}

let nextId = 1;

class FakeSheet {
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
      add: (name: string, ref: unknown) => this.log.record(this.name, "names.add", { name, ref }),
    };
  }
  get charts() {
    return {
      add: (type: string, source: unknown, seriesBy: string) => {
        this.log.record(this.name, "charts.add", { type, seriesBy });
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

class FakeWorksheets {
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

interface InstallOptions {
  /** Fail this sync (1-based) with a GeneralException. */
  failSync?: number;
  /** Runs just before sync number n reaches "Excel": a co-author's change lands here. */
  beforeSync?: (n: number, worksheets: FakeWorksheets) => void;
}

function installExcel(existing: string[], options: InstallOptions = {}) {
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
  return { log, worksheets, syncs: () => syncs };
}

const hostile = cloneScenario(WORKED_EXAMPLE);
hostile.name = '=HYPERLINK("http://evil","click")';
const plan = buildReportPlan(hostile, {
  labels: ENGLISH_REPORT_LABELS,
  date: new Date(2025, 0, 15),
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
});

describe("writePlanToWorkbook", () => {
  it("writes in three syncs, on a new sheet named around the existing ones, added before anything is written", async () => {
    const excel = installExcel(["Sheet1", "retention model", "Retention model (2)"]);
    const name = await writePlanToWorkbook(plan, "Retention model");
    expect(name).toBe("Retention model (3)");
    expect(excel.syncs()).toBe(3);
    const actions = excel.log.ops.map((o) => `${o.target}:${o.action}`);
    // Names are read first; the sheet is added and its id loaded on their own; calculation is
    // suspended before anything is written.
    expect(actions.slice(0, 5)).toEqual([
      "worksheets:load",
      "context:sync",
      "worksheets:add",
      "Retention model (3):load",
      "context:sync",
    ]);
    expect(actions[5]).toBe("application:suspendApiCalculationUntilNextSync");
    expect(excel.log.ops.find((o) => o.action === "add")).toEqual({
      target: "worksheets",
      action: "add",
      value: "Retention model (3)",
    });
    expect(actions[actions.length - 1]).toBe("context:sync");
  });

  it("never touches an existing sheet", async () => {
    const existing = ["Sheet1", "Retention model", "Data"];
    const excel = installExcel(existing);
    await writePlanToWorkbook(plan, "Retention model");
    const touched = excel.log.ops.filter((o) =>
      existing.some((n) => o.target === n || o.target.startsWith(`${n}!`))
    );
    expect(touched).toEqual([]);
    expect(excel.log.ops.filter((o) => o.action === "delete")).toEqual([]);
  });

  it("assigns each block as whole 2-D arrays, number formats before values, text as text", async () => {
    const excel = installExcel(["Sheet1"]);
    await writePlanToWorkbook(plan, "Retention model");
    const sets = excel.log.ops.filter(
      (o) => o.action.startsWith("set ") && /^Retention model![A-Z]+\d+:[A-Z]+\d+$/.test(o.target)
    );
    const blockTargets = [...new Set(sets.map((o) => o.target))].filter((t) =>
      sets.some((o) => o.target === t && o.action === "set values")
    );
    expect(blockTargets.length).toBe(plan.blocks.length);
    for (const target of blockTargets) {
      const order = sets.filter((o) => o.target === target).map((o) => o.action);
      expect(order.indexOf("set numberFormat")).toBeLessThan(order.indexOf("set values"));
      for (const o of sets.filter(
        (s) =>
          s.target === target &&
          ["set values", "set numberFormat", "set formulas"].includes(s.action)
      )) {
        const [from, to] = target.split("!")[1].split(":").map(parseCellRef);
        const rows = o.value as unknown[][];
        expect(rows).toHaveLength(to.row - from.row + 1);
        for (const row of rows) expect(row).toHaveLength(to.column - from.column + 1);
      }
    }
    // The header block holds the scenario name at B2: "@" first, then the literal characters via values.
    const header = sets.filter((o) => o.target === "Retention model!A1:B5");
    expect((header.find((o) => o.action === "set numberFormat")!.value as string[][])[1][1]).toBe(
      "@"
    );
    expect((header.find((o) => o.action === "set values")!.value as string[][])[1][1]).toBe(
      '=HYPERLINK("http://evil","click")'
    );
    expect(header.find((o) => o.action === "set formulas")).toBeUndefined();
    // Formulas go through `formulas`, with null (leave alone) for the other cells.
    const outputs = sets.find(
      (o) => o.target === "Retention model!A21:D28" && o.action === "set formulas"
    )!.value as (string | null)[][];
    expect(outputs[3]).toEqual([null, "=B22-B23", "=C22-C23", "=D22-D23"]);
  });

  it("adds sheet-scoped names and the comparison chart on the new sheet", async () => {
    const excel = installExcel([]);
    await writePlanToWorkbook(plan, "Retention model");
    const names = excel.log.ops
      .filter((o) => o.action === "names.add")
      .map((o) => (o.value as { name: string }).name);
    expect(names).toEqual(plan.names.map((n) => n.name));
    expect(names).toContain("Total_Profit");
    expect(
      excel.log.ops.filter((o) => o.target === "Retention model" && o.action === "charts.add")
    ).toEqual([
      {
        target: "Retention model",
        action: "charts.add",
        value: { type: "ColumnClustered", seriesBy: "Columns" },
      },
    ]);
    expect(excel.log.ops).toContainEqual({
      target: "Retention model!chart.title",
      action: "set text",
      value: ENGLISH_REPORT_LABELS.chartTitle,
    });
  });

  it("prints the report landscape, one page wide and as many tall as needed, so the chart beside the tables is not cut", async () => {
    const excel = installExcel([]);
    await writePlanToWorkbook(plan, "Retention model");
    const layout = excel.log.ops.filter((o) => o.target === "Retention model!pageLayout");
    expect(layout).toEqual([
      { target: "Retention model!pageLayout", action: "set orientation", value: "Landscape" },
      {
        target: "Retention model!pageLayout",
        action: "set zoom",
        value: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      },
    ]);
  });

  it("removes the half-written sheet, by its id, and explains when the write fails", async () => {
    const excel = installExcel(["Sheet1"], { failSync: 3 });
    await expect(writePlanToWorkbook(plan, "Retention model")).rejects.toThrow(
      /Could not write the report to "Retention model": GeneralException: the write failed\. The partly written sheet was removed\./
    );
    expect(excel.log.ops).toContainEqual({
      target: "Retention model",
      action: "delete",
      value: undefined,
    });
    expect(excel.log.ops.filter((o) => o.action === "delete")).toHaveLength(1);
    const lookup = excel.log.ops.find((o) => o.action === "getItemOrNullObject")!;
    expect(lookup.value).toMatch(/^\{SHEET-\d+\}$/); // an id, not the name
    expect(excel.worksheets.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("never deletes a co-author's sheet that took the chosen name before the sheet was added", async () => {
    // Between reading the names and adding the sheet, a co-author creates "Retention model".
    const excel = installExcel(["Sheet1"], {
      beforeSync: (n, worksheets) => {
        if (n === 2) worksheets.coAuthorAdds("Retention model");
      },
    });
    // Adding fails at sync 2 (the name is taken): nothing of ours exists, so nothing is deleted.
    // (Before the fix, cleanup deleted "whichever sheet now has the name": the co-author's.)
    await expect(writePlanToWorkbook(plan, "Retention model")).rejects.toThrow(
      /Could not write the report: ItemAlreadyExists/
    );
    expect(excel.log.ops.filter((o) => o.action === "delete")).toEqual([]);
    expect(excel.log.ops.filter((o) => o.action === "getItemOrNullObject")).toEqual([]);
    expect(excel.worksheets.sheets.map((s) => s.name)).toEqual(["Sheet1", "Retention model"]);
  });

  it("after a failed write deletes only its own sheet, even when a co-author renamed it and reused its name", async () => {
    const excel = installExcel(["Sheet1"], {
      failSync: 3,
      beforeSync: (n, worksheets) => {
        if (n !== 3) return;
        // While the write is in flight a co-author renames the new sheet and creates their own
        // "Retention model".
        worksheets.sheets.find((s) => s.name === "Retention model")!.name = "Theirs renamed";
        worksheets.coAuthorAdds("Retention model");
      },
    });
    await expect(writePlanToWorkbook(plan, "Retention model")).rejects.toThrow(
      /The partly written sheet was removed\./
    );
    expect(excel.log.ops.filter((o) => o.action === "delete")).toEqual([
      { target: "Theirs renamed", action: "delete", value: undefined },
    ]);
    expect(excel.worksheets.sheets.map((s) => s.name)).toEqual(["Sheet1", "Retention model"]);
  });
});
