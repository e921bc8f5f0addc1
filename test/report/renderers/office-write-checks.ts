/**
 * What the Office.js renderer's big-plan tests check alike, against the worksheets fake: the
 * plan goes in a bounded number of requests (2 + one per batch of cells), each opening with
 * calculation suspended and under Excel on the web's ~5 MB cap, and every cell of every block
 * arrives exactly once.
 */
import {
  CellPiece,
  REQUEST_BUDGET_BYTES,
  writeBatches,
  writePlanToWorkbook,
} from "../../../src/report/renderers/render-office";
import { SheetPlan } from "../../../src/report/sheet-plan";
import { installFakeWorksheets, requestsOf } from "../../support/fake-excel-worksheets";

/** Writes `plan` to a fake workbook and checks its requests; returns its batches and their bytes. */
export async function expectWrittenInBoundedRequests(
  plan: SheetPlan
): Promise<{ batches: CellPiece[][]; total: number }> {
  const batches = writeBatches(plan);
  const total = batches.flat().reduce((sum, piece) => sum + piece.bytes, 0);
  expect(batches.length).toBeLessThanOrEqual(Math.ceil(total / REQUEST_BUDGET_BYTES) + 1);
  const excel = installFakeWorksheets(["Sheet1"]);
  await writePlanToWorkbook(plan, plan.sheetName);
  const sent = requestsOf(excel.ops);
  expect(excel.syncs()).toBe(2 + batches.length);
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
  return { batches, total };
}
