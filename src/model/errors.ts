/**
 * Why a calculation cannot produce a number, in Excel's vocabulary.
 * The model throws these; adapters (custom functions, pane, CLI) translate them
 * for their audience. Throwing keeps the hot path free of result wrappers.
 */
export type DomainErrorCode = "value" | "num" | "div0" | "na";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * A bad cell of a user's table, as plain data (it crosses from the pane's worker as it is): the
 * pane and the command line name it by the user's own column and line from these fields.
 */
export interface CellProblem {
  /** The argument the model reads the column as: "order_dates", "customers", "mrr". */
  argument: string;
  /** 1-based: the row within the range, or the file's line. */
  row: number;
  /** The user's column (0-based) when the reader knows it; null otherwise (a cell function's range). */
  column: number | null;
  /** What is wrong with the cell: "'abc' is not a date". */
  problem: string;
}

/** #VALUE! for one cell; Excel shows the message, "order_dates row 1,204: 'abc' is not a date". */
export class CellError extends DomainError implements CellProblem {
  constructor(
    readonly argument: string,
    readonly row: number,
    readonly problem: string,
    readonly column: number | null = null
  ) {
    super("value", `${argument} row ${row.toLocaleString("en-US")}: ${problem}`);
    this.name = "CellError";
  }

  /** The same error placed in the user's column (the row feeder knows which one it read). */
  inColumn(column: number): CellError {
    return new CellError(this.argument, this.row, this.problem, column);
  }

  toProblem(): CellProblem {
    return { argument: this.argument, row: this.row, column: this.column, problem: this.problem };
  }
}

export const invalidValue = (message: string): DomainError => new DomainError("value", message);
export const invalidNumber = (message: string): DomainError => new DomainError("num", message);
export const divisionByZero = (message: string): DomainError => new DomainError("div0", message);

/** A result that overflowed or is undefined is #NUM!, never NaN or Infinity. */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw invalidNumber(`${what} is too large to represent`);
  return value;
}

/**
 * Characters that act on a terminal or reorder text rather than show: C0 and C1 controls, DEL,
 * the bidirectional marks, embeddings, overrides and isolates, and the line and paragraph
 * separators. Data that reaches a message may carry them (`\x1b]0;…\x07` retitles a terminal).
 */
const UNSHOWABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** User text as a message shows it: every unshowable character escaped, `\x1b`, `\u202e`. */
export function shownText(text: string): string {
  return text.replace(UNSHOWABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * A message on one line (a command's stderr, a notice): runs of white space become one space,
 * and control and bidirectional characters from the data are shown escaped (shownText).
 */
export function oneLine(text: string): string {
  return shownText(text.replace(/\s+/g, " ").trim());
}
