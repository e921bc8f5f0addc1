/**
 * Turns what Excel hands a custom function into numbers, element by element, and what the
 * model returns into what Excel can show. Every RETAIN function goes through `mapElements`,
 * so ranges, blanks and errors behave the same everywhere:
 * - every argument may be a single value or a range; non-1×1 ranges must share one shape,
 *   and single values are repeated across it; otherwise #VALUE!;
 * - parameters are declared `any`: the only declaration under which Excel passes an empty cell
 *   as null (Excel on the web, and desktop builds since the fix of office-js #5262; older desktop
 *   builds pass 0, office-js #4702). An element whose required arguments are all blank gives a
 *   blank (""; a null inside a returned array would show as 0);
 * - blank or 0 at the end of a range: the trailing elements whose required range arguments are
 *   all blank or 0 are the range's empty tail and give blanks, unless an empty cell follows them
 *   (then the host passes blanks as null, so those zeros were typed). The blanks at the end of
 *   the result are trimmed, keeping at least one row (one element for a single-row range): a
 *   whole column spills only as far as its data, not 1,048,576 rows (#SPILL! anywhere but
 *   row 1), on every platform. Blanks inside the data stay, row for row;
 * - a blank optional argument means "omitted"; a blank required one counts as 0, as in Excel's
 *   own functions;
 * - text that is not a number, booleans and error values (which reach `any` parameters because
 *   the build sets allowErrorForDataTypeAny, scripts/localize-functions.js) give #VALUE! naming
 *   the argument and the position in its range;
 * - the model's DomainErrors become Excel errors with their message; anything non-finite is #NUM!;
 * - results are always 2-D arrays (a lone error is a 1×1 array, the documented path for a
 *   function whose metadata declares a matrix result).
 */
import { plainNumberText } from "../model/reading/number-text";
import { DomainError, DomainErrorCode } from "../model/errors";

/** What Excel may pass for one argument: a scalar, a 2-D range, or null when omitted. */
export type ExcelArg = unknown;
export type ExcelCell = number | string | CustomFunctions.Error;
/** Kept for callers that return a bare error; mapElements always returns a 2-D array. */
export type ExcelResult = ExcelCell[][] | CustomFunctions.Error;

export interface ParamSpec {
  /** The name the user sees in the formula tooltip, for messages. */
  name: string;
  /** Value used when an optional argument is omitted or blank; `undefined` = required. */
  default?: number | null;
  /** A 0/1 option (as PV's `type`): TRUE and FALSE read as 1 and 0, as in Excel's own functions. */
  logical?: boolean;
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

/** An empty cell as Excel passes it: null (web, current desktop), undefined, or blank text. */
export function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/**
 * The error code ("#N/A", …) of an error value that reached an `any` parameter, or null.
 * With allowErrorForDataTypeAny the runtime hands errors over as CustomFunctions.Error objects
 * (code "#N/A"; its class also carries type "Error"); with data types enabled they may arrive as
 * plain { type: "Error", basicValue: "#N/A" } objects.
 */
export function cellErrorCode(cell: unknown): string | null {
  if (typeof cell !== "object" || cell === null) return null;
  const o = cell as Record<string, unknown>;
  const isError =
    (typeof CustomFunctions !== "undefined" && cell instanceof CustomFunctions.Error) ||
    o.type === "Error" ||
    o.type === "CustomFunctionError";
  if (!isError) return null;
  for (const key of ["code", "basicValue", "primitive"])
    if (typeof o[key] === "string" && (o[key] as string).startsWith("#")) return o[key] as string;
  return "an error value";
}

/** "row 5", "column 3" or "row 5, column 3" within a range of that shape; "" for a single value. */
export function positionIn(rows: number, cols: number, r: number, c: number): string {
  if (rows === 1 && cols === 1) return "";
  if (cols === 1) return ` row ${r + 1}`;
  if (rows === 1) return ` column ${c + 1}`;
  return ` row ${r + 1}, column ${c + 1}`;
}

/**
 * One cell as a number, null for a blank, or a thrown #VALUE! naming the argument (and, when
 * given, the cell's position in its range). Numeric text counts as its number, as in Excel's own
 * functions; other text, logical values, error values and data types do not. A formatted-number
 * data type counts as its number.
 */
export function readCell(cell: unknown, name: string, position = ""): number | null {
  if (typeof cell === "number") {
    if (Number.isNaN(cell)) throw new DomainError("value", `${name}${position} is not a number`);
    return cell;
  }
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "string") {
    if (cell.trim() === "") return null;
    const n = plainNumberText(cell);
    if (n !== null) return n;
    throw new DomainError(
      "value",
      `${name}${position} must hold numbers, not the text "${cell.length > 40 ? cell.slice(0, 40) + "…" : cell}"`
    );
  }
  if (typeof cell === "boolean")
    throw new DomainError(
      "value",
      `${name}${position} must hold numbers, not ${cell ? "TRUE" : "FALSE"}`
    );
  const code = cellErrorCode(cell);
  if (code !== null) throw new DomainError("value", `${name}${position} holds the error ${code}`);
  const o = cell as Record<string, unknown>;
  if (
    typeof cell === "object" &&
    (o.type === "Double" || o.type === "FormattedNumber") &&
    typeof o.basicValue === "number"
  )
    return readCell(o.basicValue, name, position);
  throw new DomainError("value", `${name}${position} holds a value that is not a number`);
}

