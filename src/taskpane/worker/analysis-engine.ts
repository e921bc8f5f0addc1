/**
 * What the analysis worker does, without the worker around it (so tests can run it in-process):
 * read a table's rows (Papa Parse for CSV files and pasted text, or blocks read from Excel),
 * fold them into the model's one analysis, and post back the view the pane draws.
 */
import Papa from "papaparse";
import { DataAnalysis, OrdersAnalysis, SubscriptionsAnalysis } from "../../model/history/analysis";
import { cohortSurvivors } from "../../model/history/cohort-survivors";
import { periodStarts } from "../../model/history/period-retention";
import { periodRetentionRate } from "../../model/history/period-retention";
import { grossRevenueRetention, netRevenueRetention } from "../../model/economics/revenue-retention";
import { createLifetimeHandler } from "./customer-lifetime-engine";
import { failure, orderSink, Progress, RowSink, subscriptionSink } from "./row-sinks";
import type {
  AnalysisSettings,
  AnalysisView,
  TableSource,
  WorkerRequest,
  WorkerResponse,
} from "./protocol";

export type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

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

interface Block {
  rows: unknown[][];
  firstRow: number;
}

export function createAnalysisEngine(post: Post): (request: WorkerRequest) => Promise<void> {
  let blocks: Block[] = [];
  let last: DataAnalysis | null = null;
  // "Customers who may have left" (customer-lifetime-engine.ts) reads the same sources again.
  const lifetime = createLifetimeHandler(post, (source, sink, progress) =>
    streamRows(source, blocks, sink, progress)
  );

  return async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case "append":
        blocks.push({ rows: request.rows, firstRow: request.firstRow });
        return;
      case "clear":
        blocks = [];
        return;
      case "inspect": {
        const rows = await firstRows(request.source, blocks, request.rows);
        post({ type: "inspected", id: request.id, rows });
        return;
      }
      case "analyse": {
        try {
          last = null;
          const analysis = await analyse(request.source, blocks, request.settings, (rows, f) =>
            post({ type: "progress", id: request.id, rows, fraction: f })
          );
          last = analysis;
          const view = analysisView(analysis);
          post({ type: "analysed", id: request.id, view }, transfers(view));
        } catch (error) {
          post(failure(request.id, error));
        }
        return;
      }
      case "plan": {
        try {
          if (!last) throw new Error("no analysis to write");
          const { analysisPlan, CHINESE_ANALYSIS_LABELS, ENGLISH_ANALYSIS_LABELS } = await import(
            /* webpackChunkName: "analysis-plan" */ "../../report/plans/analysis-plan"
          );
          const labels =
            request.language === "zh-CN" ? CHINESE_ANALYSIS_LABELS : ENGLISH_ANALYSIS_LABELS;
          post({ type: "planned", id: request.id, plan: analysisPlan(last, { labels }) });
        } catch (error) {
          post(failure(request.id, error));
        }
        return;
      }
      case "lifetime":
      case "lifetimePlan":
        return lifetime(request);
    }
  };
}

