/**
 * The worker's segment comparison (issue 19 §4): the source read again with one more column as
 * each customer's segment, split by the model's first-row rule (a customer belongs to the
 * segment of their first order, or first subscription), and every segment analysed on its own
 * rows alone by the same model as the whole table, observed to the same last day. Then the
 * log-rank test across the segments' lifetimes, each segment's median with its interval, and its
 * sBG fit. The last comparison is kept for the sheet.
 */
import {
  DataAnalysis,
  orderLifetimes,
  OrdersAnalysis,
  subscriptionLifetimes,
  SubscriptionsAnalysis,
} from "../../model/history/analysis";
import { cohortSbgFits, cohortSurvivors } from "../../model/history/cohort-survivors";
import type { SurvivalRows } from "../../model/history/kaplan-meier";
import { SegmentBlock, SegmentCodes, SegmentedRows } from "../../model/history/segments";
import { OrderRowReader } from "../../model/reading/order-rows";
import { futureRule, todaySerial } from "../../model/reading/row-feeding";
import { OPEN_END, SubscriptionRowReader } from "../../model/reading/subscription-rows";
import { GrowableFloat64, GrowableInt32 } from "../../model/reading/growable";
import { retention } from "../../model/sbg/sbg-curve";
import { logRank } from "../../model/survival/log-rank";
import { medianInterval } from "../../model/survival/median-interval";
import type { GroupedSurvival } from "../../model/survival/grouped-survival";
import { analysisView, transfers } from "./analysis-view";
import type { Block, Post, ReadRows } from "./engine-io";
import { failure, orderSink, subscriptionSink } from "./row-sinks";
import type {
  AnalysisSettings,
  SegmentRequest,
  SegmentsView,
  SegmentSummary,
  TableSource,
} from "./protocol";

/** The most segments compared: more curves than this cannot be told apart in a 320 px pane. */
export const MAX_SEGMENTS = 12;

/** The table's customers split by segment, each segment analysed alone. */
export interface SegmentedAnalysis {
  blocks: { label: string | number; analysis: DataAnalysis; lifetimes: SurvivalRows }[];
  /** The column's distinct values among the rows counted. */
  count: number;
}

/**
 * One read of `source` with `column` as the segment: the rows pass the same feed as the
 * analysis's (future rows left out, bad cells named), one at a time so each kept row's segment
 * cell is known. Null blocks when the column has more than `limit` values.
 */
