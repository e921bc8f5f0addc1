/**
 * How a user's table is laid out: which column holds what, whether the first row is titles, and
 * how its text dates are written. One proposal, made alike by the pane and the command line from
 * the same rows: the table's first LAYOUT_SAMPLE_ROWS rows as parsed, blank ones included (they
 * count as rows and say nothing of a column), so a file gets the same layout and date format
 * wherever it is opened.
 */
import type { DataShape } from "../history/analysis";
import { invalidValue } from "../errors";
import {
  ColumnRole,
  ColumnRoles,
  matchColumns,
  MatchWarning,
  normalizeHeader,
  SHAPE_ROLES,
} from "./column-matching";
import { DecimalMark, detectDecimalMark } from "./number-text";
import { DateFormat, detectDateOrder } from "./date-formats";

/** The rows a proposal reads: the first (maybe the column titles) and the 500 after it. */
export const LAYOUT_SAMPLE_ROWS = 501;

export interface TableLayout {
  shape: DataShape;
  /** Whether the first row holds column titles (the row feeder skips it). */
  hasHeader: boolean;
  /** Column index per role; -1: none. */
  columns: ColumnRoles;
  /** How text dates are written (null: ISO text or Excel serials only). */
  dateFormat: DateFormat | null;
  /** The decimal mark of text amounts ("11,77": ","), from the amount column's values. */
  decimal: DecimalMark;
  /** Why the proposal may be wrong, for the user to check ("decimal-guessed": "1,234" alone). */
  warnings: LayoutWarning[];
}

export type LayoutWarning = MatchWarning | "decimal-guessed" | "date-order-guessed";

/** What the user decided instead of the proposal. */
export interface LayoutChoices {
  shape?: DataShape;
  /** Whether the first row is titles, when that is known (a Parquet file's column names). */
  header?: boolean;
  /** A role's column, by its header (as written, or as headers compare) or number (1 = first). */
  columns?: Partial<Record<ColumnRole, string>>;
  dateFormat?: DateFormat;
  decimal?: DecimalMark;
}

const DATE_ROLES: ReadonlySet<ColumnRole> = new Set(["date", "start", "end"]);

/**
 * The layout of a table from its first rows (more are ignored). `locale` guesses the decimal
 * mark when no amount tells it; dates never follow it: with no day above 12 anywhere in the
 * sample they are read month-first on every machine, with the warning "date-order-guessed".
 */
export function proposeLayout(
  sample: readonly (readonly unknown[])[],
  locale: string,
  choices: LayoutChoices = {}
): TableLayout {
  const rows = sample.length > LAYOUT_SAMPLE_ROWS ? sample.slice(0, LAYOUT_SAMPLE_ROWS) : sample;
  const match = matchColumns(rows, choices.shape, choices.header);
  const columns = { ...match.columns };
  const headers = match.hasHeader ? rows[0] : [];
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const [role, spec] of Object.entries(choices.columns ?? {}) as [ColumnRole, string][]) {
    const column = columnNamed(spec, headers, width);
    // The user's choice wins; a role the proposal had put on that column loses it.
    for (const other of Object.keys(columns) as ColumnRole[])
      if (columns[other] === column) columns[other] = -1;
    columns[role] = column;
  }
  const dateColumns = SHAPE_ROLES[match.shape]
    .filter((role) => DATE_ROLES.has(role) && columns[role] >= 0)
    .map((role) => columns[role]);
  const dates: unknown[] = [];
  for (let r = match.hasHeader ? 1 : 0; r < rows.length; r++)
    for (const c of dateColumns) dates.push(rows[r][c]);
  const money = columns[match.shape === "orders" ? "amount" : "revenue"];
  const amounts: unknown[] = [];
  if (money >= 0)
    for (let r = match.hasHeader ? 1 : 0; r < rows.length; r++) amounts.push(rows[r][money]);
  const detected = detectDecimalMark(amounts, locale);
  const warnings: LayoutWarning[] = [...match.warnings];
  if (choices.decimal === undefined && detected.guessed) warnings.push("decimal-guessed");
  const dateOrder = detectDateOrder(dates);
  if (choices.dateFormat === undefined && dateOrder.guessed) warnings.push("date-order-guessed");
  return {
    shape: match.shape,
    hasHeader: match.hasHeader,
    columns,
    dateFormat: choices.dateFormat ?? dateOrder.format,
    decimal: choices.decimal ?? detected.decimal,
    warnings,
  };
}

/**
 * The column a user names: by its header as written, else as headers compare ("Order Date" is
 * order_date), else by its number (1 = first). A name no column has is #VALUE!, listing them.
 */
export function columnNamed(spec: string, headers: readonly unknown[], width: number): number {
  const texts = headers.map((h) => String(h ?? ""));
  const byName = texts.indexOf(spec);
  const normal = normalizeHeader(spec);
  const byNormal = texts.findIndex((h) => normalizeHeader(h) === normal);
  const byNumber = /^\d+$/.test(spec) ? Number(spec) - 1 : -1;
  const column = byName >= 0 ? byName : byNormal >= 0 ? byNormal : byNumber;
  if (column < 0 || column >= width)
    throw invalidValue(
      `no column "${spec}"${texts.length ? ` (the columns are ${texts.join(", ")})` : ""}`
    );
  return column;
}
