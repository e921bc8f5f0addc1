/**
 * Reads an orders table (customer id, order date, optional amount) row by row, applying the data
 * rules of cell-values.ts, and hands each order to a sink as integers: a customer code, a
 * whole-day serial and an amount (NaN when there is none). The cell functions, the pane's worker
 * and the command line all read orders through this one reader.
 */
import { CustomerIds } from "./customer-ids";
import { FIRST_SERIAL, LAST_SERIAL } from "./excel-dates";
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
    // The usual row (a text id not starting like a number, a date serial, a number or no
    // amount) skips the general checks below; it is read exactly as they would read it.
    if (
      this.rowsSeen > 0 &&
      typeof idCell === "string" &&
      typeof dateCell === "number" &&
      dateCell >= FIRST_SERIAL &&
      dateCell < LAST_SERIAL + 1 &&
      (typeof amountCell === "number"
        ? amountCell === amountCell && Number.isFinite(amountCell)
        : amountCell === null || amountCell === undefined)
    ) {
      const c = idCell.charCodeAt(0);
      if (idCell.length > 0 && !((c >= 48 && c <= 57) || c === 45)) {
        this.rowsSeen++;
        this.accept(
          idCell,
          Math.floor(dateCell),
          typeof amountCell === "number" ? amountCell : NaN
        );
        return;
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

/** A refund (negative amount) reduces revenue but never makes a customer active. */
export const isPurchase = (amount: number): boolean => !(amount < 0);
