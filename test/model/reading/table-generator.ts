/**
 * Tables as users bring them, generated with what they hold known: orders or subscriptions, with
 * English or Chinese titles (or none), the columns in any order among others, dates written in
 * one of the formats spreadsheets export. Dates are written from JavaScript's own calendar
 * (Date.UTC), so what a reader makes of them is checked against that, not against itself.
 */
import fc from "fast-check";
import type { DataShape } from "../../../src/model/history/analysis";
import type { ColumnRole, ColumnRoles } from "../../../src/model/reading/column-matching";
import type { DateFormat } from "../../../src/model/reading/date-formats";

/** Titles users give each role (compared as the proposal compares them: any case, any spaces). */
const TITLES: Record<ColumnRole, string[]> = {
  customer: ["customer_id", "Customer", "客户", "user id", "会员编号"],
  date: ["order_date", "Date", "下单日期", "Purchase Date"],
  amount: ["amount", "Revenue", "金额", "Order Total"],
  start: ["start_date", "Start", "开始日期"],
  end: ["end_date", "Cancelled At", "结束日期"],
  revenue: ["mrr", "MRR", "月费", "monthly revenue"],
};
const OTHER_TITLES = ["note", "city", "备注", "channel"];

/** One data row as its writer meant it. */
export interface TableRow {
  customer: string;
  /** The order date or the start (Excel serial). */
  date: number;
  /** The end (subscriptions), or null when blank. */
  end: number | null;
  /** The amount or recurring revenue as written ("" when blank). */
  money: string;
}

export interface GeneratedTable {
  shape: DataShape;
  hasHeader: boolean;
  /** The column of each role: what the proposal must find. */
  columns: ColumnRoles;
  dateFormat: DateFormat;
  /** The cells, the title row first when there is one. */
  cells: string[][];
  rows: TableRow[];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Excel serial of a calendar date, by JavaScript's calendar. */
export const serialOf = (y: number, m: number, d: number): number =>
  Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;

/** How one table writes its dates. */
interface DateWriting {
  format: DateFormat;
  separator: "/" | "." | "-" | "年";
  padded: boolean;
}

function writeDate(serial: number, w: DateWriting): string {
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const p = (n: number) => (w.padded ? pad(n) : String(n));
  switch (w.format) {
    case "iso":
      return `${y}-${pad(m)}-${pad(d)}`;
    case "ymd":
      return w.separator === "年"
        ? `${y}年${m}月${d}日`
        : `${y}${w.separator}${p(m)}${w.separator}${p(d)}`;
    case "mdy":
      return `${p(m)}${w.separator}${p(d)}${w.separator}${y}`;
    case "dmy":
      return `${p(d)}${w.separator}${p(m)}${w.separator}${y}`;
  }
}

const writingArb: fc.Arbitrary<DateWriting> = fc
  .record({
    format: fc.constantFrom<DateFormat>("iso", "ymd", "mdy", "dmy"),
    separator: fc.constantFrom<DateWriting["separator"]>("/", ".", "-", "年"),
    padded: fc.boolean(),
  })
  .map((w) => ({
    ...w,
    // ymd takes / . or 年月日; mdy and dmy / . or -.
    separator:
      w.format === "ymd" && w.separator === "-"
        ? "/"
        : w.format !== "ymd" && w.separator === "年"
          ? "-"
          : w.separator,
  }));

/** 2020-01-01 … 2025-12-31. */
const dayArb = fc.integer({ min: 43831, max: 46022 });

const rowArb = (shape: DataShape): fc.Arbitrary<TableRow> =>
  fc
    .record({
      id: fc.integer({ min: 1, max: 40 }),
      chinese: fc.boolean(),
      date: dayArb,
      length: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 3 }),
      cents: fc.option(fc.integer({ min: 0, max: 99_999 }), { freq: 5 }),
    })
    .map((r) => ({
      customer: r.chinese ? `客户${r.id}` : `C-${r.id}`,
      date: r.date,
      end: shape === "subscriptions" && r.length !== null ? r.date + r.length : null,
      money: r.cents === null ? "" : (r.cents / 100).toFixed(2),
    }));

