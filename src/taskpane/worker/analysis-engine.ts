/**
 * What the analysis worker does, without the worker around it (so tests can run it in-process):
 * read a table's rows once (Papa Parse for CSV files and pasted text, or blocks read from Excel)
 * into the model's one analysis, keeping the orders as read for the customer-lifetime fits; fit
 * the sBG model once; keep all of it for the sheet plans and refits, and post back the views the
 * pane draws.
 */
import Papa from "papaparse";
import {
  DataAnalysis,
  OrdersAnalysis,
  ReadOrders,
  SubscriptionsAnalysis,
} from "../../model/history/analysis";
import {
  CohortSbgFits,
  cohortSbgFits,
  cohortSurvivors,
} from "../../model/history/cohort-survivors";
import { DecodedTextStream, decodeText } from "../../model/reading/text-decoding";
import {
  DataCheck,
  FutureRowsCheck,
  futureRowsCheck,
  orderDataCheck,
} from "../../model/reading/data-check";
import { futureRule, todaySerial } from "../../model/reading/row-feeding";
import { analysisView, transfers } from "./analysis-view";
import { createLifetimeHandler } from "./customer-lifetime-engine";
import { createForecastHandler } from "./forecast-engine";
import { createSegmentHandler } from "./segment-engine";
import { createDriversHandler } from "./drivers-engine";
import { failure, orderSink, Progress, RowSink, subscriptionSink } from "./row-sinks";
import type { Block, Post, ReadRows } from "./engine-io";
import type { AnalysisSettings, TableSource, WorkerRequest } from "./protocol";

/**
 * Text is parsed in pieces of about this many characters: a piece's rows are folded and dropped
 * while they are young, which the garbage collector finds far cheaper than megabytes of rows
 * surviving a collection (a million rows' worker time fell by about a third from 1 MB pieces).
 */
const TEXT_CHUNK = 64 << 10;
/**
 * Files up to this size (Excel's million rows at up to 128 bytes a row) are read whole and
 * decoded once, then parsed as text: every piece read from a File is a round trip to the
 * browser, and a piece's bytes can end inside a character. Larger files are read in pieces of
 * FILE_CHUNK bytes, so the worker never holds more than a piece of them.
 */
const WHOLE_FILE_BYTES = 128 << 20;
const FILE_CHUNK = 1 << 20;
const PREVIEW_CHUNK = 64 << 10;
/** Excel rows are handed on in slices this long, for progress. */
const SLICE = 50_000;
/** Progress from text is posted each time this much more of it is read (and at the end). */
const PROGRESS_STEP = 0.04;

/**
 * The worker's request handler. `read` reads the sources (tests count its calls): an analysis
 * reads its source once, and the customer-lifetime fits take the orders that read kept.
 */
export function createAnalysisEngine(
  post: Post,
  read: ReadRows = streamRows
): (request: WorkerRequest) => Promise<void> {
  let blocks: Block[] = [];
  // The last analysis and its sBG fits: the analysis sheet writes the fit the view showed.
  let last: { analysis: DataAnalysis; sbg: CohortSbgFits } | null = null;
  const lifetime = createLifetimeHandler(post);
  const forecast = createForecastHandler(post);
  const segments = createSegmentHandler(post, read, () => blocks);
  const drivers = createDriversHandler(post, read, () => blocks);

  return async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case "append":
        blocks.push({ rows: request.rows, firstRow: request.firstRow });
        return;
      case "clear":
        blocks = [];
        return;
      case "inspect": {
        const rows = await firstRows(read, request.source, blocks, request.rows);
        post({ type: "inspected", id: request.id, rows });
        return;
      }
      case "analyse": {
        try {
          last = null;
          lifetime.keep(null);
          forecast.keep(null);
          const { analysis, orders, check, future } = await analyse(
            request.source,
            blocks,
            request.settings,
            (rows, f) => post({ type: "progress", id: request.id, rows, fraction: f }),
            read
          );
          // The one sBG fit per holdout, on the model's survivor rows: the view and sheet share it.
          const sbg = cohortSbgFits(cohortSurvivors(analysis));
          last = { analysis, sbg };
          lifetime.keep({ analysis: request.id, orders });
          forecast.keep({ analysis: request.id, tables: analysis });
          const view = analysisView(request.id, analysis, sbg, check, future);
          post({ type: "analysed", id: request.id, view }, transfers(view));
        } catch (error) {
          post(failure(request.id, error));
        }
        return;
      }
      case "plan": {
        try {
          if (!last) throw new Error("no analysis to write");
          const { analysisPlan, analysisLabelsFor } = await import(
            /* webpackChunkName: "analysis-plan" */ "../../report/plans/analysis-plan"
          );
          const plan = analysisPlan(last.analysis, {
            labels: analysisLabelsFor(request.language),
            sbgFit: last.sbg.byHoldout[0],
          });
          post({ type: "planned", id: request.id, plan });
        } catch (error) {
          post(failure(request.id, error));
        }
        return;
      }
      case "lifetime":
      case "lifetimePlan":
        return lifetime.handle(request);
      case "forecast":
      case "forecastPlan":
        return forecast.handle(request);
      case "segments":
      case "segmentPlan":
        return segments(request);
      case "drivers":
        return drivers(request);
    }
  };
}

