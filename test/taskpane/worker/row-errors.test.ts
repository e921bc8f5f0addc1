/**
 * A bad cell reaches the pane as data (the worker's failed answer carries its argument, line and
 * column) and the pane names it by the user's own header, or the column's letter without one.
 */
import { CellError } from "../../../src/model/errors";
import { createAnalysisEngine } from "../../../src/taskpane/worker/analysis-engine";
import type { AnalysisSettings, WorkerResponse } from "../../../src/taskpane/worker/protocol";
import { rowProblem } from "../../../src/taskpane/worker/row-errors";
import { failure } from "../../../src/taskpane/worker/row-sinks";

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 1, date: 2, amount: 0, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};

describe("a bad cell in the pane", () => {
  it("is answered with its argument, line and column, and named by the user's header", async () => {
    const text = "金额,客户,日期\n5,C-1,2024-01-05\n6,C-2,soon\n";
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    await handle({ type: "analyse", id: 4, source: { kind: "text", text }, settings: SETTINGS });
    const failed = messages.find((m) => m.type === "failed");
    expect(failed).toEqual({
      type: "failed",
      id: 4,
      code: "value",
      message:
        "order_dates row 3: 'soon' is not a date (use a date or ISO text such as 2024-03-05)",
      cell: {
        argument: "order_dates",
        row: 3,
        column: 2,
        problem: "'soon' is not a date (use a date or ISO text such as 2024-03-05)",
      },
    });
    if (failed?.type !== "failed") return;
    expect(rowProblem(failed.cell, ["金额", "客户", " 日期 "])).toEqual({
      row: 3,
      column: "日期",
      problem: "'soon' is not a date (use a date or ISO text such as 2024-03-05)",
    });
  });

  it("without titles is named by the column's letter, and without a column by its argument", () => {
    const cell = { argument: "amounts", row: 12, column: 27, problem: "'x' is not a number" };
    expect(rowProblem(cell, null)?.column).toBe("AB");
    expect(rowProblem(cell, ["a", "b"])?.column).toBe("AB");
    expect(rowProblem({ ...cell, column: null }, ["a"])?.column).toBe("amounts");
    expect(rowProblem(null, ["a"])).toBeNull();
  });

  it("a failure that names no cell carries none", () => {
    expect(failure(1, new Error("no analysis to write"))).toEqual({
      type: "failed",
      id: 1,
      message: "no analysis to write",
      code: null,
      cell: null,
    });
    expect(failure(2, new CellError("mrr", 4, "is negative", 3))).toMatchObject({
      message: "mrr row 4: is negative",
      cell: { argument: "mrr", row: 4, column: 3, problem: "is negative" },
    });
  });
});
