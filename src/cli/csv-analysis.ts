/**
 * A CSV file of any length streamed into the model's OrdersAnalysis or SubscriptionsAnalysis, a
 * piece at a time, so memory grows with customers and periods, never with rows: decoded by the
 * model's one decoder (UTF-8, or UTF-16 by its byte-order mark), parsed by Papa Parse, laid out
 * by the model's one proposal from its first rows (as the task pane lays it out) and fed through
 * the model's one row feeder, which names each row by the line it starts on.
 */
import { createReadStream } from "node:fs";
import Papa from "papaparse";
import { AnalysisTables, OrdersAnalysis, SubscriptionsAnalysis } from "../model/history/analysis";
import { LAYOUT_SAMPLE_ROWS } from "../model/reading/layout";
import { feedOrders, feedSubscriptions, RowFeed } from "../model/reading/row-feeding";
import { DecodedTextStream } from "../model/reading/text-decoding";
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
        reject(failed ?? new InputError(error.message));
      },
    });
  });
}

const layoutChoices = (args: CohortsArguments) => ({
  shape: args.shape!,
  columns: args.columns,
  dateFormat: args.dateFormat,
});

/** The layout the command reads a CSV file with: the proposal from its first rows and the flags. */
export async function csvLayout(
  path: string,
  shownAs: string,
  args: CohortsArguments
): Promise<InputLayout> {
  const sample: string[][] = [];
  await parseCsvFile(path, (rows) => {
    for (let i = 0; i < rows.length && sample.length < LAYOUT_SAMPLE_ROWS; i++)
      sample.push(rows[i]);
    return sample.length < LAYOUT_SAMPLE_ROWS;
  });
  return inputLayout(sample, layoutChoices(args), shownAs);
}

/** The analysis of a whole CSV file, in one pass. */
export async function analyseCsv(
  path: string,
  shownAs: string,
  args: CohortsArguments
): Promise<AnalysisTables> {
  const options = { unit: args.unit, window: args.window, endDay: args.endDay };
  let layout: InputLayout | null = null;
  let analysis: OrdersAnalysis | SubscriptionsAnalysis | null = null;
  let feed: RowFeed | null = null;
  // Rows wait here until the first LAYOUT_SAMPLE_ROWS of them say how the file is laid out.
  let pending: string[][] = [];
  const start = () => {
    layout = inputLayout(pending, layoutChoices(args), shownAs);
    if (args.shape === "orders") {
      const orders = new OrdersAnalysis({ ...options, hasRevenue: layout.columns.amount >= 0 });
      feed = feedOrders(layout, orders, { textLines: true });
      analysis = orders;
    } else {
      const subscriptions = new SubscriptionsAnalysis({
        ...options,
        hasRevenue: layout.columns.revenue >= 0,
      });
      feed = feedSubscriptions(layout, subscriptions, { textLines: true });
      analysis = subscriptions;
    }
    feed(pending, 1);
    pending = [];
  };
  try {
    await parseCsvFile(path, (rows, firstRecord) => {
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
    throw inputError(error, shownAs, (layout as InputLayout | null)?.headers ?? []);
  }
}
