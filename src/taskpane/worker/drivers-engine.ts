/**
 * "What goes with leaving" (issue 19 §4): the source read again with the table's other columns
 * kept as each customer's attributes (their first order's values, or their first
 * subscription's), and the Cox model (Efron ties, docs/definitions.md §13) fitted on the same
 * customer lifetimes the survival view counts. The model codes the columns (text → indicators
 * against the most frequent category) and fits; this file only gathers the rows and words a
 * failure as a reason the pane can translate.
 */
import { DomainError } from "../../model/errors";
import {
  orderLifetimes,
  OrdersAnalysis,
  subscriptionLifetimes,
} from "../../model/history/analysis";
import type { SurvivalRows } from "../../model/history/kaplan-meier";
import { subscriptionsByCustomer } from "../../model/history/subscription-order";
import { Z95 } from "../../model/numerics/fit-statistics";
import { GrowableFloat64, GrowableInt32 } from "../../model/reading/growable";
import { plainNumberText } from "../../model/reading/number-text";
import { OrderRowReader } from "../../model/reading/order-rows";
import { futureRule, todaySerial } from "../../model/reading/row-feeding";
import { SubscriptionRowReader } from "../../model/reading/subscription-rows";
import { codeCovariates, CoxDesign, MAX_INDICATORS } from "../../model/survival/cox-design";
import { fitCox } from "../../model/survival/cox-fit";
import { coxSummary } from "../../model/survival/cox-summary";
import type { Block, Post, ReadRows } from "./engine-io";
import { failure, orderSink, subscriptionSink } from "./row-sinks";
import type {
  AnalysisSettings,
  DriverColumn,
  DriversProblem,
  DriversRequest,
  DriversView,
  DriverTerm,
  TableSource,
} from "./protocol";

/** Each customer's lifetime and attributes, in the order the survival view counts them. */
export interface CustomerAttributes {
  lifetimes: SurvivalRows;
  /** The value of other column j (the request's order) for customer i: cells[i * width + j]. */
  cells: unknown[];
  width: number;
  /** The line (or sheet row) each customer's values were read from. */
  rows: Int32Array;
}

/**
 * One read of `source`, keeping `columns` of each customer's first order (earliest date, then
 * first row) or first subscription (earliest start), beside their lifetimes.
 */
