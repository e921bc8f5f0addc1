/**
 * The one layout proposal (layout.ts): on generated tables it finds the columns their writer put
 * each field in and the format they wrote dates in; it reads the first LAYOUT_SAMPLE_ROWS rows
 * and no more; and the columns a user names (by title, loosely, or by number) win.
 */
import fc from "fast-check";
import { columnNamed, LAYOUT_SAMPLE_ROWS, proposeLayout } from "../../../src/model/reading/layout";
import { serialOf, tableArb } from "./table-generator";

describe("proposeLayout", () => {
  it("finds the shape, the title row, every column and the date format of generated tables", () => {
    fc.assert(
      fc.property(tableArb(), fc.constantFrom("en-US", "en-GB", "zh-CN"), (table, locale) => {
        const { decimal, warnings, ...layout } = proposeLayout(table.cells, locale);
        expect(decimal).toBe(".");
        expect(warnings).not.toContain("amount-looks-like-ids");
        expect(layout).toEqual({
          shape: table.shape,
          hasHeader: table.hasHeader,
          columns: table.columns,
          dateFormat: table.dateFormat,
        });
      }),
      { numRuns: 400 }
    );
  });

  it("reads the first LAYOUT_SAMPLE_ROWS rows only, blank ones counted", () => {
    // 3/5/2024 … with no day above 12: month-first, the guess. A day-first date only after the
    // sample (row LAYOUT_SAMPLE_ROWS + 1) changes nothing; one inside it rules month-first out.
    const us = (k: number) => `${(k % 12) + 1}/${(k % 11) + 1}/2024`;
    const rows = [
      ["customer", "date"],
      ["", ""],
    ];
    while (rows.length < LAYOUT_SAMPLE_ROWS) rows.push([`C-${rows.length}`, us(rows.length)]);
    const after = [...rows, ["C-x", "25/12/2024"]];
    // Whatever the locale: month-first, the one guess, said by a warning.
    for (const locale of ["en-US", "en-GB", "de-DE"]) {
      expect(proposeLayout(after, locale).dateFormat).toBe("mdy");
      expect(proposeLayout(after, locale).warnings).toContain("date-order-guessed");
    }
    const inside = [...rows.slice(0, -1), ["C-x", "25/12/2024"]];
    expect(inside).toHaveLength(LAYOUT_SAMPLE_ROWS);
    expect(proposeLayout(inside, "en-US").dateFormat).toBe("dmy");
    expect(LAYOUT_SAMPLE_ROWS).toBe(501);
  });

  it("takes the columns and date format the user names, and the user's shape", () => {
    const cells = [
      ["note", "who", "from", "until", "fee"],
      ["x", "C-1", "2024-01-25", "", "49"],
    ];
    const layout = proposeLayout(cells, "en-US", {
      shape: "subscriptions",
      columns: { customer: "who", start: "3", end: "UNTIL", revenue: "fee" },
      dateFormat: "ymd",
    });
    expect(layout).toMatchObject({
      shape: "subscriptions",
      hasHeader: true,
      columns: { customer: 1, date: -1, amount: -1, start: 2, end: 3, revenue: 4 },
      dateFormat: "ymd",
    });
    // A named column another role had is that role's no more.
    const orders = [
      ["customer_id", "order_date", "amount", "paid"],
      ["C-1", "2024-01-25", "10", "12"],
    ];
    expect(proposeLayout(orders, "en-US", { columns: { customer: "amount" } }).columns).toEqual({
      customer: 2,
      date: 1,
      amount: -1,
      start: -1,
      end: -1,
      revenue: -1,
    });
    // Titles known to be titles (a Parquet file's column names), even when they look like data.
    const numbered = [
      ["1", "2"],
      ["C-1", "2024-01-25"],
    ];
    expect(proposeLayout(numbered, "en-US", { header: true }).hasHeader).toBe(true);
    expect(proposeLayout(numbered, "en-US").hasHeader).toBe(false);
  });

  it("names a column by its title as written, as titles compare, or by number, and lists them when none is", () => {
    const headers = ["Customer ID", "Order Date", "3"];
    expect(columnNamed("Order Date", headers, 3)).toBe(1);
    expect(columnNamed("order_date", headers, 3)).toBe(1);
    expect(columnNamed("3", headers, 3)).toBe(2); // the title "3" before the third column
    expect(columnNamed("1", headers, 3)).toBe(0);
    expect(() => columnNamed("when", headers, 3)).toThrow(
      'no column "when" (the columns are Customer ID, Order Date, 3)'
    );
    expect(() => columnNamed("4", [], 3)).toThrow(/^no column "4"$/);
  });

  it("detects the date format from the date columns only", () => {
    const cells = [
      ["customer", "date", "note"],
      ["C-1", "2024-01-25", "3/25/2024"],
    ];
    expect(proposeLayout(cells, "en-US").dateFormat).toBe("iso");
    expect(serialOf(2024, 1, 25)).toBe(45316);
  });
});
