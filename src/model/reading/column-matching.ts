/**
 * Which column of a user's table holds what, from its headers in English or Chinese (and, for
 * a table without headers, from what its cells hold), and whether the table is orders
 * (customer, order date, amount) or subscriptions (customer, start, end, recurring revenue).
 * The pane proposes this match and the user can change every part of it; the command line
 * uses the same rules.
 */
import { DataShape } from "../history/analysis";
import { DATE_FORMATS, serialFromDateText } from "./date-formats";
import { plainNumberText, readNumberTextEither } from "./number-text";

export type ColumnRole = "customer" | "date" | "amount" | "start" | "end" | "revenue";

/** The roles each shape reads, required ones first. */
export const SHAPE_ROLES: Record<DataShape, readonly ColumnRole[]> = {
  orders: ["customer", "date", "amount"],
  subscriptions: ["customer", "start", "end", "revenue"],
};

/** Roles a table may lack: no amounts (orders), no end dates (all running) or no revenue. */
export const OPTIONAL_ROLES: ReadonlySet<ColumnRole> = new Set(["amount", "end", "revenue"]);

/** Column index per role; -1: none. */
export type ColumnRoles = Record<ColumnRole, number>;

/**
 * Why a proposal may be wrong, for the pane to show: the column named as the amount held ids
 * (so none, or another, was taken), or a role's column was guessed from its cells alone.
 */
export type MatchWarning = "amount-looks-like-ids" | "matched-by-content";

export interface ColumnMatch {
  shape: DataShape;
  /** Whether the first row holds column titles rather than data. */
  hasHeader: boolean;
  columns: ColumnRoles;
  warnings: MatchWarning[];
}

/**
 * Header words per role, compared after `normalizeHeader` (lower case; spaces, _ - . # and
 * brackets removed). Earlier words are better matches.
 */
const SYNONYMS: Record<ColumnRole, readonly string[]> = {
  customer: [
    "customer",
    "customerid",
    "customerno",
    "customernumber",
    "customercode",
    "customername",
    "client",
    "clientid",
    "user",
    "userid",
    "account",
    "accountid",
    "member",
    "memberid",
    "buyer",
    "buyerid",
    "subscriber",
    "subscriberid",
    "客户",
    "客户编号",
    "客户id",
    "客户代码",
    "客户名称",
    "顾客",
    "顾客编号",
    "用户",
    "用户id",
    "用户编号",
    "会员",
    "会员id",
    "会员编号",
    "买家",
    "订阅者",
    // German, French, Spanish, Italian exports
    "kunde",
    "kundennummer",
    "kundennr",
    "kundenid",
    "clientnumber",
    "numeroclient",
    "idclient",
    "cliente",
    "idcliente",
    "numerocliente",
  ],
  date: [
    "date",
    "orderdate",
    "orderedat",
    "orderedon",
    "purchasedate",
    "purchasedat",
    "transactiondate",
    "invoicedate",
    "paymentdate",
    "paidat",
    "createdat",
    "created",
    "day",
    "日期",
    "下单日期",
    "订单日期",
    "购买日期",
    "交易日期",
    "付款日期",
    "支付日期",
    "下单时间",
    "订单时间",
    "datum",
    "bestelldatum",
    "kaufdatum",
    "rechnungsdatum",
    "auftragsdatum",
    "datecommande",
    "datedecommande",
    "fecha",
    "fechapedido",
    "fechadepedido",
    "fechacompra",
  ],
  amount: [
    "amount",
    "revenue",
    "total",
    "ordertotal",
    "orderamount",
    "ordervalue",
    "value",
    "sales",
    "sale",
    "price",
    "spend",
    "net",
    "gross",
    "金额",
    "收入",
    "订单金额",
    "销售额",
    "实付金额",
    "支付金额",
    "总额",
    "总金额",
    "营收",
    "betrag",
    "umsatz",
    "summe",
    "gesamtbetrag",
    "bruttobetrag",
    "nettobetrag",
    "montant",
    "montantttc",
    "importe",
    "importo",
    "monto",
    "valor",
  ],
  start: [
    "start",
    "startdate",
    "startedat",
    "starton",
    "subscriptionstart",
    "begin",
    "begindate",
    "from",
    "开始",
    "开始日期",
    "起始日期",
    "开始时间",
    "订阅开始",
    "生效日期",
  ],
  end: [
    "end",
    "enddate",
    "endedat",
    "endon",
    "subscriptionend",
    "cancelledat",
    "canceledat",
    "cancellationdate",
    "cancelled",
    "canceled",
    "churndate",
    "churnedat",
    "to",
    "until",
    "结束",
    "结束日期",
    "结束时间",
    "截止日期",
    "取消日期",
    "到期日期",
    "订阅结束",
    "流失日期",
  ],
  revenue: [
    "mrr",
    "monthlyrecurringrevenue",
    "recurringrevenue",
    "monthlyrevenue",
    "arr",
    "月经常性收入",
    "经常性收入",
    "月收入",
    "月费",
    "amount",
    "revenue",
    "price",
    "value",
    "金额",
    "收入",
    "价格",
  ],
};

