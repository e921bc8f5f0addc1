/**
 * The worker's rows (CSV lines, pasted lines or sheet rows, as they arrive) handed to the model's
 * streaming readers through the user's column match: the header row skipped, each row's cells
 * picked by role, text dates read in the chosen format. Also the worker's failure message.
 */
import { dateCellIn } from "../../model/reading/date-formats";
import { DomainError } from "../../model/errors";
import type { AnalysisSettings, WorkerResponse } from "./protocol";

/** Rows as they arrive; `firstRow` is the number the user knows rows[0] by (CSV line or sheet row). */
export type RowSink = (rows: readonly (readonly unknown[])[], firstRow: number) => void;
export type Progress = (rows: number, fraction: number | null) => void;

/** OrdersAnalysis, CustomerLifetimeAnalysis: anything that takes orders one row at a time. */
export interface OrderTarget {
  add(row: number, id: unknown, date: unknown, amount: unknown): void;
}

export interface SubscriptionTarget {
  add(row: number, id: unknown, start: unknown, end: unknown, revenue: unknown): void;
}

/** A sink feeding `target` each data row's customer, date and amount (when matched). */
export function orderSink(settings: AnalysisSettings, target: OrderTarget): RowSink {
  const { columns: c, dateFormat: format } = settings;
  let skipHeader = settings.hasHeader;
  return (rows, firstRow) => {
    for (let i = 0; i < rows.length; i++) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      const row = rows[i];
      target.add(
        firstRow + i,
        row[c.customer],
        dateCellIn(row[c.date], format),
        c.amount >= 0 ? row[c.amount] : null
      );
    }
  };
}

/** A sink feeding `target` each data row's customer, start, end and recurring revenue (when matched). */
export function subscriptionSink(settings: AnalysisSettings, target: SubscriptionTarget): RowSink {
  const { columns: c, dateFormat: format } = settings;
  let skipHeader = settings.hasHeader;
  return (rows, firstRow) => {
    for (let i = 0; i < rows.length; i++) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      const row = rows[i];
      target.add(
        firstRow + i,
        row[c.customer],
        dateCellIn(row[c.start], format),
        c.end >= 0 ? dateCellIn(row[c.end], format) : null,
        c.revenue >= 0 ? row[c.revenue] : null
      );
    }
  };
}

/** A failed request's answer: the model's message and Excel-style code when it named one. */
export function failure(id: number, error: unknown): WorkerResponse {
  return {
    type: "failed",
    id,
    message: error instanceof Error ? error.message : String(error),
    code: error instanceof DomainError ? error.code : null,
  };
}
