/**
 * A CSV file of any length streamed into the model's OrdersAnalysis or SubscriptionsAnalysis, a
 * piece at a time, so memory grows with customers and periods, never with rows: decoded by the
 * model's one decoder (UTF-8, or UTF-16 by its byte-order mark), parsed by Papa Parse, laid out
 * by the model's one proposal from its first rows (as the task pane lays it out) and fed through
 * the model's one row feeder, which names each row by the line it starts on.
 */
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import { CellError } from "../model/errors";
import { AnalysisTables, OrdersAnalysis, SubscriptionsAnalysis } from "../model/history/analysis";
import { LAYOUT_SAMPLE_ROWS } from "../model/reading/layout";
import {
  feedOrders,
  feedSubscriptions,
  FutureDateError,
  futureRule,
  FutureRule,
  RowFeed,
} from "../model/reading/row-feeding";
import { DecodedTextStream } from "../model/reading/text-decoding";
import { isoTextFromSerial } from "../model/reading/excel-dates";
import { InputError } from "./arguments";
import type { CohortsArguments } from "./cohorts-arguments";
import { inputError } from "./input-errors";
import { InputLayout, inputLayout } from "./input-layout";

/**
 * Bytes read from the file at a time: a piece's rows are folded and dropped while young, which
 * the garbage collector finds far cheaper than 1 MB pieces' rows surviving a collection (a
 * million rows took about three times as long in 1 MB pieces).
 */
export const CSV_READ_BYTES = 64 << 10;

/**
 * Parses a CSV file piece by piece: `onRows` gets each piece's records and the number of the
 * first (1 = the file's first record), and returns false to stop reading.
 */
function parseCsvFile(
  path: string,
  onRows: (rows: string[][], firstRecord: number) => boolean
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pieces = createReadStream(path, { highWaterMark: CSV_READ_BYTES })[
      Symbol.asyncIterator
    ]();
    const text = new DecodedTextStream(async () => {
      const next = await pieces.next();
      return next.done ? null : (next.value as Buffer);
    });
    const close = () => {
      text.destroy();
      void pieces.return?.();
    };
    let records = 0;
    let failed: unknown = null;
    Papa.parse<string[]>(text as unknown as Papa.LocalFile, {
      skipEmptyLines: false,
      chunk(results, parser) {
        if (failed) return;
        let more = false;
        try {
          more = onRows(results.data, records + 1);
        } catch (error) {
          failed = error;
        }
        records += results.data.length;
        if (!more) parser.abort();
      },
      complete: () => {
        close();
        if (failed) reject(failed);
        else resolve();
      },
      error: (error: Error) => {
        close();
        // A field too long is the reader's CellError, named by its line and column.
        reject(failed ?? (error instanceof CellError ? error : new InputError(error.message)));
      },
    });
  });
}

/**
 * A file's rows, a piece at a time: `onRows` gets each piece's records and the number of the
 * first (1 = the file's first record), and returns false to stop reading.
 */
export type RowSource = (
  path: string,
  onRows: (rows: unknown[][], firstRecord: number) => boolean
) => Promise<void>;

/** How a file's rows arrive: its records, whether its first is known to be titles, and how rows are named. */
export interface RowReader {
  read: RowSource;
  /** A Parquet file's first record is its column names; a CSV file's is decided by the proposal. */
  header?: boolean;
  /** Records are lines of text (a quoted cell's line breaks push the rest down). */
  textLines: boolean;
}

export const CSV_ROWS: RowReader = { read: parseCsvFile, textLines: true };

const layoutChoices = (args: CohortsArguments, reader: RowReader) => ({
  shape: args.shape!,
  header: reader.header,
  columns: args.columns,
  dateFormat: args.dateFormat,
  decimal: args.decimal,
});

/** The layout the command reads a CSV file with: the proposal from its first rows and the flags. */
export async function csvLayout(
  path: string,
  shownAs: string,
  args: CohortsArguments
): Promise<InputLayout> {
  const sample: unknown[][] = [];
  await parseCsvFile(path, (rows) => {
    for (let i = 0; i < rows.length && sample.length < LAYOUT_SAMPLE_ROWS; i++)
      sample.push(rows[i]);
    return sample.length < LAYOUT_SAMPLE_ROWS;
  });
  return inputLayout(sample, layoutChoices(args, CSV_ROWS), shownAs);
}

/**
 * The command's rule for rows dated after its as-of date: with --end-date, that date cuts the
 * data off (as documented, the model leaves later rows out); without it, the as-of date is
 * today, and later rows are refused, or left out and counted with --drop-future.
 */
export function commandFutureRule(args: CohortsArguments, today: number): FutureRule | undefined {
  return args.endDay === null ? futureRule(today, "today", args.dropFuture) : undefined;
}

/** A future row's refusal, named by file, line and column, with what the user can do about it. */
export class FutureRowRefused extends InputError {
  constructor(
    named: string,
    readonly row: number,
    readonly day: number
  ) {
    super(
      `${named}: check the date, or leave such rows out with --drop-future, or analyse up to a date with --end-date`
    );
  }
}

/** The one-line notice of the rows --drop-future left out, or null when it left none. */
export function futureNotice(rule: FutureRule | undefined, shape: string): string | null {
  const left = rule?.left;
  if (!left || left.count === 0) return null;
  const rows = left.count === 1 ? (shape === "orders" ? "order" : "subscription") : shape;
  return `Left out ${left.count.toLocaleString("en-US")} ${rows} dated after today (${isoTextFromSerial(rule!.asOf)}), the first on line ${left.firstRow} (${isoTextFromSerial(left.firstDay)}).`;
}

/**
 * The analysis of a whole CSV file (or, with its reader, a Parquet file), in one pass; `future`:
 * the rule for rows dated after the as-of date (commandFutureRule), which counts those left out.
 */
export async function analyseCsv(
  path: string,
  shownAs: string,
  args: CohortsArguments,
  reader: RowReader = CSV_ROWS,
  future?: FutureRule
): Promise<AnalysisTables> {
  const options = { unit: args.unit, window: args.window, endDay: args.endDay };
  let layout: InputLayout | null = null;
  let analysis: OrdersAnalysis | SubscriptionsAnalysis | null = null;
  let feed: RowFeed | null = null;
  // Rows wait here until the first LAYOUT_SAMPLE_ROWS of them say how the file is laid out.
  let pending: unknown[][] = [];
  const start = () => {
    layout = inputLayout(pending, layoutChoices(args, reader), shownAs);
    if (args.shape === "orders") {
      const orders = new OrdersAnalysis({ ...options, hasRevenue: layout.columns.amount >= 0 });
      feed = feedOrders(layout, orders, { textLines: reader.textLines, future });
      analysis = orders;
    } else {
      const subscriptions = new SubscriptionsAnalysis({
        ...options,
        hasRevenue: layout.columns.revenue >= 0,
      });
      feed = feedSubscriptions(layout, subscriptions, {
        textLines: reader.textLines,
        future,
      });
      analysis = subscriptions;
    }
    feed(pending, 1);
    pending = [];
  };
  try {
    await reader.read(path, (rows, firstRecord) => {
      if (feed) feed(rows, firstRecord);
      else {
        pending = pending.concat(rows);
        if (pending.length >= LAYOUT_SAMPLE_ROWS) start();
      }
      return true;
    });
    if (!feed) start();
    return analysis!.finish();
  } catch (error) {
    const named = inputError(error, shownAs, (layout as InputLayout | null)?.headers ?? []);
    throw error instanceof FutureDateError
      ? new FutureRowRefused(named.message, error.row, error.day)
      : named;
  }
}
