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

export const invalidValue = (message: string): DomainError => new DomainError("value", message);
export const invalidNumber = (message: string): DomainError => new DomainError("num", message);
export const divisionByZero = (message: string): DomainError => new DomainError("div0", message);

/** A result that overflowed or is undefined is #NUM!, never NaN or Infinity. */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw invalidNumber(`${what} is too large to represent`);
  return value;
}