/** Streams every row of a source into `sink`. */
async function streamRows(
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
  await new Promise<void>((resolve, reject) => {
    let line = 1;
    let failed: unknown = null;
    Papa.parse<string[]>(file, {
      // A look at the first rows reads a small piece, not a whole chunk of the file.
      chunkSize: limit === Infinity ? FILE_CHUNK : PREVIEW_CHUNK,
      preview: limit === Infinity ? 0 : limit,
      chunk(results, parser) {
        try {
          sink(results.data, line);
          line += results.data.length;
          progress(line - 1, file.size > 0 ? Math.min(1, results.meta.cursor / file.size) : null);
        } catch (error) {
          failed = error;
          parser.abort();
        }
      },
      complete: () => (failed ? reject(failed) : resolve()),
      error: (error) => reject(failed ?? error),
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
  let line = 1;
  let posted = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(text, {
      chunkSize: TEXT_CHUNK,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        try {
          sink(results.data, line);
          line += results.data.length;
          const fraction = Math.min(1, results.meta.cursor / text.length);
          if (fraction - posted >= PROGRESS_STEP || fraction === 1) {
            posted = fraction;
            progress(line - 1, fraction);
          }
        } catch (error) {
          failed = true;
          parser.abort();
          reject(error);
          return;
        }
        parser.pause();
        void Promise.resolve().then(() => parser.resume());
      },
      complete: () => failed || resolve(),
    });
  });
}

/**
 * A file's text, decoded once: UTF-8, or UTF-16 when it starts with that byte-order mark (as
 * Excel's "Unicode text" does); the mark itself is dropped, as FileReader drops it.
 */
async function fileText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

/** The first `count` rows (the header and a sample), for the column match. */
async function firstRows(
  source: TableSource,
  blocks: readonly Block[],
  count: number
): Promise<unknown[][]> {
  const out: unknown[][] = [];
  await streamRows(
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

/** One pass over the rows into the model's analysis. */
export async function analyse(
  source: TableSource,
  blocks: readonly Block[],
  settings: AnalysisSettings,
  progress: Progress
): Promise<DataAnalysis> {
  const { shape, columns: c, unit, window } = settings;
  if (shape === "orders") {
    const analysis = new OrdersAnalysis({ unit, window, hasRevenue: c.amount >= 0 });
    await streamRows(source, blocks, orderSink(settings, analysis), progress);
    return analysis.finish();
  }
  const analysis = new SubscriptionsAnalysis({ unit, hasRevenue: c.revenue >= 0 });
  await streamRows(source, blocks, subscriptionSink(settings, analysis), progress);
  return analysis.finish();
}

/** A ratio the model refuses (no base) as NaN: the view shows a dash. */
function orNaN(f: () => number): number {
  try {
    return f();
  } catch {
    return NaN;
  }
}

/** The view the pane draws: copies of the analysis's arrays (the analysis stays whole for the sheet plan). */
export function analysisView(a: DataAnalysis): AnalysisView {
  const r = a.retention;
  const periods = r.start.length;
  const rate = new Float64Array(periods);
  for (let i = 0; i < periods; i++) rate[i] = periodRetentionRate(r, i);
  const survivorRows = cohortSurvivors(a);
  const ages = a.cohorts.ages;
  const survivors = new Float64Array(survivorRows.length * ages).fill(NaN);
  survivorRows.forEach((row, k) => survivors.set(row, k * ages));
  const m = a.movements;
  const km = a.survival;
  return {
    shape: a.shape,
    rows: a.rows,
    customers: a.ids.count,
    unit: a.range.unit,
    window: a.window,
    hasRevenue: a.hasRevenue,
    lastDay: a.lastDay,
    firstPeriod: a.range.first,
    periodStart: periodStarts(a.range),
    retention: {
      start: r.start.slice(),
      won: r.won.slice(),
      end: r.end.slice(),
      kept: r.kept.slice(),
      reactivated: r.reactivated.slice(),
      churned: r.churned.slice(),
      rate,
    },
    cohorts: {
      cohort: a.cohorts.cohort.slice(),
      size: a.cohorts.size.slice(),
      ages,
      customers: a.cohorts.customers.slice(),
      revenue: a.cohorts.revenue.slice(),
      survivors,
    },
    survival: {
      time: km.time.slice(),
      atRisk: km.atRisk.slice(),
      churned: km.churned.slice(),
      censored: km.censored.slice(),
      survival: km.survival.slice(),
      lower: km.lower.slice(),
      upper: km.upper.slice(),
      median: a.medianLifetime,
    },
    movements: m && {
      start: m.start.slice(),
      won: m.won.slice(),
      expansion: m.expansion.slice(),
      contraction: m.contraction.slice(),
      churn: m.churn.slice(),
      reactivation: m.reactivation.slice(),
      end: m.end.slice(),
      nrr: m.start.map((s, i) =>
        orNaN(() => netRevenueRetention(s, m.expansion[i], m.contraction[i], m.churn[i]))
      ),
      grr: m.start.map((s, i) =>
        orNaN(() => grossRevenueRetention(s, m.contraction[i], m.churn[i]))
      ),
    },
    concentration: a.concentration,
    repeatSpend: a.repeatSpend,
    latest: a.latest,
  };
}

/** Every array buffer of a view, to transfer instead of copy. */
export function transfers(view: AnalysisView): Transferable[] {
  const out: Transferable[] = [];
  const add = (o: object | null) => {
    if (!o) return;
    for (const v of Object.values(o)) if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  };
  add(view);
  add(view.retention);
  add(view.cohorts);
  add(view.survival);
  add(view.movements);
  return out;
}