/** Streams every row of a source (or its first `limit` rows) into `sink`. */
export async function streamRows(
  source: TableSource,
  blocks: readonly Block[],
  sink: RowSink,
  progress: Progress,
  limit = Infinity
): Promise<void> {
  if (source.kind === "blocks") {
    const total = blocks.reduce((n, b) => n + b.rows.length, 0);
    let done = 0;
    for (const block of blocks) {
      for (let i = 0; i < block.rows.length && done < limit; i += SLICE) {
        const part = block.rows.slice(i, Math.min(i + SLICE, i + limit - done));
        sink(part, block.firstRow + i);
        done += part.length;
        progress(done, total > 0 ? done / total : null);
      }
      if (done >= limit) return;
    }
    return;
  }
  if (source.kind === "text") {
    await parseText(source.text, sink, progress, limit);
    return;
  }
  if (limit === Infinity && source.file.size <= WHOLE_FILE_BYTES) {
    await parseText(await fileText(source.file), sink, progress, limit);
    return;
  }
  const file = source.file;
  // Pieces of bytes decoded by the model's decoder: a character split between pieces stays whole.
  // A look at the first rows reads a small piece, not a whole chunk of the file.
  const piece = limit === Infinity ? FILE_CHUNK : PREVIEW_CHUNK;
  let offset = 0;
  const text = new DecodedTextStream(async () => {
    if (offset >= file.size) return null;
    const bytes = new Uint8Array(await file.slice(offset, offset + piece).arrayBuffer());
    offset += bytes.length;
    return bytes;
  });
  await new Promise<void>((resolve, reject) => {
    let line = 1;
    let failed: unknown = null;
    Papa.parse<string[]>(text as unknown as Papa.LocalFile, {
      preview: limit === Infinity ? 0 : limit,
      chunk(results, parser) {
        try {
          sink(results.data, line);
          line += results.data.length;
          progress(line - 1, file.size > 0 ? Math.min(1, text.bytesRead / file.size) : null);
        } catch (error) {
          failed = error;
          parser.abort();
        }
      },
      complete: () => {
        text.destroy();
        if (failed) reject(failed);
        else resolve();
      },
      error: (error) => {
        text.destroy();
        reject(failed ?? error);
      },
    });
  });
}

/**
 * Parses a text in pieces (see TEXT_CHUNK), handing each piece's rows on as they come. Papa
 * Parse goes on to a text's next piece from inside the last one's call, so every piece read
 * would stay on the stack (and in memory) to the end: it is paused after each piece and resumed
 * from a fresh stack.
 */
