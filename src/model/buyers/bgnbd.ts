/**
 * The BG/NBD model's parameters and per-customer summary (Fader, Hardie & Lee 2005; docs/definitions.md §10).
 * While alive a customer buys as Poisson(λ), λ ~ Gamma(r, α); after each purchase the customer
 * drops out with probability p, p ~ Beta(a, b). A customer's summary is (x, t_x, T): repeat
 * purchases, time of the last purchase and of the end of observation, both counted from the
 * first purchase, in one time unit (whatever the data uses: α and every t are in that unit).
 */
import { invalidNumber, invalidValue } from "../errors";

export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** r, α, a, b must be positive finite numbers: #NUM! otherwise. */
export function checkBgNbd(r: number, alpha: number, a: number, b: number): void {
  if (!(r > 0 && r < Infinity)) throw invalidNumber("r must be a number greater than 0");
  if (!(alpha > 0 && alpha < Infinity))
    throw invalidNumber("alpha must be a number greater than 0");
  if (!(a > 0 && a < Infinity)) throw invalidNumber("a must be a number greater than 0");
  if (!(b > 0 && b < Infinity)) throw invalidNumber("b must be a number greater than 0");
}

/** More repeat purchases than this per customer is taken for a data error. */
export const MAX_FREQUENCY = 1e9;

/** " (row n)" when the customer is one of a column, "" for a single customer. */
const at = (row: number | null) => (row === null ? "" : ` (row ${row})`);

/**
 * Validates one customer's (x, t_x, T): x a whole number ≥ 0, 0 ≤ t_x ≤ T, T finite.
 * #VALUE! naming the argument (and the row, for columns): this is bad data, not a bad model.
 */
export function checkCustomer(x: number, tx: number, T: number, row: number | null = null): void {
  if (!(x >= 0 && x <= MAX_FREQUENCY && Math.trunc(x) === x))
    throw invalidValue(
      `frequency must be a whole number of repeat purchases, 0 to ${MAX_FREQUENCY}${at(row)}`
    );
  if (!(tx >= 0 && tx < Infinity)) throw invalidValue(`recency must be 0 or more${at(row)}`);
  if (!(T >= 0 && T < Infinity)) throw invalidValue(`T must be 0 or more${at(row)}`);
  if (tx > T)
    throw invalidValue(
      `recency (${tx}) exceeds T (${T})${at(row)}: the last purchase cannot come after the end of observation`
    );
}