export async function segmentedAnalysis(
  source: TableSource,
  blocks: readonly Block[],
  settings: AnalysisSettings,
  column: number,
  read: ReadRows,
  limit = MAX_SEGMENTS,
  today: number = todaySerial(new Date())
): Promise<SegmentedAnalysis> {
  const codes = new SegmentCodes();
  const kept = new SegmentedRows();
  const options = { textLines: source.kind !== "blocks", future: futureRule(today, "today", true) };
  let cell: unknown = null;
  const byRow = (feed: (rows: unknown[][], first: number) => void) =>
    read(
      source,
      blocks,
      (rows, firstRow) => {
        // One row at a time: the feed numbers it as it would have in its piece.
        for (let i = 0; i < rows.length; i++) {
          cell = rows[i][column];
          feed([rows[i] as unknown[]], firstRow + i);
        }
      },
      () => undefined
    );

  if (settings.shape === "orders") {
    const customer = new GrowableInt32();
    const day = new GrowableInt32();
    const amount = new GrowableFloat64();
    let line = 0;
    const reader = new OrderRowReader((c, d, a) => {
      kept.add(customer.length, c, d, codes.code(cell, line));
      customer.push(c);
      day.push(d);
      amount.push(a);
    });
    const feed = orderSink(
      settings,
      {
        add(row, id, date, value) {
          line = row;
          reader.add(row, id, date, value);
        },
      },
      options
    );
    await byRow(feed);
    if (reader.orders === 0) return { blocks: [], count: 0 };
    const split = kept.split(reader.ids.count, codes.labels);
    if (split.length > limit) return { blocks: [], count: split.length };
    const c = customer.toArray();
    const d = day.toArray();
    const a = amount.toArray();
    const labels = reader.ids.labels;
    return {
      count: split.length,
      blocks: split.map((block) => {
        const analysis = new OrdersAnalysis({
          unit: settings.unit,
          window: settings.window,
          hasRevenue: settings.columns.amount >= 0,
          endDay: reader.lastDay,
        });
        for (const k of block.rows)
          analysis.add(k + 1, labels[c[k]], d[k], a[k] === a[k] ? a[k] : null);
        const done = analysis.finish();
        return segmentOf(block, done, orderLifetimes(done.cells, done.range, done.window));
      }),
    };
  }

  const reader = new SubscriptionRowReader();
  const keptSegment = new GrowableInt32();
  const feed = subscriptionSink(
    settings,
    {
      add(row, id, start, end, revenue) {
        const before = reader.count;
        reader.add(row, id, start, end, revenue);
        if (reader.count > before) keptSegment.push(codes.code(cell, row));
      },
    },
    options
  );
  await byRow(feed);
  const subs = reader.finish();
  if (subs.count === 0) return { blocks: [], count: 0 };
  for (let k = 0; k < subs.count; k++)
    kept.add(k, subs.customer[k], subs.start[k], keptSegment.data[k]);
  const split = kept.split(subs.ids.count, codes.labels);
  if (split.length > limit) return { blocks: [], count: split.length };
  return {
    count: split.length,
    blocks: split.map((block) => {
      const analysis = new SubscriptionsAnalysis({
        unit: settings.unit,
        hasRevenue: settings.columns.revenue >= 0,
        endDay: subs.lastDay,
      });
      // The lifetimes come from the subscriptions, which the analysis does not keep.
      const own = new SubscriptionRowReader(subs.lastDay);
      for (const k of block.rows) {
        const row: [number, string | number, number, number | null, number | null] = [
          k + 1,
          subs.ids.labels[subs.customer[k]],
          subs.start[k],
          subs.end[k] === OPEN_END ? null : subs.end[k],
          settings.columns.revenue >= 0 ? subs.revenue[k] : null,
        ];
        analysis.add(...row);
        own.add(...row);
      }
      const done = analysis.finish();
      return segmentOf(
        block,
        done,
        subscriptionLifetimes(own.finish(), done.lastDay, settings.unit)
      );
    }),
  };
}

/** A segment's analysis with its customers' lifetimes, as its Kaplan-Meier curve counts them. */
function segmentOf(block: SegmentBlock, analysis: DataAnalysis, lifetimes: SurvivalRows) {
  return { label: block.label, analysis, lifetimes };
}

/** The comparison the pane draws, from a segmented analysis. */
export function segmentsView(
  segmented: SegmentedAnalysis,
  settings: AnalysisSettings,
  column: number,
  name: string,
  id: number,
  limit = MAX_SEGMENTS
): SegmentsView {
  const { blocks } = segmented;
  const grouped = groupedLifetimes(blocks.map((b) => b.lifetimes));
  const test = logRank(grouped, { kind: "log-rank" });
  const segments: SegmentSummary[] = blocks.map((b, j) => {
    const km = b.analysis.survival;
    const median = medianInterval(km);
    const fits = cohortSbgFits(cohortSurvivors(b.analysis), 0);
    const fit = fits.byHoldout[0];
    const nextAge = fits.actual.length;
    return {
      label: b.label,
      customers: test.customers[j],
      churned: test.observed[j],
      expected: test.expected[j],
      median: median.median,
      medianLower: median.lower,
      medianUpper: median.upper,
      survival: km,
      sbg:
        typeof fit === "string"
          ? { error: fit }
          : {
              alpha: fit.alpha,
              beta: fit.beta,
              nextAge,
              nextRetention: retention(fit.alpha, fit.beta, nextAge),
            },
      view: analysisView(id, b.analysis, fits),
    };
  });
  return {
    column,
    name,
    shape: settings.shape,
    unit: settings.unit,
    segments,
    count: segmented.count,
    limit,
    logRank: {
      chiSquare: test.chiSquare,
      degreesOfFreedom: test.degreesOfFreedom,
      pValue: test.pValue,
    },
    commonHorizon: commonHorizon(segments),
  };
}