/**
 * A yes/no argument, as Excel's own functions read one (LINEST's `stats`): TRUE or FALSE (or
 * that text), or a number (0 no, any other yes; numeric text counts); omitted or blank:
 * `fallback`. A single cell only: a range is #VALUE! naming the argument.
 */
export function readFlag(arg: unknown, name: string, fallback = false): boolean {
  let cell = arg;
  if (Array.isArray(cell)) {
    const cells = (cell as unknown[]).flat();
    if (cells.length > 1)
      throw new DomainError("value", `${name} must be TRUE or FALSE (or 1 or 0), not a range`);
    cell = cells[0];
  }
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "string" && /^\s*(true|false)\s*$/i.test(cell))
    return cell.trim().toUpperCase() === "TRUE";
  const v = readCell(cell, name);
  return v === null ? fallback : v !== 0;
}

/** Blank, or a 0: what an empty cell may arrive as. */
const blankOrZero = (cell: unknown): boolean => cell === 0 || isBlankCell(cell);

/**
 * Where a range's empty tail starts, in reading order (row by row): the trailing elements whose
 * required range arguments are all blank or 0. Returns [tailStart, lastBlank]: elements from
 * tailStart on are the tail; in the tail, elements after lastBlank (the last element with a
 * blank cell) are zeros that no empty cell follows, which give blanks; up to lastBlank, zeros
 * are typed zeros (an empty cell after them shows the host passes blanks as null).
 */
