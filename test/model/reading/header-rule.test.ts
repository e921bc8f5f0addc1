/**
 * Issue 22.2: one header rule, applied once. A bad date on the first data row is an error naming
 * its row (line), exactly as on any other row; only a title row (a date cell with no digit) is
 * ever skipped.
 */
import { proposeLayout } from "../../../src/model/reading/layout";
import { feedOrders } from "../../../src/model/reading/row-feeding";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import { looksLikeHeader } from "../../../src/model/reading/cell-values";
import { PERIOD_RETENTION } from "../../../src/functions/data-functions";
import { grid } from "../../support/excel-values";

const analysis = () => new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });

describe("the header rule", () => {
  test("titles are headers; text with digits is a (bad) date", () => {
    expect(looksLikeHeader("order_date")).toBe(true);
    expect(looksLikeHeader("日期")).toBe(true);
    expect(looksLikeHeader("2024-02-30")).toBe(false);
    expect(looksLikeHeader("2024-03-05")).toBe(false);
  });

  test("the rows the command line feeds: a bad date on the first data row names line 2", () => {
    const rows = [
      ["customer", "order_date", "amount"],
      ["C-1", "2024-02-30", "10"],
      ["C-2", "2024-03-01", "12"],
      ["C-3", "2024-03-02", "14"],
    ];
    const layout = proposeLayout(rows, "en-US");
    expect(layout.hasHeader).toBe(true);
    expect(() => feedOrders(layout, analysis(), { textLines: true })(rows, 1)).toThrow(
      expect.objectContaining({ row: 2, column: 1 })
    );
    // The same bad date one row further down: the same error, one line further.
    const later = [rows[0], rows[2], rows[1], rows[3]];
    expect(() => feedOrders(layout, analysis(), { textLines: true })(later, 1)).toThrow(
      expect.objectContaining({ row: 3, column: 1 })
    );
  });

  test("PERIOD_RETENTION: a bad date on row 1 is the same #VALUE! as on row 2", () => {
    const ids = [["C-1"], ["C-2"], ["C-3"]];
    for (const headers of [0, 1]) {
      for (const at of [0, 1]) {
        const dates = [["2024-01-05"], ["2024-02-03"], ["2024-03-01"]];
        dates[at] = ["2024-02-30"];
        const r = grid(
          PERIOD_RETENTION(
            ids,
            dates,
            null as never,
            null as never,
            null as never,
            null as never,
            headers as never
          )
        );
        expect(r).toEqual([
          [
            {
              error: "#VALUE!",
              message: expect.stringMatching(
                new RegExp(`^order_dates row ${at + 1}: '2024-02-30'`)
              ),
            },
          ],
        ]);
      }
    }
  });

  test("a range that includes its title row still reads", () => {
    const r = PERIOD_RETENTION(
      [["customer"], ["C-1"], ["C-2"]],
      [["order date"], ["2024-01-05"], ["2024-02-03"]]
    ) as unknown[][];
    expect(Array.isArray(r) && r.length > 1).toBe(true);
  });
});
