/**
 * The Office.js renderer writing the "Cohort analysis" plan, against office-addin-mock (the
 * context, its sync and application) with a recording worksheet fake: a small analysis goes in
 * three syncs; a big one in a bounded number of requests, each under Excel on the web's ~5 MB
 * cap with calculation suspended for each; the heat map is a colour-scale conditional format and
 * the cohort curves a line chart by rows; no existing sheet is touched.
 */
import { OfficeMockObject } from "office-addin-mock";
import { analysisPlan } from "../../../src/report/plans/analysis-plan";
import {
  REQUEST_BUDGET_BYTES,
  writeBatches,
  writePlanToWorkbook,
} from "../../../src/report/renderers/render-office";
import { ordersAnalysis, sampleOrders, syntheticOrderRows } from "../analysis-support";

type Op = { target: string; action: string; value?: unknown };

/** Records every property set and call under a path; any member is itself a recorder. */
function recorder(ops: Op[], path: string): any {
  const target = function () {} as unknown as Record<string, unknown>;
  return new Proxy(target, {
    get: (_t, key) => (key === "then" ? undefined : recorder(ops, `${path}.${String(key)}`)),
    set: (_t, key, value) => {
      ops.push({ target: path, action: `set ${String(key)}`, value });
      return true;
    },
    apply: (_t, _this, args) => {
      ops.push({ target: path, action: "call", value: args });
      return recorder(ops, `${path}()`);
    },
  });
}

function installExcel(existing: string[]) {
  const ops: Op[] = [];
  let syncs = 0;
  const sheets: { name: string; id: string }[] = existing.map((name, i) => ({
    name,
    id: `{${i}}`,
  }));
  let loaded = false;
  const worksheets = {
    load: () => ops.push({ target: "worksheets", action: "load" }),
    get items() {
      if (!loaded) throw new Error("PropertyNotLoaded");
      return sheets;
    },
    add: (name: string) => {
      ops.push({ target: "worksheets", action: "add", value: name });
      const sheet = { name, id: `{new ${name}}` };
      sheets.push(sheet);
      const fake = recorder(ops, name);
      return new Proxy(fake, {
        get: (t, key) => (key === "id" ? sheet.id : key === "load" ? () => {} : t[key as string]),
      });
    },
    getItemOrNullObject: (id: string) => {
      ops.push({ target: "worksheets", action: "getItemOrNullObject", value: id });
      return recorder(ops, `sheet ${id}`);
    },
  };
  const excel = new OfficeMockObject({
    context: {
      workbook: {},
      application: {
        suspendApiCalculationUntilNextSync: () =>
          ops.push({ target: "application", action: "suspendApiCalculationUntilNextSync" }),
      },
      sync: async () => {
        syncs++;
        loaded = true;
        ops.push({ target: "context", action: "sync" });
      },
    },
    run: async function (this: { context: unknown }, batch: (c: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  });
  (excel.context.workbook as Record<string, unknown>).worksheets = worksheets;
  (globalThis as Record<string, unknown>).Excel = excel;
  return { ops, syncs: () => syncs };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
});

/** The ops between syncs, one list per request. */
function requests(ops: Op[]): Op[][] {
  const out: Op[][] = [[]];
  for (const op of ops) {
    if (op.target === "context" && op.action === "sync") out.push([]);
    else out[out.length - 1].push(op);
  }
  return out.slice(0, -1);
}

describe("writePlanToWorkbook with the cohort analysis", () => {
  it("writes a small analysis in three syncs with the heat map, the line chart and the names, touching no other sheet", async () => {
    const plan = analysisPlan(sampleOrders());
    const existing = ["Orders", "Cohort analysis"];
    const excel = installExcel(existing);
    const name = await writePlanToWorkbook(plan, plan.sheetName);
    expect(name).toBe("Cohort analysis (2)");
    expect(excel.syncs()).toBe(3);
    const touched = excel.ops.filter((o) =>
      existing.some((n) => o.target === n || o.target.startsWith(`${n}.`))
    );
    expect(touched).toEqual([]);
    const prefix = "Cohort analysis (2)";
    const [scale] = plan.conditionalFormats!;
    expect(excel.ops).toContainEqual({
      target: `${prefix}.getRange`,
      action: "call",
      value: [scale.range],
    });
    const add = excel.ops.find((o) => o.target.endsWith(".conditionalFormats.add"))!;
    expect(add.value).toEqual(["ColorScale"]);
    expect(
      excel.ops.find((o) => o.action === "set criteria" && o.target.endsWith(".colorScale"))!.value
    ).toEqual({
      minimum: { type: "LowestValue", color: "#F8696B" },
      midpoint: { formula: "50", type: "Percentile", color: "#FFEB84" },
      maximum: { type: "HighestValue", color: "#63BE7B" },
    });
    const chart = excel.ops.find((o) => o.target === `${prefix}.charts.add`)!;
    const [type, , seriesBy] = chart.value as unknown[];
    expect([type, seriesBy]).toEqual(["Line", "Rows"]);
    expect(excel.ops).toContainEqual({
      target: `${prefix}.getRange`,
      action: "call",
      value: [plan.charts[0].dataRange],
    });
    const names = excel.ops
      .filter((o) => o.target === `${prefix}.names.add`)
      .map((o) => (o.value as unknown[])[0]);
    expect(names).toEqual(plan.names.map((n) => n.name));
    expect(names).toEqual(expect.arrayContaining(["Sbg_Alpha", "Sbg_Beta", "Latest_Retention"]));
  });

  it("writes a big analysis in a bounded number of requests, each under the payload cap, calculation suspended for each", async () => {
    // Weekly cohorts over six years: about 300 × 300 cells per cohort block, ~10 MB in all.
    const plan = analysisPlan(ordersAnalysis(syntheticOrderRows(4, 2500, 72), "week", true));
    const batches = writeBatches(plan);
    const total = batches.flat().reduce((sum, piece) => sum + piece.bytes, 0);
    expect(total).toBeGreaterThan(2 * REQUEST_BUDGET_BYTES);
    const excel = installExcel(["Sheet1"]);
    await writePlanToWorkbook(plan, plan.sheetName);
    const sent = requests(excel.ops);
    expect(excel.syncs()).toBe(2 + batches.length);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(total / REQUEST_BUDGET_BYTES) + 1);
    for (const request of sent.slice(2)) {
      expect(request[0]).toEqual({
        target: "application",
        action: "suspendApiCalculationUntilNextSync",
      });
      const bytes = Buffer.byteLength(
        JSON.stringify(request.filter((o) => o.action.startsWith("set ")).map((o) => o.value)),
        "utf8"
      );
      expect(bytes).toBeLessThan(5_000_000);
    }
    // Every cell of every block arrives exactly once.
    const written = sent
      .flat()
      .filter((o) => o.action === "set values")
      .reduce((sum, o) => sum + (o.value as unknown[][]).flat().length, 0);
    const planned = plan.blocks.reduce(
      (sum, b) => sum + b.rows.length * Math.max(1, ...b.rows.map((r) => r.length)),
      0
    );
    expect(written).toBe(planned);
  });
});
