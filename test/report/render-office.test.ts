/**
 * The Office.js renderer against office-addin-mock: the context (sync, application) is an
 * OfficeMockObject; the worksheet collection is a strict hand-written fake that records every call,
 * refuses reads of unloaded properties (as Office.js does), and can fail the write sync.
 */
import { OfficeMockObject } from "office-addin-mock";

import { cloneScenario, WORKED_EXAMPLE } from "../../src/model/scenario";
import { ENGLISH_REPORT_LABELS } from "../../src/report/report-labels";
import { buildReportPlan } from "../../src/report/report-plan";
import { writePlanToWorkbook } from "../../src/report/render-office";
import { parseCellRef } from "../../src/report/sheet-plan";

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

class FakeSheet {
  constructor(
    readonly name: string,
    private readonly log: Recorder
  ) {}
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
  }
  get isNullObject() {
    return false;
  }
}

class FakeWorksheets {
  private loadRequested = false;
  private loaded = false;
  readonly sheets: FakeSheet[];
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
  add(name: string) {
    this.log.record("worksheets", "add", name);
    const sheet = new FakeSheet(name, this.log);
    this.sheets.push(sheet);
    return sheet;
  }
  getItemOrNullObject(name: string) {
    this.log.record("worksheets", "getItemOrNullObject", name);
    return this.sheets.find((s) => s.name === name) ?? { isNullObject: true };
  }
  afterSync() {
    if (this.loadRequested) this.loaded = true;
  }
}

function installExcel(existing: string[], options: { failWriteSync?: boolean } = {}) {
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
        if (options.failWriteSync && syncs === 2)
          throw new Error("GeneralException: the write failed");
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
  it("writes in at most two syncs, on a new sheet named around the existing ones", async () => {
    const excel = installExcel(["Sheet1", "retention model", "Retention model (2)"]);
    const name = await writePlanToWorkbook(plan, "Retention model");
    expect(name).toBe("Retention model (3)");
    expect(excel.syncs()).toBe(2);
    const actions = excel.log.ops.map((o) => `${o.target}:${o.action}`);
    // Names are read first, calculation is suspended before anything is written.
    expect(actions.slice(0, 2)).toEqual(["worksheets:load", "context:sync"]);
    expect(actions[2]).toBe("application:suspendApiCalculationUntilNextSync");
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

  it("prints the report landscape, one page wide, so the chart beside the tables is not cut", async () => {
    const excel = installExcel([]);
    await writePlanToWorkbook(plan, "Retention model");
    const layout = excel.log.ops.filter((o) => o.target === "Retention model!pageLayout");
    expect(layout).toEqual([
      { target: "Retention model!pageLayout", action: "set orientation", value: "Landscape" },
      {
        target: "Retention model!pageLayout",
        action: "set zoom",
        value: { horizontalFitToPages: 1 },
      },
    ]);
  });

  it("removes the half-written sheet and explains when the write fails", async () => {
    const excel = installExcel(["Sheet1"], { failWriteSync: true });
    await expect(writePlanToWorkbook(plan, "Retention model")).rejects.toThrow(
      /Could not write the report to "Retention model": GeneralException: the write failed\. The partly written sheet was removed\./
    );
    expect(excel.log.ops).toContainEqual({
      target: "Retention model",
      action: "delete",
      value: undefined,
    });
    expect(excel.log.ops.filter((o) => o.action === "delete")).toHaveLength(1);
  });
});
