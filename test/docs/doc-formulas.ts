/**
 * Evaluates the formulas the documentation prints, `=RETAIN.NAME(arg, …)`, in the built
 * dist/functions.js as Excel calls them: a range is a 2-D array with null for every empty cell,
 * a literal passed to a range parameter is a 1×1 array, an omitted argument is null. And
 * compares a printed figure ("28,226.67", "76.4%", "2024-03-01", "#DIV/0!") with a computed
 * value at the precision printed, so the pages and the functions cannot drift apart.
 */
import fs from "fs";
import path from "path";
import { builtFile } from "../support/built";
import { loadFunctionsBundle } from "../support/load-bundle";

export const ROOT = path.resolve(__dirname, "../..");
export const readDoc = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

export type Cell = string | number | boolean | null;
/** The last row a whole-column reference (`A:A`) reaches here; the data ends well before it. */
const LAST_ROW = 20_000;

/** A sheet of values, and the spills written into it, as ranges read them. */
export class Sheet {
  private readonly columns = new Map<number, Cell[]>();

  static parse(ref: string): { col: number; row: number | null } {
    const m = /^([A-Z]+)(\d*)$/.exec(ref);
    if (!m) throw new Error(`not a cell reference: ${ref}`);
    const col = [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    return { col, row: m[2] === "" ? null : Number(m[2]) };
  }

  private column(col: number): Cell[] {
    if (!this.columns.has(col)) this.columns.set(col, new Array<Cell>(LAST_ROW + 1).fill(null));
    return this.columns.get(col)!;
  }

  /** Writes a value, or a spill from its top-left cell. */
  put(ref: string, value: unknown): void {
    const { col, row } = Sheet.parse(ref);
    const block = Array.isArray(value) ? (value as unknown[][]) : [[value]];
    block.forEach((cells, i) =>
      cells.forEach((cell, j) => (this.column(col + j)[row! + i] = cell as Cell))
    );
  }

  /** `A2:C9`, `D2` or a whole column `A:A`, as Excel passes it to a range parameter. */
  range(ref: string): Cell[][] {
    const [from, to = from] = ref.split(":").map(Sheet.parse);
    const first = from.row ?? 1;
    const last = to.row ?? LAST_ROW;
    const rows: Cell[][] = [];
    for (let r = first; r <= last; r++) {
      const row: Cell[] = [];
      for (let c = from.col; c <= to.col; c++) row.push(this.column(c)[r]);
      rows.push(row);
    }
    return rows;
  }
}

/** Excel's date serial of an ISO date (days since 1899-12-30). */
export const serial = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5 + 25569;

/** samples/orders.csv as Excel opens it: A:C under a header row, the dates as date serials. */
export function ordersSheet(): Sheet {
  const rows = readDoc("samples/orders.csv")
    .trim()
    .split("\n")
    .map((line) => line.split(","));
  const sheet = new Sheet();
  sheet.put("A1", [rows[0]]);
  sheet.put(
    "A2",
    rows.slice(1).map(([id, date, amount]) => [id, serial(date), Number(amount)])
  );
  return sheet;
}

// ---------------------------------------------------------------- the bundle, as Excel calls it
const { registered, inRealm } = loadFunctionsBundle();
const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{ id: string; parameters: Array<{ name: string; dimensionality?: string }> }>;
};
export const functionIds = metadata.functions.map((f) => f.id);

/** Calls a function by id with values built in the bundle's realm, as Excel hands them over. */
export function callFunction(id: string, ...args: unknown[]): unknown {
  const fn = registered.get(id);
  if (!fn) throw new Error(`${id} is not in dist/functions.js`);
  return fn(...args.map((a) => (a === null ? null : inRealm(a))));
}

/** A formula that needs a sheet (or names its arguments) where only literals were allowed. */
export class NotLiteral extends Error {}

/** Splits arguments at the commas outside quotes, array constants' braces and parentheses. */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  let depth = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "{" || ch === "(")) depth++;
    if (!quoted && (ch === "}" || ch === ")")) depth--;
    if (ch === "," && !quoted && depth === 0) {
      args.push(current.trim());
      current = "";
    } else current += ch;
  }
  args.push(current.trim());
  return args;
}

/** A literal: 12, -4.5, 10%, 1/12, "week". Undefined when the text is not one. */
function scalarLiteral(text: string): Cell | undefined {
  if (/^"[^"]*"$/.test(text)) return text.slice(1, -1);
  if (/^-?\d+(\.\d+)?%$/.test(text)) return Number(text.slice(0, -1)) / 100;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const ratio = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (ratio) return Number(ratio[1]) / Number(ratio[2]);
  return undefined;
}

