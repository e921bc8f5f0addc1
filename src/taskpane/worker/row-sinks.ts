/**
 * The worker's rows (CSV records, pasted lines or sheet rows, as they arrive) fed to the model's
 * streaming readers through the user's settings, by the model's one row feeder; and the worker's
 * failure answer, carrying a bad cell's argument, row and column as data.
 */
import { CellError, DomainError } from "../../model/errors";
import { TooLargeError } from "../../model/history/result-size";
import {
  feedOrders,
  feedSubscriptions,
  FeedOptions,
  OrderTarget,
  RowFeed,
  SubscriptionTarget,
} from "../../model/reading/row-feeding";
import type { AnalysisSettings, WorkerResponse } from "./protocol";

/** Rows as they arrive; `firstRow` is the number the user knows rows[0] by (CSV line or sheet row). */
export type RowSink = RowFeed;
export type { OrderTarget, SubscriptionTarget };
export type Progress = (rows: number, fraction: number | null) => void;

/** textLines: the rows are a text's records, named by the line each starts on, as the CLI does. */
export const orderSink = (
  settings: AnalysisSettings,
  target: OrderTarget,
  options: FeedOptions = {}
): RowSink => feedOrders(settings, target, options);

export const subscriptionSink = (
  settings: AnalysisSettings,
  target: SubscriptionTarget,
  options: FeedOptions = {}
): RowSink => feedSubscriptions(settings, target, options);

/** A failed request's answer: the model's message, its Excel-style code and the bad cell, when it named them. */
export function failure(id: number, error: unknown): WorkerResponse {
  return {
    type: "failed",
    id,
    message: error instanceof Error ? error.message : String(error),
    code: error instanceof DomainError ? error.code : null,
    cell: error instanceof CellError ? error.toProblem() : null,
    ...(error instanceof TooLargeError ? { tooLarge: error.refusal } : {}),
  };
}
