/**
 * How one covariate cell reads (the data rules of reading/cell-values.ts, plus the covariates'
 * own): a number, numeric text (Excel's own spelling) or TRUE / FALSE as 1 / 0; other text marks
 * its column as categorical; an empty cell or an error value is an error naming row and column.
 */
import { CellError } from "../errors";
import { plainValue } from "../reading/cell-values";
import { plainNumberText } from "../reading/number-text";

/** "holds the error #N/A", "holds a value that is not a number". */
export function cellErrorText(cell: unknown): string {
  const o = (cell ?? {}) as Record<string, unknown>;
  for (const key of ["code", "basicValue"])
    if (typeof o[key] === "string" && (o[key] as string).startsWith("#"))
      return `holds the error ${o[key] as string}`;
  return "holds a value that is neither a number nor text";
}

/** The cell's number, or null for text that is not a number (a category). */
export function covariateNumber(cell: unknown, column: number, row: number): number | null {
  cell = plainValue(cell);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell))
      throw new CellError("covariates", row, `column ${column + 1} is not a finite number`);
    return cell;
  }
  if (typeof cell === "boolean") return cell ? 1 : 0;
  if (typeof cell === "string") {
    if (cell.trim() === "")
      throw new CellError(
        "covariates",
        row,
        `column ${column + 1} is empty: every customer needs a value`
      );
    return plainNumberText(cell.trim());
  }
  if (cell === null || cell === undefined)
    throw new CellError(
      "covariates",
      row,
      `column ${column + 1} is empty: every customer needs a value`
    );
  throw new CellError("covariates", row, `column ${column + 1} ${cellErrorText(cell)}`);
}
