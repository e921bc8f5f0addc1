/**
 * What the Office.js renderer's big-plan tests check alike, against the worksheets fake: the
 * plan goes in a bounded number of requests (2 + the cells' + the layout's + 1 for the page
 * setup), the cells' each opening with calculation suspended, every request under Excel on the
 * web's ~5 MB cap as this file measures it, the layout and the page setup in requests of their
 * own, and every cell of every block arriving exactly once.
 */
import { layoutBatches } from "../../../src/report/renderers/office-layout";
import {
  CellPiece,
  REQUEST_BUDGET_BYTES,
  writeBatches,
  writePlanToWorkbook,
} from "../../../src/report/renderers/render-office";
import { SheetPlan } from "../../../src/report/sheet-plan";
import { installFakeWorksheets, Op, requestsOf } from "../../support/fake-excel-worksheets";

/**
 * A request's size as Office.js would send it, estimated here independently of the renderer:
 * each recorded set or call is an action (~150 bytes of JSON) on an object path, one more path
 * object (~100 bytes) per step of its target ("Sheet!A1:B2.format.font" is three), plus its
 * value or arguments as JSON in UTF-8.
 */
export function measuredBytes(request: Op[]): number {
  return request.reduce(
    (sum, o) =>
      sum +
      150 +
      100 * o.target.split(".").length +
      Buffer.byteLength(JSON.stringify(o.value ?? null), "utf8"),
    0
  );
}

const CELL_ACTIONS = ["set values", "set numberFormat", "set formulas"];

/** Writes `plan` to a fake workbook and checks its requests; returns its batches and their bytes. */
export async function expectWrittenInBoundedRequests(
  plan: SheetPlan,
  budget = REQUEST_BUDGET_BYTES
): Promise<{ batches: CellPiece[][]; total: number; sent: Op[][]; layoutRequests: number }> {
  const batches = writeBatches(plan, budget);
  const total = batches.flat().reduce((sum, piece) => sum + piece.bytes, 0);
  expect(batches.length).toBeLessThanOrEqual(Math.ceil(total / budget) + 1);
  const layoutRequests = layoutBatches(plan, budget).length;
  const excel = installFakeWorksheets(["Sheet1"]);
  const skipped = jest.fn();
  await writePlanToWorkbook(plan, plan.sheetName, { budget, onPageSetupSkipped: skipped });
  expect(skipped).not.toHaveBeenCalled();
  const sent = requestsOf(excel.ops);
  expect(excel.syncs()).toBe(2 + batches.length + layoutRequests + 1);
  const cellRequests = sent.slice(2, 2 + batches.length);
  const layout = sent.slice(2 + batches.length, -1);
  const pageSetup = sent[sent.length - 1];
  for (const request of cellRequests) {
    expect(request[0]).toEqual({
      target: "application",
      action: "suspendApiCalculationUntilNextSync",
    });
  }
  for (const request of sent.slice(2)) expect(measuredBytes(request)).toBeLessThan(5_000_000);
  // The layout and the page setup carry no cells; the page setup nothing else.
  for (const request of [...layout, pageSetup])
    expect(request.filter((o) => CELL_ACTIONS.includes(o.action))).toEqual([]);
  expect(pageSetup.every((o) => o.target.endsWith("!pageLayout"))).toBe(true);
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
  return { batches, total, sent, layoutRequests };
}