async function parseText(
  text: string,
  sink: RowSink,
  progress: Progress,
  limit: number
): Promise<void> {
  if (limit !== Infinity) {
    sink(Papa.parse<string[]>(text, { preview: limit }).data, 1);
    return;
  }
  // Pieces of TEXT_CHUNK characters through the same stream as a file's bytes, which cuts them
  // at records' ends: Papa Parse's own chunks re-read an unfinished record with every piece
  // (one 64 MiB field took half a minute). Each piece is parsed from a fresh stack.
  let offset = 0;
  const stream = new DecodedTextStream(async () => {
    if (offset >= text.length) return null;
    const piece = text.slice(offset, offset + TEXT_CHUNK);
    offset += piece.length;
    return piece;
  });
  let line = 1;
  let posted = 0;
  await new Promise<void>((resolve, reject) => {
    let failed: unknown = null;
    Papa.parse<string[]>(stream as unknown as Papa.LocalFile, {
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          sink(results.data, line);
          line += results.data.length;
          const fraction = text.length > 0 ? Math.min(1, stream.bytesRead / text.length) : 1;
          if (fraction - posted >= PROGRESS_STEP && fraction < 1) {
            posted = fraction;
            progress(line - 1, fraction);
          }
        } catch (error) {
          failed = error;
          parser.abort();
        }
      },
      complete: () => {
        stream.destroy();
        if (failed) reject(failed);
        else {
          progress(line - 1, 1);
          resolve();
        }
      },
      error: (error) => {
        stream.destroy();
        reject(failed ?? error);
      },
    });
  });
}

/** A file's text, decoded once by the model's one decoder (UTF-8, or UTF-16 by its byte-order mark). */
async function fileText(file: File): Promise<string> {
  return decodeText(new Uint8Array(await file.arrayBuffer()));
}

/** The first `count` rows (the header and a sample), for the column match. */
async function firstRows(
  read: ReadRows,
  source: TableSource,
  blocks: readonly Block[],
  count: number
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  await read(
    source,
    blocks,
    (rows) => {
      for (const row of rows) if (out.length < count) out.push([...row]);
    },
    () => undefined,
    count
  );
  return out;
}

/** What one read of a table gives. */
export interface Folded {
  analysis: DataAnalysis;
  /** The orders as read, for the customer-lifetime fits; null for subscriptions. */
  orders: ReadOrders | null;
  /** The table as read, at a glance; null for subscriptions. */
  check: DataCheck | null;
  /** Rows dated after today, left out (the pane shows nothing until the user agrees); null: none. */
  future: FutureRowsCheck | null;
}

/**
 * One pass over the rows into the model's analysis, keeping the orders as read. Rows dated after
 * `today` (the user's, by default) are left out and counted, for the pane to report and to show
 * no figure until the user agrees.
 */
export async function analyse(
  source: TableSource,
  blocks: readonly Block[],
  settings: AnalysisSettings,
  progress: Progress,
  read: ReadRows = streamRows,
  today: number = todaySerial(new Date())
): Promise<Folded> {
  const { shape, columns: c, unit, window } = settings;
  const future = futureRule(today, "today", true);
  const textLines = source.kind !== "blocks";
  if (shape === "orders") {
    const analysis = new OrdersAnalysis({
      unit,
      window,
      hasRevenue: c.amount >= 0,
      keepOrders: true,
    });
    // Rows read, for the data check's rows left out (the title row is not a data row).
    let rowsRead = settings.hasHeader ? -1 : 0;
    const sink = orderSink(settings, analysis, { textLines, future });
    await read(
      source,
      blocks,
      (rows, firstRow) => {
        // An empty line (the file's last newline) is no row; a row of empty cells is.
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (row.length > 1 || (row.length === 1 && row[0] !== "" && row[0] != null)) rowsRead++;
        }
        sink(rows, firstRow);
      },
      progress
    );
    const finished = analysis.finish();
    const orders = analysis.readOrders();
    return {
      analysis: finished,
      orders,
      check: orders
        ? orderDataCheck(orders, Math.max(0, rowsRead), c.amount >= 0, future.left.count)
        : null,
      future: futureRowsCheck(future),
    };
  }
  const analysis = new SubscriptionsAnalysis({ unit, hasRevenue: c.revenue >= 0 });
  await read(source, blocks, subscriptionSink(settings, analysis, { textLines, future }), progress);
  return {
    analysis: analysis.finish(),
    orders: null,
    check: null,
    future: futureRowsCheck(future),
  };
}