/** The longest time every segment was observed to: the shortest of the segments' last times. */
export function commonHorizon(segments: readonly Pick<SegmentSummary, "survival">[]): number {
  let horizon = Infinity;
  for (const s of segments) {
    const t = s.survival.time;
    horizon = Math.min(horizon, t.length > 0 ? t[t.length - 1] : 0);
  }
  return Number.isFinite(horizon) && horizon > 0 ? horizon : 1;
}

/** The segments' lifetimes as one table with a group per row. */
function groupedLifetimes(parts: readonly SurvivalRows[]): GroupedSurvival {
  const count = parts.reduce((n, p) => n + p.count, 0);
  const rows: SurvivalRows = {
    duration: new Float64Array(count),
    churned: new Uint8Array(count),
    weight: new Float64Array(count),
    count,
  };
  const group = new Int32Array(count);
  let at = 0;
  parts.forEach((p, j) => {
    rows.duration.set(p.duration.subarray(0, p.count), at);
    rows.churned.set(p.churned.subarray(0, p.count), at);
    rows.weight.set(p.weight.subarray(0, p.count), at);
    group.fill(j, at, at + p.count);
    at += p.count;
  });
  return { rows, group, groupCount: parts.length };
}

/** Every array buffer of a comparison, to transfer instead of copy. */
function segmentTransfers(view: SegmentsView): Transferable[] {
  const out: Transferable[] = [];
  for (const s of view.segments) {
    out.push(...transfers(s.view));
    for (const v of Object.values(s.survival))
      if (ArrayBuffer.isView(v) && !out.includes(v.buffer as ArrayBuffer))
        out.push(v.buffer as ArrayBuffer);
  }
  return out;
}

/** The worker's "segments" and "segmentPlan" requests; `blocks` are Excel's rows it holds. */
export function createSegmentHandler(
  post: Post,
  read: ReadRows,
  blocks: () => readonly Block[]
): (request: SegmentRequest) => Promise<void> {
  let last: SegmentsView | null = null;
  return async function handle(request) {
    try {
      if (request.type === "segments") {
        last = null;
        const { source, settings, column, name } = request;
        const segmented = await segmentedAnalysis(source, blocks(), settings, column, read);
        const view = segmentsView(segmented, settings, column, name, request.id);
        last = view;
        // Copies for the pane: the kept view's arrays stay whole for the sheet.
        const copy = structuredCloneView(view);
        post({ type: "segments", id: request.id, view: copy }, segmentTransfers(copy));
        return;
      }
      if (!last) throw new Error("no segment comparison to write");
      const { segmentComparisonPlan } = await import(
        /* webpackChunkName: "segment-plan" */ "../../report/plans/segment-comparison-plan"
      );
      const { segmentComparisonLabelsFor } = await import(
        /* webpackChunkName: "segment-plan" */ "../../report/plans/segment-comparison-labels"
      );
      const plan = segmentComparisonPlan(last, {
        labels: segmentComparisonLabelsFor(request.language),
        horizon: request.horizon,
      });
      post({ type: "planned", id: request.id, plan });
    } catch (error) {
      post(failure(request.id, error));
    }
  };
}

/** A deep copy of a comparison's typed arrays (what is transferred leaves the worker empty). */
function structuredCloneView(view: SegmentsView): SegmentsView {
  return typeof structuredClone === "function"
    ? structuredClone(view)
    : (copyArrays(view) as SegmentsView);
}

function copyArrays(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return (value as Float64Array).slice();
  if (Array.isArray(value)) return value.map(copyArrays);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyArrays(v);
    return out;
  }
  return value;
}