/** A header as compared: lower case, without spaces, _ - . # and brackets. */
export function normalizeHeader(header: unknown): string {
  return String(header ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-.#()[\]（）:：/]+/g, "");
}

/** How well a header names a role: 0 none; higher is better (exact beats containing). */
export function headerScore(header: unknown, role: ColumnRole): number {
  const h = normalizeHeader(header);
  if (h === "") return 0;
  const words = SYNONYMS[role];
  const exact = words.indexOf(h);
  if (exact >= 0) return 1000 - exact;
  let best = 0;
  words.forEach((word, i) => {
    // Short words ("to", "day", "net") only count as the whole header.
    if (word.length >= 3 && h.includes(word)) best = Math.max(best, 500 - i);
  });
  return best;
}

type CellKind = "date" | "number" | "text" | "blank";

function cellKind(cell: unknown): CellKind {
  if (cell === null || cell === undefined || cell === "") return "blank";
  if (typeof cell === "number") return "number";
  if (typeof cell !== "string") return "text";
  const t = cell.trim();
  if (t === "") return "blank";
  if (DATE_FORMATS.some((f) => serialFromDateText(t, f) !== null)) return "date";
  return plainNumberText(t) !== null || readNumberTextEither(t) !== null ? "number" : "text";
}

/** What most non-blank cells of a column are, over some rows. */
function columnKind(rows: readonly (readonly unknown[])[], column: number): CellKind {
  const counts: Record<CellKind, number> = { date: 0, number: 0, text: 0, blank: 0 };
  for (const row of rows) counts[cellKind(row[column])]++;
  const ranked = (["date", "number", "text"] as const)
    .filter((k) => counts[k] > 0)
    .sort((a, b) => counts[b] - counts[a]);
  return ranked[0] ?? "blank";
}

/**
 * Whether a first row is column titles: none of its cells is a date and at least one is text
 * that is not a number (a data row of orders always has a date).
 */
export function firstRowIsHeader(firstRow: readonly unknown[]): boolean {
  const kinds = firstRow.map(cellKind);
  return !kinds.includes("date") && kinds.includes("text");
}

/** Assigns roles to columns, best score first, each column to one role at most. */
function assign(
  width: number,
  roles: readonly ColumnRole[],
  score: (column: number, role: ColumnRole) => number
): ColumnRoles {
  const columns: ColumnRoles = {
    customer: -1,
    date: -1,
    amount: -1,
    start: -1,
    end: -1,
    revenue: -1,
  };
  const pairs: { column: number; role: ColumnRole; score: number }[] = [];
  for (let c = 0; c < width; c++)
    for (const role of roles) {
      const s = score(c, role);
      if (s > 0) pairs.push({ column: c, role, score: s });
    }
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const used = new Set<number>();
  for (const p of pairs) {
    if (columns[p.role] >= 0 || used.has(p.column)) continue;
    columns[p.role] = p.column;
    used.add(p.column);
  }
  return columns;
}

/** The number a cell holds (typed, or text as people write it), or null. */
function cellNumber(cell: unknown): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== "string") return null;
  return plainNumberText(cell) ?? readNumberTextEither(cell.trim());
}

/** Whether every non-blank cell of a column is a whole number (ids, counts, not money). */
function wholeNumbers(rows: readonly (readonly unknown[])[], column: number): boolean {
  let seen = 0;
  for (const row of rows) {
    const cell = row[column];
    if (cell === null || cell === undefined || cell === "") continue;
    const n = cellNumber(cell);
    if (n === null || !Number.isInteger(n)) return false;
    seen++;
  }
  return seen > 0;
}

/** Distinct values an id column has at least (fewer: prices or quantities, not ids). */
const MIN_ID_VALUES = 10;
/** Customers seen twice or more that must all keep their value for a column to read as ids. */
const MIN_REPEAT_CUSTOMERS = 3;

/**
 * Whether a column holds ids rather than amounts: whole numbers with many distinct values, each
 * customer who orders again always having the same one (an amount varies between orders).
 */
export function looksLikeIds(
  rows: readonly (readonly unknown[])[],
  column: number,
  customerColumn: number
): boolean {
  if (column < 0 || customerColumn < 0 || !wholeNumbers(rows, column)) return false;
  const first = new Map<string, number>();
  const distinct = new Set<number>();
  let repeats = 0;
  for (const row of rows) {
    const n = cellNumber(row[column]);
    const key = row[customerColumn];
    if (n === null || key === null || key === undefined || key === "") continue;
    distinct.add(n);
    const k = String(key).trim();
    const before = first.get(k);
    if (before === undefined) first.set(k, n);
    else if (before !== n) return false;
    else repeats++;
  }
  return distinct.size >= MIN_ID_VALUES && repeats >= MIN_REPEAT_CUSTOMERS;
}