/** An argument's value: a literal, an array constant {1, 2; 3, 4}, or a reference on the sheet. */
function argumentValue(text: string, sheet: Sheet | null): Cell | Cell[][] {
  const scalar = scalarLiteral(text);
  if (scalar !== undefined) return scalar;
  if (/^\{.*\}$/.test(text)) {
    return text
      .slice(1, -1)
      .split(";")
      .map((row) =>
        splitArguments(row).map((cell) => {
          const value = scalarLiteral(cell);
          if (value === undefined) throw new Error(`${cell} is not a literal in ${text}`);
          return value;
        })
      );
  }
  if (/^[A-Z]+\d*(:[A-Z]+\d*)?$/.test(text)) {
    if (!sheet) throw new NotLiteral(text);
    return sheet.range(text);
  }
  throw new NotLiteral(text);
}

/** Calls `=RETAIN.NAME(arg, …)` in the bundle; references are read from the sheet, if any. */
export function evaluate(formula: string, sheet: Sheet | null = null): unknown {
  const m = /^=RETAIN\.([A-Z_]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`not a RETAIN formula: ${formula}`);
  const [, id, argText] = m;
  const fn = registered.get(id);
  const meta = metadata.functions.find((f) => f.id === id);
  if (!fn || !meta) throw new Error(`${id} is not in dist/functions.js`);
  const texts = argText.trim() === "" ? [] : splitArguments(argText);
  if (texts.length > meta.parameters.length)
    throw new Error(`${formula}: ${id} takes ${meta.parameters.length} arguments`);
  const args = meta.parameters.map((param, i) => {
    const text = texts[i] ?? "";
    if (text === "") return null; // omitted
    let value = argumentValue(text, sheet);
    const matrix = param.dimensionality === "matrix";
    if (matrix && !Array.isArray(value)) value = [[value]];
    if (!matrix && Array.isArray(value)) {
      if (value.length !== 1 || value[0].length !== 1)
        throw new Error(`${formula}: ${param.name} takes one value`);
      value = value[0][0];
    }
    return value === null ? null : inRealm(value);
  });
  try {
    return fn(...args);
  } catch (e) {
    // A function of one value (no spill) throws its Excel error, as the runtime expects.
    if (errorCode(e) !== undefined) return e;
    throw e;
  }
}

/** An Excel error as the bundle returns it (CustomFunctions.Error), or undefined. */
export function errorCode(value: unknown): string | undefined {
  if (value && typeof value === "object" && "code" in value)
    return String((value as { code: unknown }).code);
  return undefined;
}

/** The top-left value of a result: a spill's first cell, or the value itself. */
export const topLeft = (value: unknown): unknown =>
  Array.isArray(value) ? topLeft((value as unknown[])[0]) : value;

/**
 * Whether a printed figure matches a computed value; null when it does, else what differs.
 * Figures: an error code, an ISO date (a date serial), a number at its printed decimals (with
 * thousands commas, a Unicode minus, or a % sign that scales it), an empty cell, or text.
 */
export function figureMismatch(printed: string, value: unknown): string | null {
  const text = printed.trim().replace(/^`(.*)`$/, "$1");
  const code = errorCode(value);
  if (/^#[A-Z0-9/]+[!?A]?$/.test(text))
    return code === text ? null : `expected ${text}, computed ${describe(value)}`;
  if (code !== undefined) return `expected ${text}, computed ${code}`;
  if (text === "")
    return value === "" || value === null ? null : `expected empty, computed ${describe(value)}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text))
    return value === serial(text) ? null : `expected ${text}, computed ${describe(value)}`;
  const number = /^([−-]?[\d,]*\.?\d+)(%?)$/.exec(text);
  if (number) {
    if (typeof value !== "number") return `expected ${text}, computed ${describe(value)}`;
    const digits = number[1].replace(/,/g, "").replace("−", "-");
    const decimals = digits.includes(".") ? digits.length - digits.indexOf(".") - 1 : 0;
    const scaled = number[2] === "%" ? value * 100 : value;
    const computed = scaled.toFixed(decimals);
    return computed === digits || (Number(computed) === 0 && Number(digits) === 0)
      ? null
      : `expected ${text}, computed ${computed}${number[2]}`;
  }
  return value === text ? null : `expected ${text}, computed ${describe(value)}`;
}

const describe = (value: unknown) => errorCode(value) ?? JSON.stringify(value);

/** The leading figure of a table cell or a phrase: "0.75 (75%; …)" → "0.75", "`#NUM!` (…)" → "#NUM!". */
export function leadingFigure(text: string): string | null {
  const m = /^`?(#[A-Z0-9/]+[!?A]?|[−-]?[\d,]*\.?\d+%?)`?(?=$|[\s,;)])/.exec(text.trim());
  return m ? m[1] : null;
}

/** The cells of a markdown table row, trimmed. */
export const tableCells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());