export interface TableOptions {
  minRows?: number;
  maxRows?: number;
}

/** A table and everything about it the proposal and the feeder must find. */
export function tableArb(o: TableOptions = {}): fc.Arbitrary<GeneratedTable> {
  return fc
    .record({
      shape: fc.constantFrom<DataShape>("orders", "subscriptions"),
      hasHeader: fc.boolean(),
      writing: writingArb,
      titles: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
      hasMoney: fc.boolean(),
      hasEnd: fc.boolean(),
      others: fc.nat({ max: 2 }),
      order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
    })
    .chain((t) => {
      // Without titles the columns are told by what they hold: orders only (an end date is never
      // guessed from content), and no other columns.
      const shape: DataShape = t.hasHeader ? t.shape : "orders";
      return fc
        .array(rowArb(shape), { minLength: o.minRows ?? 1, maxLength: o.maxRows ?? 30 })
        .map((rows) => build({ ...t, shape, others: t.hasHeader ? t.others : 0 }, rows));
    });
}

function build(
  t: {
    shape: DataShape;
    hasHeader: boolean;
    writing: DateWriting;
    titles: number[];
    hasMoney: boolean;
    hasEnd: boolean;
    others: number;
    order: number[];
  },
  rows: TableRow[]
): GeneratedTable {
  // A day above 12 in the first row tells month-first from day-first.
  const first = new Date(Date.UTC(1899, 11, 30) + rows[0].date * 86_400_000);
  rows[0] = { ...rows[0], date: serialOf(first.getUTCFullYear(), first.getUTCMonth() + 1, 25) };
  if (rows[0].end !== null && rows[0].end < rows[0].date) rows[0].end = rows[0].date;
  // Without titles, an amount column is known by its numbers: the first row has one.
  if (!t.hasHeader && rows[0].money === "") rows[0] = { ...rows[0], money: "1.00" };
  const roles: ColumnRole[] =
    t.shape === "orders"
      ? ["customer", "date", ...(t.hasMoney ? (["amount"] as const) : [])]
      : [
          "customer",
          "start",
          ...(t.hasEnd ? (["end"] as const) : []),
          ...(t.hasMoney ? (["revenue"] as const) : []),
        ];
  const slots: (ColumnRole | number)[] = [
    ...roles,
    ...Array.from({ length: t.others }, (_, k) => k),
  ];
  const order = slots
    .map((slot, k) => ({ slot, key: t.order[k] ?? k }))
    .sort((a, b) => a.key - b.key)
    .map((s) => s.slot);
  const columns: ColumnRoles = {
    customer: -1,
    date: -1,
    amount: -1,
    start: -1,
    end: -1,
    revenue: -1,
  };
  order.forEach((slot, c) => {
    if (typeof slot === "string") columns[slot] = c;
  });
  const title = (slot: ColumnRole | number, c: number) =>
    typeof slot === "number"
      ? OTHER_TITLES[slot]
      : TITLES[slot][t.titles[c % t.titles.length] % TITLES[slot].length];
  const cell = (row: TableRow, slot: ColumnRole | number, r: number): string => {
    switch (slot) {
      case "customer":
        return row.customer;
      case "date":
      case "start":
        return writeDate(row.date, t.writing);
      case "end":
        return row.end === null ? "" : writeDate(row.end, t.writing);
      case "amount":
      case "revenue":
        return row.money;
      default:
        return `x${r}`;
    }
  };
  const cells = rows.map((row, r) => order.map((slot) => cell(row, slot, r)));
  if (t.hasHeader) cells.unshift(order.map(title));
  return {
    shape: t.shape,
    hasHeader: t.hasHeader,
    columns,
    dateFormat: t.writing.format,
    cells,
    rows: rows.map((row) => (t.hasMoney ? row : { ...row, money: "" })),
  };
}

/** The table as a CSV file's text: cells holding a comma, a quote or a line break are quoted. */
export function csvText(cells: string[][], newline = "\n"): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return cells.map((row) => row.map(field).join(",")).join(newline) + newline;
}
