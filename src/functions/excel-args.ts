/**
 * Turns what Excel hands a custom function into numbers, element by element, and what the
 * model returns into what Excel can show. Every RETAIN function goes through `mapElements`,
 * so ranges, blanks and errors behave the same everywhere:
 * - every argument may be a single value or a range; non-1×1 ranges must share one shape,
 *   and single values are repeated across it; otherwise #VALUE!;
 * - an element whose required arguments are all blank gives a blank (""), so whole columns with
 *   empty tails work (a null inside a returned array would show as 0);
 * - a blank optional argument means "omitted"; a blank required one counts as 0, as in
 *   Excel's own functions (desktop Excel passes blanks as 0 anyway);
 * - text that is not a number, booleans and error values give #VALUE! naming the argument;
 * - the model's DomainErrors become Excel errors with their message; anything non-finite is #NUM!.
 */
import { DomainError, DomainErrorCode } from "../model/errors";

/** What Excel may pass for one argument: a scalar, a 2-D range, or null when omitted. */
export type ExcelArg = unknown;
export type ExcelCell = number | string | CustomFunctions.Error;
export type ExcelResult = ExcelCell[][] | CustomFunctions.Error;

export interface ParamSpec {
  /** The name the user sees in the formula tooltip, for messages. */
  name: string;
  /** Value used when an optional argument is omitted or blank; `undefined` = required. */
  default?: number | null;
}

/** Sentinel for "omitted" optionals whose default is null (e.g. unlimited periods). */
export const OMITTED = NaN;

/** Reads back an optional argument whose default is null: NaN (omitted) → null. */
export const optionalArg = (x: number): number | null => (Number.isNaN(x) ? null : x);

const errorCodes: Record<DomainErrorCode, () => CustomFunctions.ErrorCode> = {
  value: () => CustomFunctions.ErrorCode.invalidValue,
  num: () => CustomFunctions.ErrorCode.invalidNumber,
  div0: () => CustomFunctions.ErrorCode.divisionByZero,
  na: () => CustomFunctions.ErrorCode.notAvailable,
};

/** Excel shows a message only for #VALUE! and #N/A; for other codes it must be omitted. */
export function excelError(code: DomainErrorCode, message: string): CustomFunctions.Error {
  const withMessage = code === "value" || code === "na";
  return withMessage
    ? new CustomFunctions.Error(errorCodes[code](), message)
    : new CustomFunctions.Error(errorCodes[code]());
}

export function toExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof DomainError) return excelError(e.code, e.message);
  return excelError("value", "unexpected error: " + (e instanceof Error ? e.message : String(e)));
}

/** One argument, as a grid with its shape. Scalars become 1×1. */
interface Grid {
  cells: unknown[][];
  rows: number;
  cols: number;
}

function asGrid(arg: ExcelArg): Grid {
  if (Array.isArray(arg)) {
    const rows = arg.length;
    const first = arg[0];
    if (rows > 0 && Array.isArray(first)) {
      const cols = first.length;
      for (const row of arg)
        if (!Array.isArray(row) || row.length !== cols)
          throw new DomainError("value", "ragged range");
      return { cells: arg as unknown[][], rows, cols };
    }
    return { cells: [arg], rows: 1, cols: rows }; // a 1-D array: treat as one row
  }
  return { cells: [[arg]], rows: 1, cols: 1 };
}

/**
 * One cell as a number, null for a blank, or a thrown #VALUE! naming the argument. Numeric
 * text counts as its number, as in Excel's own functions; other text, logical values and
 * error values do not.
 */
export function readCell(cell: unknown, name: string): number | null {
  if (typeof cell === "number") {
    if (Number.isNaN(cell)) throw new DomainError("value", `${name} is not a number`);
    return cell;
  }
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "string") {
    const trimmed = cell.trim();
    if (trimmed === "") return null;
    const n = Number(trimmed);
    if (Number.isFinite(n)) return n;
    throw new DomainError(
      "value",
      `${name} must hold numbers, not the text "${cell.length > 40 ? cell.slice(0, 40) + "…" : cell}"`
    );
  }
  if (typeof cell === "boolean")
    throw new DomainError("value", `${name} must hold numbers, not ${cell ? "TRUE" : "FALSE"}`);
  throw new DomainError("value", `${name} holds an error or an unsupported value`);
}

/**
 * Applies `compute` to every element of the broadcast arguments. `compute` reads its
 * arguments from a reused buffer (no allocation per element); an omitted optional whose
 * default is null arrives as NaN (test with Number.isNaN).
 */
export function mapElements(
  args: readonly ExcelArg[],
  params: readonly ParamSpec[],
  compute: (x: Float64Array) => number
): ExcelResult {
  let grids: Grid[];
  try {
    grids = params.map((_, i) => asGrid(args[i] ?? null));
  } catch (e) {
    return toExcelError(e);
  }
  let rows = 1;
  let cols = 1;
  for (const g of grids) {
    if (g.rows === 1 && g.cols === 1) continue;
    if (rows === 1 && cols === 1) {
      rows = g.rows;
      cols = g.cols;
    } else if (g.rows !== rows || g.cols !== cols) {
      return excelError(
        "value",
        `ranges have different shapes (${rows}×${cols} and ${g.rows}×${g.cols})`
      );
    }
  }
  if (rows === 0 || cols === 0) return excelError("value", "empty range");
  const n = params.length;
  let required = 0;
  for (const p of params) if (p.default === undefined) required++;
  // Hoisted per argument: single values (read once) and ranges (read per element).
  const single = grids.map((g) => g.rows === 1 && g.cols === 1);
  const singles = grids.map((g) => g.cells[0][0]);
  const x = new Float64Array(n);
  const out: ExcelCell[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    // One column (the usual whole-column case) gets an array literal per row: several times
    // faster in V8 than growing or pre-sizing an array (see bench/functions.bench.ts).
    const line: ExcelCell[] | null = cols === 1 ? null : new Array(cols);
    for (let c = 0; c < cols; c++) {
      let cell: ExcelCell;
      try {
        let blanks = 0;
        for (let i = 0; i < n; i++) {
          const raw = single[i] ? singles[i] : grids[i].cells[r][c];
          if (typeof raw === "number" && raw === raw) {
            x[i] = raw; // the common case: a number, no conversion
            continue;
          }
          const v = readCell(raw, params[i].name);
          if (v === null) {
            const d = params[i].default;
            if (d === undefined) blanks++;
            x[i] = d === undefined ? 0 : d === null ? OMITTED : d;
          } else {
            x[i] = v;
          }
        }
        if (blanks === required) {
          cell = "";
        } else {
          const result = compute(x);
          cell = Number.isFinite(result)
            ? result
            : excelError("num", "result is not a finite number");
        }
      } catch (e) {
        cell = toExcelError(e);
      }
      if (line) line[c] = cell;
      else out[r] = [cell];
    }
    if (line) out[r] = line;
  }
  // A single error is returned as such, so Excel shows its message on the cell.
  if (rows === 1 && cols === 1 && out[0][0] instanceof CustomFunctions.Error) return out[0][0];
  return out;
}
