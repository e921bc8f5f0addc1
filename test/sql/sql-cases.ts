/**
 * The cases every warehouse SQL file is run on, with the model's answer for each: generated data
 * sets (test/support/synthetic-data.ts: several seeds and sizes, text and numeric ids) and
 * hand-made edge cases (refunds, same-day orders, blank amounts, ISO weeks across a new year,
 * open-ended subscriptions, ends before and after the as-of date). One list for both engines.
 */
import { PeriodUnit, PERIOD_UNITS } from "../../src/model/history/periods";
import { serialFromIsoText } from "../../src/model/reading/excel-dates";
import {
  bindSqlParameters,
  readSqlFile,
  SqlParameter,
  WAREHOUSE_SQL_FILES,
  WarehouseSqlFile,
} from "../../src/cli/warehouse-sql";
import { syntheticOrders, syntheticSubscriptions } from "../support/synthetic-data";
import * as model from "./model-reference";
import { OrderRows, Row, SqlEngine, SubscriptionRows } from "./sql-engines";

const day = (iso: string): number => serialFromIsoText(iso) as number;

export interface DataSet {
  name: string;
  orders: OrderRows;
  subscriptions: SubscriptionRows;
  /** End dates to run with besides none (the data's own last date). */
  endDays: number[];
  /** Period units to run (daily cohorts of a large set are a big triangle: kept to small sets). */
  units: readonly PeriodUnit[];
  /** Activity windows to run with monthly periods. */
  windows: number[];
}

function synthetic(
  seed: number,
  customers: number,
  months: number,
  numericIds: boolean,
  units: readonly PeriodUnit[],
  withEnd: boolean
): DataSet {
  const o = syntheticOrders({ customers, months, seed });
  const s = syntheticSubscriptions({ customers, months, seed: seed + 100 });
  const id = (text: string): string | number => (numericIds ? Number(text.slice(2)) : text);
  const first = 44927;
  return {
    name: `synthetic seed ${seed}, ${customers} customers, ${months} months${numericIds ? ", numeric ids" : ""}`,
    orders: { customer: o.customer.map(id), date: o.date, amount: o.amount },
    subscriptions: { customer: s.customer.map(id), start: s.start, end: s.end, mrr: s.mrr },
    endDays: withEnd ? [first + Math.floor(months * 30.4 * 0.6)] : [],
    units,
    windows: [1, 3],
  };
}

/** Hand-made rows for every rule the definitions spell out. */
const EDGE_ORDERS: Array<[string, string, number | null]> = [
  ["B", "2022-12-28", -15], // a refund alone: never active, yet the first row sets the first period
  ["A", "2023-01-01", 40], // Sunday: ISO week of 2022-12-26
  ["A", "2023-01-02", 10], // Monday: a new ISO week
  ["A", "2023-01-20", -30],
  ["A", "2023-03-03", 20],
  ["A", "2023-03-03", 5], // same day: one purchase
  ["A", "2023-04-10", -8], // refund-only period: not active, revenue negative
  ["C", "2023-01-15", null], // no amount: an order all the same
  ["C", "2023-02-15", null],
  ["C", "2023-05-01", 12.5],
  ["c", "2023-02-01", 7], // ids are case-sensitive
  ["D", "2023-02-10", 0], // an order of 0 is an order
  ["E", "2023-01-05", -20], // refund before the first purchase
  ["E", "2023-02-05", 60],
  ["E", "2023-02-06", 15.25],
  ["E", "2023-06-30", 1],
  ["F", "2023-03-01", 50],
  ["F", "2023-03-15", -80], // the month's revenue below 0: counts as 0 in movements
  ["F", "2023-04-01", 30],
  ["F", "2023-04-01", -10], // purchase and refund on one day
  ["G", "2024-02-29", 99], // leap day
  ["G", "2024-12-30", 5], // Monday of ISO week 2025-W01
  ["H", "2023-07-31", 10],
  ["H", "2023-08-31", 10],
  ["H", "2023-10-01", 10],
  ["A", "2024-12-31", 3],
];