export async function customerAttributes(
  source: TableSource,
  blocks: readonly Block[],
  settings: AnalysisSettings,
  columns: readonly number[],
  read: ReadRows,
  today: number = todaySerial(new Date())
): Promise<CustomerAttributes> {
  const width = columns.length;
  const options = { textLines: source.kind !== "blocks", future: futureRule(today, "today", true) };
  let current: readonly unknown[] = [];
  let line = 0;
  const byRow = (feed: (rows: unknown[][], first: number) => void) =>
    read(
      source,
      blocks,
      (rows, firstRow) => {
        // One row at a time, so the kept row's other cells are known when the reader takes it.
        for (let i = 0; i < rows.length; i++) {
          current = rows[i] as unknown[];
          feed([rows[i] as unknown[]], firstRow + i);
        }
      },
      () => undefined
    );
  const take = (into: unknown[], at: number) => {
    for (let j = 0; j < width; j++) into[at * width + j] = current[columns[j]];
  };

  if (settings.shape === "orders") {
    const customer = new GrowableInt32();
    const day = new GrowableInt32();
    const amount = new GrowableFloat64();
    const first: unknown[] = [];
    const firstDay: number[] = [];
    const firstRow: number[] = [];
    const reader = new OrderRowReader((c, d, a) => {
      customer.push(c);
      day.push(d);
      amount.push(a);
      if (c >= firstDay.length || d < firstDay[c]) {
        firstDay[c] = d;
        firstRow[c] = line;
        take(first, c);
      }
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
    // The model's analysis of the kept orders, as the survival view has it.
    const analysis = new OrdersAnalysis({
      unit: settings.unit,
      window: settings.window,
      hasRevenue: settings.columns.amount >= 0,
      endDay: reader.lastDay,
    });
    const c = customer.toArray();
    const d = day.toArray();
    const a = amount.toArray();
    const labels = reader.ids.labels;
    for (let k = 0; k < c.length; k++)
      analysis.add(k + 1, labels[c[k]], d[k], a[k] === a[k] ? a[k] : null);
    const done = analysis.finish();
    const lifetimes = orderLifetimes(done.cells, done.range, done.window);
    // orderLifetimes leaves out a customer with no active period by the end: the same test here.
    const { cells, range } = done;
    const kept: number[] = [];
    for (let k = 0; k < cells.customerCount; k++)
      for (let i = cells.offsets[k]; i < cells.offsets[k + 1]; i++)
        if (cells.active[i] && cells.period[i] <= range.last) {
          kept.push(k);
          break;
        }
    if (kept.length !== lifetimes.count) throw new Error("customers and lifetimes do not match");
    return gather(lifetimes, kept, first, firstRow, width);
  }

  const reader = new SubscriptionRowReader();
  const all: unknown[] = [];
  const rowOf = new GrowableInt32();
  const feed = subscriptionSink(
    settings,
    {
      add(row, id, start, end, revenue) {
        const before = reader.count;
        reader.add(row, id, start, end, revenue);
        if (reader.count > before) {
          take(all, before);
          rowOf.push(row);
        }
      },
    },
    options
  );
  await byRow(feed);
  const subs = reader.finish();
  if (subs.count === 0) throw new DomainError("na", "no subscriptions");
  const lists = subscriptionsByCustomer(subs);
  const lifetimes = subscriptionLifetimes(subs, subs.lastDay, settings.unit);
  const rows = rowOf.toArray();
  // Each customer's first subscription stands for them.
  const firsts = lists.map((list) => list[0]);
  return gather(
    lifetimes,
    firsts,
    all,
    Array.from(firsts, (s) => rows[s]),
    width,
    true
  );
}

function gather(
  lifetimes: SurvivalRows,
  order: readonly number[],
  from: readonly unknown[],
  rowsOf: readonly number[],
  width: number,
  rowsByPosition = false
): CustomerAttributes {
  const n = order.length;
  const cells: unknown[] = new Array(n * width);
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = order[i];
    for (let j = 0; j < width; j++) cells[i * width + j] = from[k * width + j];
    rows[i] = rowsByPosition ? rowsOf[i] : rowsOf[k];
  }
  return { lifetimes, cells, width, rows };
}

/** How a value counts among a column's different values: as the model names its category. */
function valueKey(cell: unknown): string {
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return "";
}

const isEmpty = (cell: unknown) =>
  cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");

const isText = (cell: unknown) =>
  typeof cell === "string" && cell.trim() !== "" && plainNumberText(cell.trim()) === null;

/** The Cox model on the customers' attributes: the view the pane draws. */
export function driversView(
  data: CustomerAttributes,
  settings: AnalysisSettings,
  columns: readonly { index: number; name: string }[],
  use: readonly number[] | null
): DriversView {
  const { lifetimes, cells, width } = data;
  const n = lifetimes.count;
  const values = columns.map((_, j) => {
    const seen = new Set<string>();
    let text = false;
    for (let i = 0; i < n; i++) {
      const cell = cells[i * width + j];
      seen.add(valueKey(cell));
      if (!text && isText(cell)) text = true;
    }
    return seen;
  });
  const described: DriverColumn[] = columns.map((c, j) => {
    const distinct = values[j].size;
    let text = false;
    for (let i = 0; i < n && !text; i++) text = isText(cells[i * width + j]);
    const idLike = (text && distinct > MAX_INDICATORS) || (n > 1 && distinct === n);
    return {
      index: c.index,
      name: c.name,
      distinct,
      idLike,
      // A column with one value cannot tell anyone apart: left out by default too.
      used: use === null ? !idLike && distinct > 1 : use.includes(c.index),
    };
  });
  let churned = 0;
  for (let i = 0; i < n; i++) churned += lifetimes.churned[i];
  const view: DriversView = {
    shape: settings.shape,
    unit: settings.unit,
    columns: described,
    customers: n,
    churned,
    terms: [],
    likelihoodRatioP: null,
    concordance: null,
    problem: null,
  };
  const used = described.map((c, j) => (c.used ? j : -1)).filter((j) => j >= 0);
  if (used.length === 0) return view;
  for (const j of used)
    for (let i = 0; i < n; i++)
      if (isEmpty(cells[i * width + j])) {
        view.problem = { reason: "empty", term: columns[j].name, row: data.rows[i], message: "" };
        return view;
      }
  const titles = used.map((j) => columns[j].name);
  let design: CoxDesign | null = null;
  try {
    design = codeCovariates({
      n,
      columns: used.length,
      cell: (i, k) => cells[i * width + used[k]],
      rowNumbers: data.rows,
      titles,
    });
    const time = lifetimes.duration.subarray(0, n);
    const flags = lifetimes.churned.subarray(0, n);
    const fit = fitCox({ time, churned: flags, x: design.x, p: design.p, labels: design.labels });
    const summary = coxSummary(fit, time, flags);
    const d = design;
    const terms: DriverTerm[] = summary.coefficients.map((b, t) => {
      const j = used[d.source[t]];
      const title = columns[j].name;
      const indicator = d.names[t] !== title && d.names[t].startsWith(`${title} = `);
      const category = indicator ? d.names[t].slice(title.length + 3) : null;
      const se = summary.standardErrors[t];
      return {
        column: title,
        category,
        baseline: indicator ? baselineOf(values[j], d, t, title) : null,
        coefficient: b,
        standardError: se,
        hazardRatio: summary.hazardRatios[t],
        lower: Math.exp(b - Z95 * se),
        upper: Math.exp(b + Z95 * se),
        p: summary.waldP[t],
      };
    });
    terms.sort((x, y) => x.hazardRatio - y.hazardRatio);
    view.terms = terms;
    view.likelihoodRatioP = summary.likelihoodRatioP;
    view.concordance = summary.concordance;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    view.problem = problemOf(error.message, design, titles);
  }
  return view;
}

/** The text column's category that has no indicator: its baseline. */
function baselineOf(values: Set<string>, design: CoxDesign, t: number, title: string): string {
  const coded = new Set<string>();
  for (let u = 0; u < design.p; u++)
    if (design.source[u] === design.source[t]) coded.add(design.names[u].slice(title.length + 3));
  for (const v of values) if (!coded.has(v)) return v;
  return "";
}

/** The model's failure as a reason the pane can word, naming the term (quoted in its message). */
function problemOf(message: string, design: CoxDesign | null, titles: string[]): DriversProblem {
  const reason: DriversProblem["reason"] = message.startsWith("no customer churned")
    ? "noChurn"
    : message.includes("complete separation")
      ? "separation"
      : message.includes("collinear")
        ? "collinear"
        : message.includes("is constant") || message.includes("does not vary")
          ? "constant"
          : message.includes("at most")
            ? "tooManyCategories"
            : "other";
  // The longest name quoted in the message (a term "plan = annual" before its column "plan").
  const names = [...(design?.names ?? []), ...titles].sort((a, b) => b.length - a.length);
  const term = names.find((name) => name !== "" && message.includes(`"${name}`)) ?? null;
  return { reason, term, row: null, message };
}

/** The worker's "drivers" request; `blocks` are Excel's rows it holds. */
export function createDriversHandler(
  post: Post,
  read: ReadRows,
  blocks: () => readonly Block[]
): (request: DriversRequest) => Promise<void> {
  return async function handle(request) {
    try {
      const { source, settings, columns, use } = request;
      const data = await customerAttributes(
        source,
        blocks(),
        settings,
        columns.map((c) => c.index),
        read
      );
      post({ type: "drivers", id: request.id, view: driversView(data, settings, columns, use) });
    } catch (error) {
      post(failure(request.id, error));
    }
  };
}
