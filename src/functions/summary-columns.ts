/**
 * Reads a customer summary (frequency, recency, T, monetary value, weights …) from parallel
 * columns of cells, for the RETAIN.BGNBD_FIT and RETAIN.GG_FIT adapters. Rules:
 * - each argument is one row or one column, all of the same length (#VALUE! otherwise);
 * - a first row of text in every data column is a header and is skipped (RETAIN.RFM's spill);
 * - a row whose data cells are all blank is skipped, so whole columns with empty tails work
 *   (it is kept at its position with weight 0, so messages keep the range's row numbers);
 * - a blank among a row's data is #VALUE! naming the argument and the row, unless that
 *   column says what a blank means (e.g. monetary value 0 for a customer with no repeats);
 * - weights omitted or all blank: every row counts once; a blank weight in a used row is #VALUE!.
 */
import { readCell } from "./excel-args";
import { invalidValue } from "../model/errors";

/** The cells of an argument in reading order, or #VALUE! unless it is one row or one column. */
export function lineCells(arg: unknown, name: string): unknown[] {
  if (arg === null || arg === undefined) return [];
  if (!Array.isArray(arg)) return [arg];
  if (arg.length === 0) return [];
  if (!arg.every(Array.isArray)) return arg;
  const rows = arg as unknown[][];
  const cols = rows[0].length;
  if (!rows.every((row) => row.length === cols)) throw invalidValue(`${name} is a ragged range`);
  if (rows.length > 1 && cols > 1)
    throw invalidValue(
      `${name} must be a single row or column, not a ${rows.length}×${cols} block`
    );
  return rows.length === 1 ? rows[0] : rows.map((row) => row[0]);
}

/** Text that is not a number: a header cell. */
const isHeaderText = (cell: unknown): boolean =>
  typeof cell === "string" && cell.trim() !== "" && !Number.isFinite(Number(cell.trim()));

export interface ColumnSpec {
  name: string;
  arg: unknown;
  /** What a blank means in a row that has data; omitted: a blank there is #VALUE!. */
  blank?: number;
}

export interface Columns {
  values: Float64Array[];
  /** 1 per used row (or the row's weight), 0 for skipped blank rows; null when no row is blank and no weights were given. */
  weight: Float64Array | null;
  /** Rows with data. */
  used: number;
}

export function readColumns(specs: readonly ColumnSpec[], weights: unknown): Columns {
  const cells = specs.map((s) => lineCells(s.arg, s.name));
  const n = cells[0].length;
  for (let j = 1; j < specs.length; j++)
    if (cells[j].length !== n)
      throw invalidValue(
        `${specs[j].name} has ${cells[j].length} rows but ${specs[0].name} has ${n}: the columns must line up`
      );
  // A first row of text in every data column (e.g. RETAIN.RFM's headers) is a header: skipped.
  const header = n > 0 && cells.every((c) => isHeaderText(c[0]));
  let weightCells: unknown[] | null =
    weights === null || weights === undefined ? null : lineCells(weights, "weights");
  if (weightCells !== null) {
    const read = weightCells.map((c, i) =>
      i === 0 && header && isHeaderText(c) ? null : readCell(c, `weights (row ${i + 1})`)
    );
    if (read.every((v) => v === null)) weightCells = null;
    else if (weightCells.length !== n)
      throw invalidValue(
        `weights has ${weightCells.length} rows but ${specs[0].name} has ${n}: the columns must line up`
      );
  }
  const values = specs.map(() => new Float64Array(n));
  const weight = new Float64Array(n);
  let used = 0;
  let skipped = false;
  const row = new Array<number | null>(specs.length);
  for (let i = header ? 1 : 0; i < n; i++) {
    let blanks = 0;
    for (let j = 0; j < specs.length; j++) {
      const cell = cells[j][i];
      // Numbers (the usual cell) skip readCell and its message string.
      row[j] =
        typeof cell === "number" && cell === cell
          ? cell
          : readCell(cell, `${specs[j].name} (row ${i + 1})`);
      if (row[j] === null) blanks++;
    }
    if (blanks === specs.length) {
      skipped = true;
      continue; // weight 0, values 0: skipped
    }
    for (let j = 0; j < specs.length; j++) {
      const v = row[j];
      if (v === null) {
        const blank = specs[j].blank;
        if (blank === undefined) throw invalidValue(`${specs[j].name} is blank in row ${i + 1}`);
        values[j][i] = blank;
      } else {
        values[j][i] = v;
      }
    }
    if (weightCells !== null) {
      const cell = weightCells[i];
      const w =
        typeof cell === "number" && cell === cell ? cell : readCell(cell, `weights (row ${i + 1})`);
      if (w === null) throw invalidValue(`weights is blank in row ${i + 1}`);
      weight[i] = w;
    } else {
      weight[i] = 1;
    }
    used++;
  }
  return { values, weight: weightCells === null && !skipped && !header ? null : weight, used };
}

/** An argument that must be one value: null when omitted or blank. */
export function readScalar(arg: unknown, name: string): number | null {
  const cells = lineCells(arg, name);
  if (cells.length > 1) throw invalidValue(`${name} must be a single number, not a range`);
  return cells.length === 0 ? null : readCell(cells[0], name);
}

/** A single text or number argument (a cell or a literal): #VALUE! for blanks and ranges. */
export function readUnit(arg: unknown, name: string): string | number {
  const cells = lineCells(arg, name);
  const cell = cells[0];
  if (cells.length !== 1 || !(typeof cell === "string" || typeof cell === "number"))
    throw invalidValue(`${name} must be a unit such as "week", or its length in days`);
  return cell;
}

/**
 * The first `count` numbers of a row or column of fitted parameters (e.g. the spill of
 * RETAIN.BGNBD_FIT); cells after them (a log-likelihood, a customer count) are ignored.
 */
export function readParameters(arg: unknown, name: string, names: readonly string[]): number[] {
  const cells = lineCells(arg, name);
  if (cells.length < names.length)
    throw invalidValue(
      `${name} must hold ${names.length} numbers (${names.join(", ")}) in a row or column`
    );
  return names.map((p, i) => {
    const v = readCell(cells[i], `${name} (${p})`);
    if (v === null) throw invalidValue(`${name} is blank where ${p} should be`);
    return v;
  });
}

/**
 * Blanks the cells of an element-wise result whose customer cells are all blank, so a whole
 * customer table referenced down to empty rows spills blanks there, not a made-up customer
 * (mapElements fills blank customer cells with 0 when the parameters are not blank).
 */
export function blankWhereNoCustomer(result: unknown, customerArgs: readonly unknown[]): unknown {
  if (!Array.isArray(result)) return result;
  const grids = customerArgs.filter(
    (a) => Array.isArray(a) && a.every(Array.isArray)
  ) as unknown[][][];
  if (grids.length !== customerArgs.length) return result;
  const isBlank = (c: unknown) =>
    c === null || c === undefined || (typeof c === "string" && c.trim() === "");
  return (result as unknown[][]).map((line, r) =>
    line.map((cell, c) =>
      grids.every((g) => {
        const row = g.length === 1 ? g[0] : g[r];
        const v = row && (row.length === 1 ? row[0] : row[c]);
        return isBlank(v);
      })
        ? ""
        : cell
    )
  );
}
