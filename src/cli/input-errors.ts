/**
 * The model's errors as the command line names them: a bad cell by file:line:column and the
 * user's own header ("orders.csv:1204:2: order_date: 'abc' is not a date"), anything else by
 * the file, on one line.
 */
import { basename } from "node:path";
import { CellError, oneLine } from "../model/errors";
import { InputError } from "./arguments";

/** An error met reading `shownAs` (headers: its column titles, [] when it has none). */
export function inputError(error: unknown, shownAs: string, headers: readonly string[]): Error {
  if (error instanceof InputError) return error;
  if (error instanceof CellError) {
    if (error.column === null) return new InputError(`${shownAs}:${error.row}: ${error.message}`);
    const header = headers[error.column] || error.argument;
    return new InputError(
      `${shownAs}:${error.row}:${error.column + 1}: ${header}: ${error.problem}`
    );
  }
  return new InputError(`${shownAs}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Any error about a file, on one line naming the file: "orders.parquet: No files found …". */
export function fileError(error: unknown, path: string): Error {
  const text = error instanceof Error ? error.message : String(error);
  return new Error(`${basename(path)}: ${oneLine(text)}`);
}