const EDGE_SUBSCRIPTIONS: Array<[string, string, string | null, number | null]> = [
  ["A", "2023-01-31", "2023-03-01", 49], // ends on a 1st: covers February fully, active at its end
  ["A", "2023-03-01", null, 99], // renews at once: one run, never churned
  ["B", "2023-01-15", "2023-01-15", 29], // zero length: covers nothing
  ["B", "2023-02-10", "2023-02-20", 29], // within one month: never active at a month's end
  ["B", "2023-05-05", "2023-09-05", 29], // later: a reactivation for retention
  ["C", "2023-02-28", "2023-04-30", null], // no mrr: revenue 0
  ["C", "2023-04-15", "2023-06-15", 49], // overlaps the previous one
  ["D", "2023-03-31", "2024-03-30", 249], // DATEDIF: 11 months (30 < 31)
  ["E", "2023-06-01", "2023-12-31", 99],
  ["E", "2024-01-20", null, 99],
  ["F", "2023-12-31", "2025-06-15", 29], // ends after most as-of dates: censored there
  ["G", "2024-02-29", "2024-03-28", 29],
  ["H", "2024-06-01", "2024-06-30", 49], // the data's last date is an end
  ["I", "2024-07-01", null, 19], // starts after some as-of dates: left out there
];

function edgeCases(): DataSet {
  return {
    name: "edge cases",
    orders: {
      customer: EDGE_ORDERS.map((r) => r[0]),
      date: EDGE_ORDERS.map((r) => day(r[1])),
      amount: EDGE_ORDERS.map((r) => r[2]),
    },
    subscriptions: {
      customer: EDGE_SUBSCRIPTIONS.map((r) => r[0]),
      start: EDGE_SUBSCRIPTIONS.map((r) => day(r[1])),
      end: EDGE_SUBSCRIPTIONS.map((r) => (r[2] === null ? null : day(r[2]))),
      mrr: EDGE_SUBSCRIPTIONS.map((r) => r[3]),
    },
    endDays: [day("2023-03-03"), day("2024-01-31"), day("2024-06-15")],
    units: PERIOD_UNITS,
    windows: [1, 2, 3],
  };
}

export const DATA_SETS: DataSet[] = [
  edgeCases(),
  synthetic(1, 150, 14, false, PERIOD_UNITS, true),
  synthetic(2, 400, 26, true, ["week", "month", "year"], true),
  synthetic(7, 1500, 36, false, ["month", "quarter"], false),
];

export interface SqlCase {
  file: WarehouseSqlFile;
  label: string;
  params: Record<string, SqlParameter>;
  expected(data: DataSet): Row[];
  /** Columns compared with a tolerance (money); the rest must be equal. */
  money: string[];
  /** Rows are regrouped before comparing (floating keys). */
  regroup?: (rows: Row[]) => Row[];
}

const unit = (value: PeriodUnit): SqlParameter => ({ kind: "unit", value });
const date = (value: number | null): SqlParameter => ({ kind: "date", value });
const num = (value: number): SqlParameter => ({ kind: "number", value });

const MOVEMENT_MONEY = [
  "start_revenue",
  "new_revenue",
  "expansion",
  "contraction",
  "churn",
  "reactivation",
  "end_revenue",
  "nrr",
  "grr",
];

