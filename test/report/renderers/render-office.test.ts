/**
 * The Office.js renderer writing the report, against the strict worksheets fake
 * (test/support/fake-excel-worksheets.ts): five syncs (names, the new sheet, cells, layout, page
 * setup), a new sheet named around the existing ones and never an existing one touched, whole
 * 2-D arrays with text as text, names, the chart and the page layout in a request of its own,
 * whose failure leaves the sheet and is reported; and after a failed write only its own sheet
 * removed, by id, whatever a co-author did in between.
 */
import { cloneScenario, WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildReportPlan } from "../../../src/report/plans/report-plan";
import { writePlanToWorkbook } from "../../../src/report/renderers/render-office";
import { parseCellRef } from "../../../src/report/sheet-plan";
import {
  installFakeWorksheets,
  opsOnSheets,
  requestsOf,
  uninstallFakeWorksheets,
} from "../../support/fake-excel-worksheets";

const hostile = cloneScenario(WORKED_EXAMPLE);
hostile.name = '=HYPERLINK("http://evil","click")';
const plan = buildReportPlan(hostile, {
  labels: ENGLISH_REPORT_LABELS,
  date: new Date(2025, 0, 15),
});

afterEach(uninstallFakeWorksheets);

describe("writePlanToWorkbook", () => {
  it("writes in five syncs, on a new sheet named around the existing ones, added before anything is written", async () => {
    const excel = installFakeWorksheets(["Sheet1", "retention model", "Retention model (2)"]);
    const name = await writePlanToWorkbook(plan, "Retention model");
    expect(name).toBe("Retention model (3)");
    expect(excel.syncs()).toBe(5);
    const actions = excel.ops.map((o) => `${o.target}:${o.action}`);
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
    expect(excel.ops.find((o) => o.action === "add")).toEqual({
      target: "worksheets",
      action: "add",
      value: "Retention model (3)",
    });
    expect(actions[actions.length - 1]).toBe("context:sync");
  });

  it("never touches an existing sheet", async () => {
    const existing = ["Sheet1", "Retention model", "Data"];
    const excel = installFakeWorksheets(existing);
    await writePlanToWorkbook(plan, "Retention model");
    expect(opsOnSheets(excel.ops, existing)).toEqual([]);
    expect(excel.ops.filter((o) => o.action === "delete")).toEqual([]);
  });

  it("assigns each block as whole 2-D arrays, number formats before values, text as text", async () => {
    const excel = installFakeWorksheets(["Sheet1"]);
    await writePlanToWorkbook(plan, "Retention model");
    const sets = excel.ops.filter(
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
    const excel = installFakeWorksheets([]);
    await writePlanToWorkbook(plan, "Retention model");
    const names = excel.ops
      .filter((o) => o.action === "names.add")
      .map((o) => o.value as { name: string; ref: string });
    expect(names).toEqual(
      plan.names.map((n) => ({ name: n.name, ref: `Retention model!${n.cell}` }))
    );
    expect(names.map((n) => n.name)).toContain("Total_Profit");
    expect(
      excel.ops.filter((o) => o.target === "Retention model" && o.action === "charts.add")
    ).toEqual([
      {
        target: "Retention model",
        action: "charts.add",
        value: {
          type: "ColumnClustered",
          source: `Retention model!${plan.charts[0].dataRange}`,
          seriesBy: "Columns",
        },
      },
    ]);
    expect(excel.ops).toContainEqual({
      target: "Retention model!chart.title",
      action: "set text",
      value: ENGLISH_REPORT_LABELS.chartTitle,
    });
  });

  it("prints the report landscape, one page wide and as many tall as needed, so the chart beside the tables is not cut", async () => {
    const excel = installFakeWorksheets([]);
    await writePlanToWorkbook(plan, "Retention model");
    const layout = excel.ops.filter((o) => o.target === "Retention model!pageLayout");
    expect(layout).toEqual([
      { target: "Retention model!pageLayout", action: "set orientation", value: "Landscape" },
      {
        target: "Retention model!pageLayout",
        action: "set zoom",
        value: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      },
    ]);
  });

  it("sends the page setup alone, last, and keeps the sheet when it fails, saying so", async () => {
    const excel = installFakeWorksheets(["Sheet1"], { failSync: 5 });
    const skipped = jest.fn();
    const name = await writePlanToWorkbook(plan, "Retention model", {
      onPageSetupSkipped: skipped,
    });
    expect(name).toBe("Retention model");
    expect(excel.syncs()).toBe(5);
    const last = requestsOf(excel.ops)[4];
    expect(last.map((o) => o.target)).toEqual([
      "Retention model!pageLayout",
      "Retention model!pageLayout",
    ]);
    expect(skipped).toHaveBeenCalledTimes(1);
    expect(skipped).toHaveBeenCalledWith("GeneralException: the write failed");
    expect(excel.ops.filter((o) => o.action === "delete")).toEqual([]);
    expect(excel.ops.filter((o) => o.action === "getItemOrNullObject")).toEqual([]);
    // Everything before the page setup was written: the values and the sheet's activation.
    expect(excel.ops.some((o) => o.action === "set values")).toBe(true);
    expect(excel.ops).toContainEqual({
      target: "Retention model",
      action: "activate",
      value: undefined,
    });
  });

  it("still resolves when nobody listens for a skipped page setup", async () => {
    installFakeWorksheets(["Sheet1"], { failSync: 5 });
    await expect(writePlanToWorkbook(plan, "Retention model")).resolves.toBe("Retention model");
  });

  it("removes the half-written sheet, by its id, and explains when the write fails", async () => {
    const excel = installFakeWorksheets(["Sheet1"], { failSync: 3 });
    await expect(writePlanToWorkbook(plan, "Retention model")).rejects.toThrow(
      /Could not write the report to "Retention model": GeneralException: the write failed\. The partly written sheet was removed\./
    );
    expect(excel.ops).toContainEqual({
      target: "Retention model",
      action: "delete",
      value: undefined,
    });
    expect(excel.ops.filter((o) => o.action === "delete")).toHaveLength(1);
    const lookup = excel.ops.find((o) => o.action === "getItemOrNullObject")!;
    expect(lookup.value).toMatch(/^\{SHEET-\d+\}$/); // an id, not the name
    expect(excel.worksheets.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("never deletes a co-author's sheet that took the chosen name before the sheet was added", async () => {
    // Between reading the names and adding the sheet, a co-author creates "Retention model".
    const excel = installFakeWorksheets(["Sheet1"], {
      beforeSync: (n, worksheets) => {
        if (n === 2) worksheets.coAuthorAdds("Retention model");
      },
    });
    // Adding fails at sync 2 (the name is taken): nothing of ours exists, so nothing is deleted.
    // (Before the fix, cleanup deleted "whichever sheet now has the name": the co-author's.)
    await expect(writePlanToWorkbook(plan, "Retention model")).rejects.toThrow(
      /Could not write the report: ItemAlreadyExists/
    );
    expect(excel.ops.filter((o) => o.action === "delete")).toEqual([]);
    expect(excel.ops.filter((o) => o.action === "getItemOrNullObject")).toEqual([]);
    expect(excel.worksheets.sheets.map((s) => s.name)).toEqual(["Sheet1", "Retention model"]);
  });

  it("after a failed write deletes only its own sheet, even when a co-author renamed it and reused its name", async () => {
    const excel = installFakeWorksheets(["Sheet1"], {
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
    expect(excel.ops.filter((o) => o.action === "delete")).toEqual([
      { target: "Theirs renamed", action: "delete", value: undefined },
    ]);
    expect(excel.worksheets.sheets.map((s) => s.name)).toEqual(["Sheet1", "Retention model"]);
  });
});
