/**
 * The model's errors as the command line names them: a bad cell by file:line:column and the
 * user's own header ("orders.csv:1204:2: order_date: 'abc' is not a date"), anything else by
 * the file, on one line.
 */
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
  return fileError(error, shownAs);
}

/**
 * Any other error about a file, on one line naming it as the user wrote it: DuckDB's own
 * message without its kind ("Conversion Error: ") and without the SQL it quotes after it
 * ("LINE 1: SELECT …"), which is ours, not the user's.
 */
export function fileError(error: unknown, shownAs: string): Error {
  const text = error instanceof Error ? error.message : String(error);
  const own = text
    .split(/\n\s*LINE \d+:/)[0]
    .replace(/^[A-Za-z ]*Error: /, "")
    .replace(/\s*when casting from source column \S+/, "");
  return new InputError(`${shownAs}: ${oneLine(own)}`);
}
