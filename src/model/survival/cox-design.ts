/**
 * The Cox model's covariates as numbers (docs/definitions.md §13): one design column
 * per numeric column; a column holding any text that is not a number is categorical and becomes
 * one 0/1 indicator column per category except the most frequent one (the baseline; on a tie in
 * frequency, the one seen first), the others in order of first appearance. With a header row an
 * indicator column is named "column = category". Numeric text counts as its number and TRUE /
 * FALSE as 1 / 0 in a numeric column; in a categorical column every value is a category.
 */
import { CellError, invalidNumber, invalidValue, shownText } from "../errors";
import { cellErrorText, covariateNumber } from "./cox-cells";

/** At most this many categories besides the baseline per text column: more is likely an id. */
export const MAX_INDICATORS = 100;

export interface CoxDesign {
  /** Customers (rows) and design columns. */
  n: number;
  p: number;
  /** Column-major: design column j of customer i is x[j * n + i]. */
  x: Float64Array;
  /** Names for a result's header row: the column's title, or "title = category"; "" without titles. */
  names: string[];
  /** How messages name a design column: `covariates column 2 ("plan = annual")`. */
  labels: string[];
  /** The covariates' column (0-based) each design column comes from. */
  source: Int32Array;
}

export interface CovariateColumns {
  /** Customers (kept rows) and covariates columns. */
  n: number;
  columns: number;
  /** The cell of customer i (0-based among the kept rows) in covariates column j. */
  cell(i: number, j: number): unknown;
  /** The 1-based row within the range of each kept customer, for messages. */
  rowNumbers: Int32Array;
  /** The header row's titles, or null when the block has none. */
  titles: readonly string[] | null;
}

const quotedName = (name: string) =>
  `"${shownText(name.length > 40 ? name.slice(0, 40) + "…" : name)}"`;

function label(column: number, title: string | null, category: string | null): string {
  const where = `covariates column ${column + 1}`;
  if (title !== null)
    return `${where} (${quotedName(category === null ? title : `${title} = ${category}`)})`;
  return category === null ? where : `${where} (category ${quotedName(category)})`;
}

/** A categorical cell's category: text trimmed, a number as written, TRUE / FALSE. */
function categoryOf(cell: unknown, column: number, row: number): string {
  if (typeof cell === "string") {
    const text = cell.trim();
    if (text === "") throw emptyCell(column, row);
    return text;
  }
  if (typeof cell === "number" && Number.isFinite(cell)) return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell === null || cell === undefined) throw emptyCell(column, row);
  throw new CellError("covariates", row, `column ${column + 1} ${cellErrorText(cell)}`);
}

const emptyCell = (column: number, row: number) =>
  new CellError("covariates", row, `column ${column + 1} is empty: every customer needs a value`);

/**
 * One covariates column as it is read: numbers until a cell holds text that is not a number,
 * then category codes (the column's earlier cells read again as categories).
 */
class ColumnReader {
  values: Float64Array;
  codes: Int32Array | null = null;
  readonly index = new Map<string, number>();
  readonly counts: number[] = [];

  constructor(
    private readonly table: CovariateColumns,
    private readonly j: number
  ) {
    this.values = new Float64Array(table.n);
  }

  add(k: number, cell: unknown): void {
    if (this.codes === null) {
      const v =
        typeof cell === "number" && cell - cell === 0
          ? cell
          : covariateNumber(cell, this.j, this.table.rowNumbers[k]);
      if (v !== null) {
        this.values[k] = v;
        return;
      }
      this.codes = new Int32Array(this.table.n);
      for (let earlier = 0; earlier < k; earlier++)
        this.addCategory(earlier, this.table.cell(earlier, this.j));
    }
    this.addCategory(k, cell);
  }

  private addCategory(k: number, cell: unknown): void {
    const category = categoryOf(cell, this.j, this.table.rowNumbers[k]);
    let c = this.index.get(category);
    if (c === undefined) {
      c = this.counts.length;
      this.index.set(category, c);
      this.counts.push(0);
    }
    this.counts[c]++;
    (this.codes as Int32Array)[k] = c;
  }

  finish(title: string | null): ReadColumn {
    const { n } = this.table;
    const j = this.j;
    if (this.codes === null) {
      const values = this.values;
      let constant = true;
      for (let k = 1; k < n && constant; k++) constant = values[k] === values[0];
      if (constant)
        throw invalidNumber(
          `${label(j, title, null)} is constant: every customer has the same value, so it cannot tell who churns`
        );
      return { kind: "number", values };
    }
    const counts = this.counts;
    if (counts.length < 2)
      throw invalidNumber(
        `${label(j, title, null)} is constant: every customer is in one category, so it cannot tell who churns`
      );
    if (counts.length - 1 > MAX_INDICATORS)
      throw invalidValue(
        `${label(j, title, null)} has ${counts.length.toLocaleString("en-US")} different values; a text column may have at most ${MAX_INDICATORS + 1} categories (is it an id?)`
      );
    let baseline = 0;
    for (let c = 1; c < counts.length; c++) if (counts[c] > counts[baseline]) baseline = c;
    return { kind: "text", codes: this.codes, categories: [...this.index.keys()], baseline };
  }
}

/** One covariates column, read: its numbers, or its categories' codes. */
type ReadColumn =
  | { kind: "number"; values: Float64Array }
  | { kind: "text"; codes: Int32Array; categories: string[]; baseline: number };

export function codeCovariates(table: CovariateColumns): CoxDesign {
  const { n, titles } = table;
  // Row by row: a row's cells sit together in memory, a column's do not.
  const readers = Array.from({ length: table.columns }, (_, j) => new ColumnReader(table, j));
  for (let k = 0; k < n; k++)
    for (let j = 0; j < readers.length; j++) readers[j].add(k, table.cell(k, j));
  const read = readers.map((reader, j) => reader.finish(titles === null ? null : titles[j]));
  let p = 0;
  for (const column of read) p += column.kind === "number" ? 1 : column.categories.length - 1;
  const x = new Float64Array(n * p);
  const names: string[] = [];
  const labels: string[] = [];
  const source: number[] = [];
  read.forEach((column, j) => {
    const title = titles === null ? null : titles[j];
    if (column.kind === "number") {
      x.set(column.values, names.length * n);
      names.push(title ?? "");
      labels.push(label(j, title, null));
      source.push(j);
      return;
    }
    const { codes, categories, baseline } = column;
    categories.forEach((category, c) => {
      if (c === baseline) return;
      const offset = names.length * n;
      for (let i = 0; i < n; i++) if (codes[i] === c) x[offset + i] = 1;
      names.push(title === null ? "" : `${title} = ${category}`);
      labels.push(label(j, title, category));
      source.push(j);
    });
  });
  return { n, p, x, names, labels, source: Int32Array.from(source) };
}
