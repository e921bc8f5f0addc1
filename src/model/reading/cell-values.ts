/**
 * The data rules for what users paste (issue "Retention from your own data"), one place for the
 * cell functions, the pane and the command line:
 * - customer ids are text or numbers; text is case-sensitive ("C-001" ≠ "c-001"), and a number
 *   and its text are one customer (1001 = "1001");
 * - dates are Excel serials or ISO text ("2024-03-05"); a date of 0 is never a real date
 *   (desktop Excel passes an empty cell as 0); other text is an error naming the row;
 * - amounts are numbers or numeric text, also as people write it (number-text.ts: "1,234.50",
 *   "11,77 €", "(12.50)"); other text is an error naming the row.
 * Errors name the argument and the row: "dates row 1,204: 'abc' is not a date".
 */
import { CellError } from "../errors";
import { FIRST_SERIAL, LAST_SERIAL, serialFromIsoText } from "./excel-dates";
import { plainNumberText, readNumberTextEither } from "./number-text";

/**
 * The plain value of a cell that arrives as an Excel data type (a `any` parameter of a function
 * that allows custom data types may get a date as { type: "FormattedNumber", basicValue: 45356 }).
 * Errors and other objects come back as they are.
 */
export function plainValue(cell: unknown): unknown {
  if (typeof cell !== "object" || cell === null) return cell;
  const o = cell as { type?: unknown; basicValue?: unknown };
  if (
    o.type === "Double" ||
    o.type === "FormattedNumber" ||
    o.type === "String" ||
    o.type === "Boolean"
  )
    return o.basicValue;
  return cell;
}

/** Empty, or what desktop Excel passes for an empty cell (0). */
export function isBlankOrZero(cell: unknown): boolean {
  cell = plainValue(cell);
  return cell === null || cell === undefined || cell === "" || cell === 0;
}

export function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || cell === "";
}

function quoted(text: string): string {
  return `'${text.length > 40 ? text.slice(0, 40) + "…" : text}'`;
}

/** How a non-number, non-text cell reads in a message: TRUE, FALSE or the error it holds. */
function describeOther(cell: unknown): string {
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const o = (cell ?? {}) as Record<string, unknown>;
  for (const key of ["code", "basicValue"])
    if (typeof o[key] === "string" && (o[key] as string).startsWith("#")) return o[key] as string;
  return "an error value";
}

/** A bad cell: argument, row and problem as data; the message reads "dates row 1,204: …". */
export function cellError(name: string, row: number, problem: string): CellError {
  return new CellError(name, row, problem);
}

/** A customer id as a map key: numbers and numeric text collapse to the number. */
export function customerKey(cell: unknown, name: string, row: number): string | number {
  cell = plainValue(cell);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw cellError(name, row, "is not a valid id");
    return cell;
  }
  if (typeof cell === "string") {
    // Only text that is exactly a number's own spelling is that number: "1001" is 1001,
    // "001" and "1e3" stay text, so no two different texts ever merge.
    const c = cell.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 45) {
      const n = Number(cell);
      if (String(n) === cell) return n;
    }
    return cell;
  }
  throw cellError(name, row, `${describeOther(cell)} is not a customer id`);
}

/** A whole-day serial, or null for an empty cell (or desktop Excel's 0 for one). */
export function dateSerial(cell: unknown, name: string, row: number): number | null {
  cell = plainValue(cell);
  let serial: number | null;
  if (typeof cell === "number") {
    if (cell === 0) return null;
    serial = Number.isFinite(cell) ? Math.floor(cell) : NaN;
    if (!(serial >= 1)) throw cellError(name, row, `${cell} is not a date`);
  } else if (typeof cell === "string") {
    if (cell.trim() === "") return null;
    serial = serialFromIsoText(cell);
    if (serial === null)
      throw cellError(
        name,
        row,
        `${quoted(cell)} is not a date (use a date or ISO text such as 2024-03-05)`
      );
  } else if (cell === null || cell === undefined) {
    return null;
  } else {
    throw cellError(name, row, `${describeOther(cell)} is not a date`);
  }
  if (serial < FIRST_SERIAL || serial > LAST_SERIAL)
    throw cellError(name, row, "dates must fall between 1 March 1900 and 31 December 9999");
  return serial;
}

/** A number, or null for an empty cell. */
export function numberValue(cell: unknown, name: string, row: number): number | null {
  cell = plainValue(cell);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw cellError(name, row, "is not a number");
    return cell;
  }
  if (typeof cell === "string") {
    const trimmed = cell.trim();
    if (trimmed === "") return null;
    // Excel's own spelling, else an amount as people write it ("1,234.50", "11,77 €").
    const n = plainNumberText(trimmed) ?? readNumberTextEither(trimmed);
    if (n === null) throw cellError(name, row, `${quoted(cell)} is not a number`);
    return n;
  }
  if (cell === null || cell === undefined) return null;
  throw cellError(name, row, `${describeOther(cell)} is not a number`);
}

/** A churn flag: 1/0 or TRUE/FALSE (and their text); null for an empty cell. */
export function flagValue(cell: unknown, name: string, row: number): 0 | 1 | null {
  cell = plainValue(cell);
  if (cell === true || cell === 1) return 1;
  if (cell === false || cell === 0) return 0;
  if (isBlank(cell)) return null;
  if (typeof cell === "string") {
    const t = cell.trim().toUpperCase();
    if (t === "1" || t === "TRUE") return 1;
    if (t === "0" || t === "FALSE") return 0;
    if (t === "") return null;
    throw cellError(name, row, `${quoted(cell)} is not 1/0 or TRUE/FALSE`);
  }
  throw cellError(
    name,
    row,
    `${typeof cell === "number" ? String(cell) : describeOther(cell)} is not 1/0 or TRUE/FALSE`
  );
}

/**
 * Whether a first row is column titles rather than data: its date cell is text with no digit
 * ("order_date", "日期"). Such a row is skipped, so a range can include its header. A date cell
 * with digits that is not a date ("2024-02-30") is a bad date, named with its row, never a title.
 */
export function looksLikeHeader(dateCell: unknown): boolean {
  dateCell = plainValue(dateCell);
  return typeof dateCell === "string" && dateCell.trim() !== "" && !/\d/.test(dateCell);
}