function emptyTail(grids: readonly Grid[], drivers: readonly number[], rows: number, cols: number) {
  const total = rows * cols;
  if (drivers.length === 0 || total === 1) return { tailStart: total, lastBlank: total - 1 };
  let e = total - 1;
  let lastBlank = -1;
  for (; e >= 0; e--) {
    const r = (e / cols) | 0;
    const c = e - r * cols;
    let inTail = true;
    let blank = false;
    for (const i of drivers) {
      const cell = grids[i].cells[r][c];
      if (!blankOrZero(cell)) {
        inTail = false;
        break;
      }
      if (cell !== 0) blank = true;
    }
    if (!inTail) break;
    if (blank && lastBlank < 0) lastBlank = e;
  }
  return { tailStart: e + 1, lastBlank: lastBlank < 0 ? e : lastBlank };
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
): ExcelCell[][] {
  let grids: Grid[];
  try {
    grids = params.map((_, i) => asGrid(args[i] ?? null));
  } catch (e) {
    return [[toExcelError(e)]];
  }
  let rows = 1;
  let cols = 1;
  for (const g of grids) {
    if (g.rows === 1 && g.cols === 1) continue;
    if (rows === 1 && cols === 1) {
      rows = g.rows;
      cols = g.cols;
    } else if (g.rows !== rows || g.cols !== cols) {
      return [
        [
          excelError(
            "value",
            `ranges have different shapes (${rows}×${cols} and ${g.rows}×${g.cols})`
          ),
        ],
      ];
    }
  }
  if (rows === 0 || cols === 0) return [[excelError("value", "empty range")]];
  const n = params.length;
  let required = 0;
  for (const p of params) if (p.default === undefined) required++;
  // Hoisted per argument: single values (read once) and ranges (read per element).
  const single = grids.map((g) => g.rows === 1 && g.cols === 1);
  const singles = grids.map((g) => g.cells[0][0]);
  const drivers: number[] = [];
  params.forEach((p, i) => {
    if (p.default === undefined && !single[i]) drivers.push(i);
  });
  const { tailStart, lastBlank } = emptyTail(grids, drivers, rows, cols);
  // The result ends with its last element that is not a tail blank: elements from `end` on are
  // trimmed (and never computed), keeping at least one.
  let end = tailStart;
  for (let e = Math.min(lastBlank, rows * cols - 1); e >= tailStart; e--) {
    const r = (e / cols) | 0;
    if (!allBlank(grids, drivers, r, e - r * cols)) {
      end = e + 1;
      break;
    }
  }
  const outRows = rows === 1 ? 1 : Math.max(1, Math.ceil(end / cols));
  const outCols = rows === 1 ? Math.max(1, end) : cols;
  const x = new Float64Array(n);
  const out: ExcelCell[][] = new Array(outRows);
  for (let r = 0; r < outRows; r++) {
    // One column (the usual whole-column case) gets an array literal per row: several times
    // faster in V8 than growing or pre-sizing an array (see bench/functions.bench.ts).
    const line: ExcelCell[] | null = outCols === 1 ? null : new Array(outCols);
    for (let c = 0; c < outCols; c++) {
      let cell: ExcelCell;
      const e = r * cols + c;
      if (e >= tailStart && (e > lastBlank || allBlank(grids, drivers, r, c))) {
        cell = "";
      } else {
        try {
          let blanks = 0;
          for (let i = 0; i < n; i++) {
            const raw = single[i] ? singles[i] : grids[i].cells[r][c];
            if (typeof raw === "number" && raw === raw) {
              x[i] = raw; // the common case: a number, no conversion
              continue;
            }
            if (typeof raw === "boolean" && params[i].logical) {
              x[i] = raw ? 1 : 0;
              continue;
            }
            const v = readCell(raw, params[i].name, single[i] ? "" : positionIn(rows, cols, r, c));
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
      }
      if (line) line[c] = cell;
      else out[r] = [cell];
    }
    if (line) out[r] = line;
  }
  return out;
}

function allBlank(grids: readonly Grid[], drivers: readonly number[], r: number, c: number) {
  for (const i of drivers) if (!isBlankCell(grids[i].cells[r][c])) return false;
  return true;
}

/**
 * mapElements with each argument named once: `{ spend, customers, overheads }` passes the
 * arguments in that order, each named as the formula's tooltip names it (the object's keys,
 * which are the function's parameter names); `defaults` holds the optional arguments' values
 * for when they are omitted or blank (null: omitted, read back with optionalArg); `logical`
 * names the 0/1 options that also take TRUE and FALSE.
 */
export function mapArguments(
  args: Readonly<Record<string, ExcelArg>>,
  compute: (x: Float64Array) => number,
  defaults: Readonly<Record<string, number | null>> = {},
  logical: readonly string[] = []
): ExcelCell[][] {
  const names = Object.keys(args);
  return mapElements(
    names.map((name) => args[name]),
    names.map((name) =>
      Object.prototype.hasOwnProperty.call(defaults, name)
        ? { name, default: defaults[name], logical: logical.includes(name) }
        : { name, logical: logical.includes(name) }
    ),
    compute
  );
}
