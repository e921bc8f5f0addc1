/**
 * Reads an orders table (customer id, order date, optional amount) row by row, applying the data
 * rules of cell-values.ts, and hands each order to a sink as integers: a customer code, a
 * whole-day serial and an amount (NaN when there is none). The cell functions, the pane's worker
 * and the command line all read orders through this one reader.
 */
import { CustomerIds } from "./customer-ids";
import { FIRST_SERIAL, LAST_SERIAL, serialFromIsoText } from "./excel-dates";
import {
  cellError,
  customerKey,
  dateSerial,
  isBlankOrZero,
  plainValue,
  looksLikeHeader,
  numberValue,
} from "./cell-values";

export interface OrderColumnNames {
  customers: string;
  dates: string;
  amounts: string;
}

export const ORDER_COLUMN_NAMES: OrderColumnNames = {
  customers: "customers",
  dates: "order_dates",
  amounts: "amounts",
};

/** Receives each accepted order. */
export type OrderSink = (customer: number, day: number, amount: number) => void;

export class OrderRowReader {
  /** Keeps the hidden class alive between calls (see CustomerIds.warm). */
  static readonly warm = new OrderRowReader(() => undefined);
  readonly ids = new CustomerIds();
  /** Orders accepted (on or before the end date). */
  orders = 0;
  firstDay = Infinity;
  lastDay = -Infinity;
  private rowsSeen = 0;

  constructor(
    private readonly sink: OrderSink,
    /** Orders after this serial are checked but left out; null: keep all. */
    private readonly endDay: number | null = null,
    private readonly names: OrderColumnNames = ORDER_COLUMN_NAMES
  ) {}

  /** One row; `row` is its number as the user sees it (1 = the range's first row). */
  add(row: number, idCell: unknown, dateCell: unknown, amountCell: unknown): void {
    // The usual row (a text id not starting like a number, a date serial or ISO date text, a
    // number, numeric text or no amount) skips the general checks below; it is read exactly as
    // they would read it. Anything else, and the first row (maybe a header), takes them.
    if (this.rowsSeen > 0 && typeof idCell === "string" && idCell.length > 0) {
      const c = idCell.charCodeAt(0);
      if (!((c >= 48 && c <= 57) || c === 45)) {
        const day = usualDay(dateCell);
        const amount = usualAmount(amountCell);
        if (day === day && amount !== undefined) {
          this.rowsSeen++;
          this.accept(idCell, day, amount);
          return;
        }
      }
    }
    this.addChecked(row, idCell, dateCell, amountCell);
  }

  private accept(key: string | number, day: number, amount: number): void {
    if (this.endDay !== null && day > this.endDay) return;
    this.orders++;
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
    this.sink(this.ids.code(key), day, amount);
  }

  private addChecked(row: number, idCell: unknown, dateCell: unknown, amountCell: unknown): void {
    idCell = plainValue(idCell);
    const first = this.rowsSeen++ === 0;
    if (isBlankOrZero(idCell) && isBlankOrZero(dateCell) && isBlankOrZero(amountCell)) return;
    if (first && looksLikeHeader(dateCell) && typeof idCell === "string") return;
    const day = dateSerial(dateCell, this.names.dates, row);
    if (isBlankOrZero(idCell) && typeof idCell !== "number") {
      throw cellError(this.names.customers, row, "is empty but the row has an order");
    }
    const key = customerKey(idCell, this.names.customers, row);
    if (day === null)
      throw cellError(this.names.dates, row, `customer ${String(key)} has no order date`);
    const amount = numberValue(amountCell, this.names.amounts, row);
    this.accept(key, day, amount === null ? NaN : amount);
  }
}

/** The whole-day serial of a usual date cell (a serial or ISO text, in range), else NaN. */
function usualDay(cell: unknown): number {
  if (typeof cell === "number")
    return cell >= FIRST_SERIAL && cell < LAST_SERIAL + 1 ? Math.floor(cell) : NaN;
  if (typeof cell !== "string") return NaN;
  const serial = serialFromIsoText(cell);
  return serial !== null && serial >= FIRST_SERIAL && serial <= LAST_SERIAL ? serial : NaN;
}

/**
 * A usual amount cell as numberValue reads it (NaN for none), or undefined for anything else:
 * numeric text starting with a digit, a sign or a point has no blank to trim at its start, and
 * Number() ignores one at its end, as numberValue's trim does.
 */
function usualAmount(cell: unknown): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (cell === null || cell === undefined || cell === "") return NaN;
  if (typeof cell !== "string") return undefined;
  const c = cell.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43)) return undefined;
  if (c === 48 && cell.length > 1 && /[xbo]/i.test(cell[1])) return undefined; // "0x64": not VALUE()'s
  const n = Number(cell);
  return Number.isFinite(n) ? n : undefined;
}

/** A refund (negative amount) reduces revenue but never makes a customer active. */
export const isPurchase = (amount: number): boolean => !(amount < 0);
