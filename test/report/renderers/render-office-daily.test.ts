/**
 * The Office.js renderer writing a daily cohort analysis over three years (about 1,100 periods,
 * built by the analysis plan builder from synthetic orders), against the strict worksheets fake:
 * the cells in several requests and the layout in requests of its own, every request under
 * Excel on the web's ~5 MB cap as the checks measure it, the sync count exactly 2 + cells +
 * layout + page setup; each styled cell gets its look once, from far fewer ranges than rows;
 * and with a smaller budget the layout itself spreads over several requests, each under it.
 */
import { STYLE_LOOKS } from "../../../src/report/plan-style";
import { analysisPlan } from "../../../src/report/plans/analysis-plan";
import { layoutBatches } from "../../../src/report/renderers/office-layout";
import { writeBatches } from "../../../src/report/renderers/render-office";
import { parseCellRef, SheetPlan } from "../../../src/report/sheet-plan";
import { Op, uninstallFakeWorksheets } from "../../support/fake-excel-worksheets";
import { ordersAnalysis, syntheticOrderRows } from "../analysis-support";
import { expectWrittenInBoundedRequests, measuredBytes } from "./office-write-checks";

afterEach(uninstallFakeWorksheets);

// 400 customers over 36 months, by day.
const plan = analysisPlan(ordersAnalysis(syntheticOrderRows(7, 400, 36), "day", true));

/** The look each cell got, from the recorded format sets ("Sheet!B2:D9.format.font" set bold …). */
function looksWritten(ops: Op[]): Map<string, Record<string, unknown>> {
  const looks = new Map<string, Record<string, unknown>>();
  for (const o of ops) {
    const match = /^[^!]+!([A-Z]+\d+(?::[A-Z]+\d+)?)\.format\.(font|fill)$/.exec(o.target);
    if (!match || !o.action.startsWith("set ")) continue;
    const [from, to = from] = match[1].split(":").map(parseCellRef);
    const key = o.action === "set color" && match[2] === "fill" ? "fill" : o.action.slice(4);
    for (let r = from.row; r <= to.row; r++)
      for (let c = from.column; c <= to.column; c++) {
        const cell = `${r},${c}`;
        const look = looks.get(cell) ?? {};
        // Each property once per cell (plain checks: expect() per cell is too slow at this size).
        if (key in look) throw new Error(`${key} set twice on ${cell}`);
        look[key] = o.value;
        looks.set(cell, look);
      }
  }
  return looks;
}

/** The look each cell should get, cell by cell from the plan. */
function looksPlanned(p: SheetPlan): Map<string, Record<string, unknown>> {
  const looks = new Map<string, Record<string, unknown>>();
  for (const block of p.blocks) {
    const origin = parseCellRef(block.topLeft);
    block.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell?.style) return;
        const look = STYLE_LOOKS[cell.style];
        const expected: Record<string, unknown> = {};
        if (look.bold) expected.bold = true;
        if (look.italic) expected.italic = true;
        if (look.size) expected.size = look.size;
        if (look.color) expected.color = look.color;
        if (look.fill) expected.fill = look.fill;
        if (Object.keys(expected).length > 0)
          looks.set(`${origin.row + r},${origin.column + c}`, expected);
      })
    );
  }
  return looks;
}

describe("writePlanToWorkbook with a daily cohort analysis over three years", () => {
  it("has about 1,100 daily periods and more cells than one request holds", () => {
    const widest = Math.max(...plan.blocks.map((b) => b.rows.length));
    expect(widest).toBeGreaterThan(1_050);
    expect(widest).toBeLessThan(1_200);
    expect(writeBatches(plan).length).toBeGreaterThan(3);
  });

  it("writes cells, then layout, then page setup, each request under the cap, every cell once, each styled cell its look", async () => {
    const { batches, sent, layoutRequests } = await expectWrittenInBoundedRequests(plan);
    expect(batches.length).toBeGreaterThan(3);
    expect(layoutRequests).toBeGreaterThanOrEqual(1);
    const ops = sent.flat();
    const written = looksWritten(ops);
    const planned = looksPlanned(plan);
    expect(written.size).toBe(planned.size);
    const wrong = [...planned]
      .filter(([cell, look]) => JSON.stringify(written.get(cell)) !== JSON.stringify(look))
      .slice(0, 5);
    expect(wrong).toEqual([]);
    // Styled in rectangles: far fewer ranges than the ~2,200 cohort rows, let alone one per run.
    const styled = new Set(
      ops.filter((o) => /\.format\.(font|fill)$/.test(o.target)).map((o) => o.target.split(".")[0])
    );
    expect(styled.size).toBeLessThan(2_000);
    console.info(
      `daily cohorts over three years: ${sent.length} requests (${batches.length} of cells, ${layoutRequests} of layout), ` +
        `largest ${(Math.max(...sent.slice(2).map(measuredBytes)) / 1e6).toFixed(2)} MB, ${styled.size} styled ranges`
    );
  });

  it("with a smaller budget spreads the layout over several requests of its own, each under that budget", async () => {
    const budget = 600_000;
    expect(layoutBatches(plan, budget).length).toBeGreaterThan(1);
    const { batches, sent, layoutRequests } = await expectWrittenInBoundedRequests(plan, budget);
    expect(layoutRequests).toBeGreaterThan(1);
    for (const request of sent.slice(2 + batches.length, -1))
      expect(measuredBytes(request)).toBeLessThan(budget);
  });
});