/**
 * Fills roles the headers left open from the columns' contents (dates, numbers, ids): a customer
 * from text, else from whole numbers; an amount from a column that is not whole numbers first.
 * Returns whether any role was filled so.
 */
function fillByContent(
  columns: ColumnRoles,
  roles: readonly ColumnRole[],
  kinds: readonly CellKind[],
  whole: readonly boolean[]
): boolean {
  const used = new Set(Object.values(columns).filter((c) => c >= 0));
  const take = (kind: CellKind | null, wholeOnly?: boolean): number => {
    const c = kinds.findIndex(
      (k, i) =>
        !used.has(i) &&
        (kind === null || k === kind) &&
        (wholeOnly === undefined || whole[i] === wholeOnly)
    );
    if (c >= 0) used.add(c);
    return c;
  };
  let filled = false;
  for (const role of roles) {
    if (columns[role] >= 0) continue;
    if (role === "date" || role === "start") columns[role] = take("date");
    else if (role === "amount" || role === "revenue") {
      const money = take("number", false);
      columns[role] = money >= 0 ? money : take("number");
    } else if (role === "customer") {
      const text = take("text");
      const id = text >= 0 ? text : take("number", true);
      columns[role] = id >= 0 ? id : take("number");
    }
    // An end column is never guessed from content alone: a second date column may be anything.
    if (columns[role] >= 0) filled = true;
  }
  return filled;
}

function matchForShape(
  shape: DataShape,
  headers: readonly unknown[] | null,
  kinds: readonly CellKind[],
  data: readonly (readonly unknown[])[]
): { columns: ColumnRoles; warnings: MatchWarning[] } {
  const roles = SHAPE_ROLES[shape];
  const width = kinds.length;
  const whole = kinds.map((k, c) => k === "number" && wholeNumbers(data, c));
  const columns = assign(width, roles, (c, role) => (headers ? headerScore(headers[c], role) : 0));
  const warnings: MatchWarning[] = [];
  if (fillByContent(columns, roles, kinds, whole)) warnings.push("matched-by-content");
  // Never ids as an order's amount: another number column if one is left, else none. (A
  // subscription's recurring revenue may well stay the same for each customer.)
  if (shape === "orders" && looksLikeIds(data, columns.amount, columns.customer)) {
    warnings.push("amount-looks-like-ids");
    const used = new Set(Object.values(columns).filter((c) => c >= 0));
    columns.amount = kinds.findIndex(
      (k, c) => k === "number" && !used.has(c) && !looksLikeIds(data, c, columns.customer)
    );
  }
  return { columns, warnings };
}

/**
 * The proposed match for a table from its first rows (the first maybe headers). Subscriptions
 * when a column is named as a start (or as an end) date and none as an order date; orders
 * otherwise. `shape` forces one (the user changed it); `header` says whether the first row is
 * titles when that is known (a Parquet file's column names), instead of telling it from its cells.
 */
export function matchColumns(
  rows: readonly (readonly unknown[])[],
  shape?: DataShape,
  header?: boolean
): ColumnMatch {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const hasHeader = rows.length > 0 && (header ?? firstRowIsHeader(rows[0]));
  const headers = hasHeader ? rows[0] : null;
  const data = hasHeader ? rows.slice(1) : rows;
  const kinds = Array.from({ length: width }, (_, c) => columnKind(data, c));
  const chosen = shape ?? detectShape(headers, kinds);
  return { shape: chosen, hasHeader, ...matchForShape(chosen, headers, kinds, data) };
}

/** Header words that name recurring revenue, which only subscriptions have. */
const RECURRING = new Set(SYNONYMS.revenue.slice(0, SYNONYMS.revenue.indexOf("月费") + 1));

function detectShape(headers: readonly unknown[] | null, kinds: readonly CellKind[]): DataShape {
  if (headers) {
    const best = (role: ColumnRole) => Math.max(0, ...headers.map((h) => headerScore(h, role)));
    const recurring = headers.some((h) => RECURRING.has(normalizeHeader(h)));
    if (recurring || Math.max(best("start"), best("end")) > best("date")) return "subscriptions";
    if (best("date") > 0) return "orders";
  }
  // No telling headers: two date columns read as a start and an end.
  return kinds.filter((k) => k === "date").length >= 2 ? "subscriptions" : "orders";
}

/** Whether every required role of the match's shape has a column. */
export function missingRoles(match: Pick<ColumnMatch, "shape" | "columns">): ColumnRole[] {
  return SHAPE_ROLES[match.shape].filter(
    (role) => !OPTIONAL_ROLES.has(role) && match.columns[role] < 0
  );
}