/** RFM rows keyed on their summary (monetary to 1e-6) with counts added: both sides alike. */
export function regroupRfm(rows: Row[]): Row[] {
  const groups = new Map<string, Row>();
  for (const r of rows) {
    const key = [r.frequency, r.recency, r.T, Math.round(Number(r.monetary_value) * 1e6)].join();
    const g = groups.get(key);
    const count = r.customers === undefined ? 1 : Number(r.customers);
    if (g) g.customers = Number(g.customers) + count;
    else groups.set(key, { ...r, customers: count });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

function groupDurations(list: Array<{ duration: number; churned: number }>): Row[] {
  const counts = new Map<string, number>();
  for (const d of list)
    counts.set(`${d.duration},${d.churned}`, (counts.get(`${d.duration},${d.churned}`) ?? 0) + 1);
  return [...counts.entries()]
    .map(([k, n]) => {
      const [duration, churned] = k.split(",").map(Number);
      return { duration, churned, subscriptions: n };
    })
    .sort((a, b) => a.duration - b.duration || a.churned - b.churned);
}

/** Every file × unit × end date (and windows, time units) for one data set. */
export function casesFor(data: DataSet): SqlCase[] {
  const cases: SqlCase[] = [];
  const ends = [null, ...data.endDays];
  for (const u of data.units)
    for (const end of ends) {
      const tag = `${u}, end ${end ?? "none"}`;
      for (const w of u === "month" ? data.windows : [1])
        cases.push({
          file: "period_retention",
          label: `${tag}, window ${w}`,
          params: { period_unit: unit(u), end_date: date(end), activity_window: num(w) },
          expected: (d) => model.modelPeriodRetention(d.orders, u, end, w),
          money: ["retention"],
        });
      cases.push({
        file: "subscription_retention",
        label: tag,
        params: { period_unit: unit(u), as_of: date(end) },
        expected: (d) => model.modelSubscriptionRetention(d.subscriptions, u, end),
        money: ["retention"],
      });
      for (const w of u === "month" ? data.windows : [1])
        cases.push({
          file: "cohorts",
          label: `${tag}, window ${w}`,
          params: { period_unit: unit(u), end_date: date(end), activity_window: num(w) },
          expected: (d) => model.modelCohorts(d.orders, u, end, w),
          money: ["revenue"],
        });
      cases.push({
        file: "subscription_cohorts",
        label: tag,
        params: { period_unit: unit(u), as_of: date(end) },
        expected: (d) => model.modelSubscriptionCohorts(d.subscriptions, u, end),
        money: ["revenue"],
      });
      cases.push({
        file: "revenue_movements",
        label: tag,
        params: { period_unit: unit(u), end_date: date(end) },
        expected: (d) => model.modelRevenueMovements(d.orders, u, end),
        money: MOVEMENT_MONEY,
      });
      cases.push({
        file: "subscription_revenue_movements",
        label: tag,
        params: { period_unit: unit(u), as_of: date(end) },
        expected: (d) => model.modelSubscriptionRevenueMovements(d.subscriptions, u, end),
        money: MOVEMENT_MONEY,
      });
      cases.push({
        file: "kaplan_meier_input",
        label: tag,
        params: { period_unit: unit(u), as_of: date(end) },
        expected: (d) => groupDurations(model.modelDurations(d.subscriptions, u, end)),
        money: [],
      });
    }
  for (const end of ends)
    for (const t of [1, 7])
      cases.push({
        file: "rfm_summary",
        label: `end ${end ?? "none"}, time unit ${t}`,
        params: { end_date: date(end), time_unit: num(t) },
        expected: (d) => regroupRfm(model.modelRfm(d.orders, end, t)),
        money: ["monetary_value"],
        regroup: regroupRfm,
      });
  return cases;
}

const close = (a: number, b: number): boolean =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The first difference between two results, or null: integers and dates exact, money to 1e-9. */
export function firstDifference(got: Row[], want: Row[], money: string[]): string | null {
  if (got.length !== want.length) return `${got.length} rows, the model has ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const names = Object.keys(want[i]);
    if (Object.keys(got[i]).join() !== names.join())
      return `columns ${Object.keys(got[i]).join()}, the model's ${names.join()}`;
    for (const name of names) {
      const g = got[i][name];
      const w = want[i][name];
      const same =
        g === w ||
        (money.includes(name) && typeof g === "number" && typeof w === "number" && close(g, w));
      if (!same)
        return `row ${i + 1} ${name}: ${String(g)}, the model ${String(w)} (${JSON.stringify(got[i])} vs ${JSON.stringify(want[i])})`;
    }
  }
  return null;
}

/** Runs one file's cases of a data set (already loaded) on one engine; returns the differences. */
export async function runCases(
  engine: SqlEngine,
  data: DataSet,
  file: WarehouseSqlFile
): Promise<{ ran: number; differences: string[]; rows: number }> {
  const differences: string[] = [];
  let ran = 0;
  let rows = 0;
  for (const c of casesFor(data)) {
    if (c.file !== file) continue;
    const sql = bindSqlParameters(readSqlFile(c.file), c.params);
    const raw = await engine.query(sql);
    const got = c.regroup ? c.regroup(raw) : raw;
    const want = c.expected(data);
    const diff = firstDifference(got, want, c.money);
    if (diff) differences.push(`${c.file} (${c.label}): ${diff}`);
    ran++;
    rows += want.length;
  }
  return { ran, differences, rows };
}

/**
 * The whole suite on one engine: for each data set and SQL file, every case's result equals the
 * model's (and each file has cases that return rows, so a file returning nothing cannot pass).
 */
export function describeEngine(name: string, start: () => Promise<SqlEngine>): void {
  describe(`warehouse SQL on ${name} equals the model`, () => {
    let engine: SqlEngine;
    // Installing PostgreSQL on a fresh machine (scripts/postgres.js) takes minutes.
    beforeAll(async () => {
      engine = await start();
    }, 900_000);
    afterAll(async () => {
      await engine?.close();
    });
    for (const data of DATA_SETS)
      describe(data.name, () => {
        beforeAll(async () => {
          await engine.loadOrders(data.orders);
          await engine.loadSubscriptions(data.subscriptions);
        }, 120_000);
        test.each(WAREHOUSE_SQL_FILES.map((f) => [f]))(
          "%s.sql",
          async (file) => {
            const r = await runCases(engine, data, file);
            expect(r.differences).toEqual([]);
            expect(r.ran).toBeGreaterThan(0);
            expect(r.rows).toBeGreaterThan(0);
          },
          600_000
        );
      });
  });
}
