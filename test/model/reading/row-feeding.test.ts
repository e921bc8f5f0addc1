/**
 * The one row feeder (row-feeding.ts): generated tables fed in pieces of any size reach the
 * model's readers as their writer meant each row (the title row skipped, each field from its
 * column, each date as its serial by JavaScript's calendar), rows named by the line they start
 * on (counted here by scanning the CSV text), and a bad cell's error placed in its column.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { CellError } from "../../../src/model/errors";
import { OrdersAnalysis, SubscriptionsAnalysis } from "../../../src/model/history/analysis";
import type { ColumnRoles } from "../../../src/model/reading/column-matching";
import { feedOrders, feedSubscriptions, RowFeed } from "../../../src/model/reading/row-feeding";
import { csvText, GeneratedTable, tableArb } from "./table-generator";

type Call = unknown[];

/** A reader that records what it is given. */
const recorder = (calls: Call[]) => ({ add: (...args: unknown[]) => void calls.push(args) });

function feederFor(table: GeneratedTable, calls: Call[], textLines = false): RowFeed {
  const layout = {
    hasHeader: table.hasHeader,
    columns: table.columns,
    dateFormat: table.dateFormat,
  };
  return table.shape === "orders"
    ? feedOrders(layout, recorder(calls), { textLines })
    : feedSubscriptions(layout, recorder(calls), { textLines });
}

/** What each data row should reach the reader as, written out from the generator's rows. */
function expectedCalls(table: GeneratedTable, lineOf: (k: number) => number): Call[] {
  const c = table.columns;
  return table.rows.map((row, k) => {
    const money = (column: number) => (column >= 0 ? row.money : null);
    if (table.shape === "orders") return [lineOf(k), row.customer, row.date, money(c.amount)];
    const end = c.end < 0 ? null : row.end === null ? "" : row.end;
    return [lineOf(k), row.customer, row.date, end, money(c.revenue)];
  });
}

/** The rows cut into pieces at the given sizes (the rest in one piece). */
function pieces<T>(rows: T[], sizes: number[]): T[][] {
  const out: T[][] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= rows.length) break;
    out.push(rows.slice(at, at + size));
    at += size;
  }
  if (at < rows.length) out.push(rows.slice(at));
  return out;
}

/** The line each record of a CSV text starts on, by scanning it a character at a time. */
function recordLines(text: string): number[] {
  const starts = [1];
  let line = 1;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "\n") {
      line++;
      if (!quoted && i < text.length - 1) starts.push(line);
    }
  }
  return starts;
}

describe("feeding rows", () => {
  it("gives each data row's fields from their columns, dates read, in pieces of any size", () => {
    fc.assert(
      fc.property(
        tableArb(),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 10 }),
        fc.integer({ min: 1, max: 5000 }),
        (table, sizes, firstRow) => {
          const calls: Call[] = [];
          const feed = feederFor(table, calls);
          let next = firstRow;
          for (const piece of pieces(table.cells, sizes)) {
            feed(piece, next);
            next += piece.length;
          }
          const titles = table.hasHeader ? 1 : 0;
          expect(calls).toEqual(expectedCalls(table, (k) => firstRow + titles + k));
        }
      ),
      { numRuns: 300 }
    );
  });

  it("names each record of a CSV text by the line it starts on, a quoted cell's line breaks counted", () => {
    fc.assert(
      fc.property(
        tableArb({ maxRows: 20 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 21, maxLength: 21 }),
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 10 }),
        (table, breaks, newline, sizes) => {
          // A last column of notes, some running over several lines.
          const cells = table.cells.map((row, r) => [
            ...row,
            r === 0 && table.hasHeader ? "note" : `n${"\n".repeat(breaks[r] ?? 0)}x`,
          ]);
          const text = csvText(cells, newline);
          const lines = recordLines(text.replace(/\r\n/g, "\n"));
          const records = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
          expect(records).toHaveLength(cells.length);
          const calls: Call[] = [];
          const feed = feederFor({ ...table, cells }, calls, true);
          let next = 1;
          for (const piece of pieces(records, sizes)) {
            feed(piece, next);
            next += piece.length;
          }
          const titles = table.hasHeader ? 1 : 0;
          expect(calls).toEqual(expectedCalls(table, (k) => lines[titles + k]));
        }
      ),
      { numRuns: 150 }
    );
  });

  it("places a bad cell's error in the user's column, the message as the cell functions give it", () => {
    const columns: ColumnRoles = {
      customer: 2,
      date: 0,
      amount: 3,
      start: -1,
      end: -1,
      revenue: -1,
    };
    const layout = { hasHeader: true, columns, dateFormat: "dmy" as const };
    const title = ["date", "note", "customer", "amount"];
    const cases: [string[], string, number, string][] = [
      [
        ["31/02/2024", "", "C-1", "5"],
        "order_dates",
        0,
        "'31/02/2024' is not a date (use a date or ISO text such as 2024-03-05)",
      ],
      [["25/12/2024", "", "C-1", "5,5x"], "amounts", 3, "'5,5x' is not a number"],
      [["25/12/2024", "", "", "5"], "customers", 2, "is empty but the row has an order"],
    ];
    for (const [row, argument, column, problem] of cases) {
      const feed = feedOrders(
        layout,
        new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true })
      );
      const error = (() => {
        try {
          feed([title, ["26/12/2024", "", "C-0", "1"], row], 7);
        } catch (e) {
          return e;
        }
      })() as CellError;
      expect(error).toBeInstanceOf(CellError);
      expect(error.toProblem()).toEqual({ argument, row: 9, column, problem });
      expect(error.message).toBe(`${argument} row 9: ${problem}`);
      expect(error.code).toBe("value");
    }
    const subscriptions = feedSubscriptions(
      {
        hasHeader: false,
        columns: { customer: 1, date: -1, amount: -1, start: 2, end: 0, revenue: 3 },
        dateFormat: "iso",
      },
      new SubscriptionsAnalysis({ unit: "month", hasRevenue: true })
    );
    expect(() => subscriptions([["2024-01-01", "C-1", "2024-02-01", "9"]], 1_204)).toThrow(
      expect.objectContaining({ argument: "end_dates", row: 1_204, column: 0 })
    );
    expect(() => subscriptions([["", "C-1", "2024-02-01", "-9"]], 3)).toThrow(
      "mrr row 3: recurring revenue cannot be negative"
    );
  });

  it("leaves dates out of Excel's range as text, for the model to name", () => {
    const calls: Call[] = [];
    const columns: ColumnRoles = {
      customer: 0,
      date: 1,
      amount: -1,
      start: -1,
      end: -1,
      revenue: -1,
    };
    const feed = feedOrders({ hasHeader: false, columns, dateFormat: "iso" }, recorder(calls));
    feed(
      [
        ["C-1", "1899-12-31"],
        ["C-1", "2024-01-05"],
        ["C-1", 45000 as unknown as string],
        ["C-1", ""],
      ],
      1
    );
    expect(calls.map((c) => c[2])).toEqual(["1899-12-31", 45296, 45000, ""]);
  });
});
