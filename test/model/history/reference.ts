/**
 * Brute-force reference implementations of the data definitions (docs/definitions.md §7–§10), written
 * apart from src/model/history: plain loops over rows, JavaScript's own Date for the calendar,
 * no typed arrays, no run-length tricks. The model must agree with these on random data.
 */

export interface OrderRow {
  customer: string | number;
  /** Excel serial (whole days). */
  day: number;
  /** null: no amount column value. */
  amount: number | null;
}

export interface SubscriptionRow {
  customer: string | number;
  start: number;
  end: number | null;
  mrr: number;
}

export type Unit = "day" | "week" | "month" | "quarter" | "year";

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function dateOf(serial: number): Date {
  return new Date(EXCEL_EPOCH + serial * MS_PER_DAY);
}

function serialOf(date: Date): number {
  return Math.round((date.getTime() - EXCEL_EPOCH) / MS_PER_DAY);
}

/** The period's first day (as a serial), which identifies the period. */
export function periodKey(serial: number, unit: Unit): number {
  const d = dateOf(serial);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (unit) {
    case "day":
      return serial;
    case "week": {
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      return serial - sinceMonday;
    }
    case "month":
      return serialOf(new Date(Date.UTC(y, m, 1)));
    case "quarter":
      return serialOf(new Date(Date.UTC(y, m - (m % 3), 1)));
    case "year":
      return serialOf(new Date(Date.UTC(y, 0, 1)));
  }
}

/** The next period's first day. */
export function nextPeriodKey(key: number, unit: Unit): number {
  const d = dateOf(key);
  switch (unit) {
    case "day":
      return key + 1;
    case "week":
      return key + 7;
    case "month":
      return serialOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
    case "quarter":
      return serialOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 1)));
    case "year":
      return serialOf(new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1)));
  }
}

/** Every period key from the one containing `fromDay` to the one containing `toDay`. */
export function periodKeys(fromDay: number, toDay: number, unit: Unit): number[] {
  const keys: number[] = [];
  for (let k = periodKey(fromDay, unit); k <= periodKey(toDay, unit); k = nextPeriodKey(k, unit))
    keys.push(k);
  return keys;
}

const isPurchase = (r: OrderRow) => r.amount === null || r.amount >= 0;

export interface ReferencePeriodRow {
  start: number;
  S: number;
  N: number;
  E: number;
  kept: number;
  reactivated: number;
  churned: number;
}

function customersOf<T extends { customer: string | number }>(rows: T[]): Array<string | number> {
  const seen: Array<string | number> = [];
  for (const r of rows) if (!seen.includes(r.customer)) seen.push(r.customer);
  return seen;
}

function retentionRows(
  keys: number[],
  customers: Array<string | number>,
  activeAt: (c: string | number, k: number) => boolean,
  isFirstPeriod: (c: string | number, k: number) => boolean
): ReferencePeriodRow[] {
  return keys.map((k, i) => {
    const row = { start: k, S: 0, N: 0, E: 0, kept: 0, reactivated: 0, churned: 0 };
    for (const c of customers) {
      const before = i > 0 && activeAt(c, keys[i - 1]);
      const now = activeAt(c, k);
      if (before) row.S++;
      if (now) row.E++;
      if (before && now) row.kept++;
      if (before && !now) row.churned++;
      if (now && !before) {
        if (isFirstPeriod(c, k)) row.N++;
        else row.reactivated++;
      }
    }
    return row;
  });
}

/** Orders after `end` are dropped; the range runs from the first row's period to the end's. */
export function referenceOrderRetention(
  all: OrderRow[],
  unit: Unit,
  window: number,
  end: number | null
): ReferencePeriodRow[] {
  const rows = all.filter((r) => end === null || r.day <= end);
  const first = Math.min(...rows.map((r) => r.day));
  const last = end ?? Math.max(...rows.map((r) => r.day));
  const keys = periodKeys(first, last, unit);
  const index = new Map(keys.map((k, i) => [k, i]));
  const activeAt = (c: string | number, k: number) => {
    const i = index.get(k)!;
    return rows.some((r) => {
      if (r.customer !== c || !isPurchase(r)) return false;
      const j = index.get(periodKey(r.day, unit))!;
      return j <= i && j > i - window;
    });
  };
  const firstPeriod = (c: string | number) =>
    Math.min(
      ...rows.filter((r) => r.customer === c && isPurchase(r)).map((r) => periodKey(r.day, unit))
    );
  return retentionRows(keys, customersOf(rows), activeAt, (c, k) => firstPeriod(c) === k);
}

export function referenceSubscriptionRetention(
  all: SubscriptionRow[],
  unit: Unit,
  asOf: number | null
): ReferencePeriodRow[] {
  // Ends after the as-of date are not known on it: those subscriptions still run.
  const rows = all
    .filter((r) => asOf === null || r.start <= asOf)
    .map((r) => (asOf !== null && r.end !== null && r.end > asOf ? { ...r, end: null } : r));
  const first = Math.min(...rows.map((r) => r.start));
  const last = asOf ?? Math.max(...rows.map((r) => (r.end === null ? r.start : r.end)));
  const keys = periodKeys(first, last, unit);
  const activeAt = (c: string | number, k: number) => {
    const lastDay = nextPeriodKey(k, unit) - 1;
    return rows.some(
      (r) => r.customer === c && r.start <= lastDay && (r.end === null || r.end > lastDay)
    );
  };
  const firstStart = (c: string | number) =>
    periodKey(Math.min(...rows.filter((r) => r.customer === c).map((r) => r.start)), unit);
  return retentionRows(keys, customersOf(rows), activeAt, (c, k) => firstStart(c) === k);
}

export interface ReferenceCohorts {
  cohorts: number[];
  sizes: number[];
  /** [cohort][age]: null where unobserved. */
  customers: Array<Array<number | null>>;
  revenue: Array<Array<number | null>>;
  /** [cohort][age]: members active in that period or any later one. */
  survivors: Array<Array<number | null>>;
}

function cohortsFrom(
  keys: number[],
  customers: Array<string | number>,
  activeIn: (c: string | number, k: number) => boolean,
  revenueIn: (c: string | number, k: number) => number
): ReferenceCohorts {
  const cohortOf = new Map<string | number, number>();
  for (const c of customers) {
    const i = keys.findIndex((k) => activeIn(c, k));
    if (i >= 0) cohortOf.set(c, i);
  }
  const cohortIndexes = [...new Set(cohortOf.values())].sort((a, b) => a - b);
  const ages = cohortIndexes.length === 0 ? 0 : keys.length - cohortIndexes[0];
  const out: ReferenceCohorts = {
    cohorts: [],
    sizes: [],
    customers: [],
    revenue: [],
    survivors: [],
  };
  for (const ci of cohortIndexes) {
    const members = customers.filter((c) => cohortOf.get(c) === ci);
    out.cohorts.push(keys[ci]);
    out.sizes.push(members.length);
    const counts: Array<number | null> = [];
    const money: Array<number | null> = [];
    const surviving: Array<number | null> = [];
    for (let age = 0; age < ages; age++) {
      const i = ci + age;
      if (i >= keys.length) {
        counts.push(null);
        money.push(null);
        surviving.push(null);
        continue;
      }
      counts.push(members.filter((c) => activeIn(c, keys[i])).length);
      money.push(members.reduce<number>((sum, c) => sum + revenueIn(c, keys[i]), 0));
      surviving.push(members.filter((c) => keys.slice(i).some((k) => activeIn(c, k))).length);
    }
    out.customers.push(counts);
    out.revenue.push(money);
    out.survivors.push(surviving);
  }
  return out;
}

export function referenceOrderCohorts(
  all: OrderRow[],
  unit: Unit,
  end: number | null
): ReferenceCohorts {
  const rows = all.filter((r) => end === null || r.day <= end);
  const keys = periodKeys(
    Math.min(...rows.map((r) => r.day)),
    end ?? Math.max(...rows.map((r) => r.day)),
    unit
  );
  const inPeriod = (r: OrderRow, k: number) => periodKey(r.day, unit) === k;
  return cohortsFrom(
    keys,
    customersOf(rows),
    (c, k) => rows.some((r) => r.customer === c && isPurchase(r) && inPeriod(r, k)),
    (c, k) =>
      rows.reduce((s, r) => (r.customer === c && inPeriod(r, k) ? s + (r.amount ?? 0) : s), 0)
  );
}

/** A subscription covers day d when start ≤ d < end. */
function covers(r: SubscriptionRow, k: number, unit: Unit): boolean {
  const firstDay = k;
  const lastDay = nextPeriodKey(k, unit) - 1;
  return (
    r.start <= lastDay &&
    (r.end === null || r.end > firstDay) &&
    (r.end === null || r.end > r.start)
  );
}

function subscriptionKeys(rows: SubscriptionRow[], unit: Unit, asOf: number | null): number[] {
  const first = Math.min(...rows.map((r) => r.start));
  const last = asOf ?? Math.max(...rows.map((r) => (r.end === null ? r.start : r.end)));
  return periodKeys(first, last, unit);
}

export function referenceSubscriptionCohorts(
  all: SubscriptionRow[],
  unit: Unit,
  asOf: number | null
): ReferenceCohorts {
  // Ends after the as-of date are not known on it: those subscriptions still run.
  const rows = all
    .filter((r) => asOf === null || r.start <= asOf)
    .map((r) => (asOf !== null && r.end !== null && r.end > asOf ? { ...r, end: null } : r));
  const keys = subscriptionKeys(rows, unit, asOf);
  return cohortsFrom(
    keys,
    customersOf(rows),
    (c, k) => rows.some((r) => r.customer === c && covers(r, k, unit)),
    (c, k) => rows.reduce((s, r) => (r.customer === c && covers(r, k, unit) ? s + r.mrr : s), 0)
  );
}

export interface ReferenceMovement {
  start: number;
  startRevenue: number;
  won: number;
  expansion: number;
  contraction: number;
  churn: number;
  reactivation: number;
  endRevenue: number;
}

function movementsFrom(
  keys: number[],
  customers: Array<string | number>,
  revenueIn: (c: string | number, k: number) => number
): ReferenceMovement[] {
  const rev = (c: string | number, i: number) => (i < 0 ? 0 : Math.max(0, revenueIn(c, keys[i])));
  return keys.map((k, i) => {
    const m = {
      start: k,
      startRevenue: 0,
      won: 0,
      expansion: 0,
      contraction: 0,
      churn: 0,
      reactivation: 0,
      endRevenue: 0,
    };
    for (const c of customers) {
      const u = rev(c, i - 1);
      const v = rev(c, i);
      m.startRevenue += u;
      m.endRevenue += v;
      let had = false;
      for (let j = 0; j < i; j++) if (rev(c, j) > 0) had = true;
      if (u === 0 && v > 0) {
        if (had) m.reactivation += v;
        else m.won += v;
      } else if (u > 0 && v > u) m.expansion += v - u;
      else if (u > 0 && v === 0) m.churn += u;
      else if (u > 0 && v < u) m.contraction += u - v;
    }
    return m;
  });
}

export function referenceOrderMovements(
  all: OrderRow[],
  unit: Unit,
  end: number | null
): ReferenceMovement[] {
  const rows = all.filter((r) => end === null || r.day <= end);
  const keys = periodKeys(
    Math.min(...rows.map((r) => r.day)),
    end ?? Math.max(...rows.map((r) => r.day)),
    unit
  );
  return movementsFrom(keys, customersOf(rows), (c, k) =>
    rows.reduce(
      (s, r) => (r.customer === c && periodKey(r.day, unit) === k ? s + (r.amount ?? 0) : s),
      0
    )
  );
}

export function referenceSubscriptionMovements(
  all: SubscriptionRow[],
  unit: Unit,
  asOf: number | null
): ReferenceMovement[] {
  // Ends after the as-of date are not known on it: those subscriptions still run.
  const rows = all
    .filter((r) => asOf === null || r.start <= asOf)
    .map((r) => (asOf !== null && r.end !== null && r.end > asOf ? { ...r, end: null } : r));
  const keys = subscriptionKeys(rows, unit, asOf);
  return movementsFrom(keys, customersOf(rows), (c, k) =>
    rows.reduce((s, r) => (r.customer === c && covers(r, k, unit) ? s + r.mrr : s), 0)
  );
}

export interface ReferenceRfm {
  customer: string | number;
  frequency: number;
  recency: number;
  T: number;
  monetary: number;
}

export function referenceRfm(
  all: OrderRow[],
  end: number | null,
  unitDays: number
): ReferenceRfm[] {
  const rows = all.filter((r) => end === null || r.day <= end);
  const endDay = end ?? Math.max(...rows.map((r) => r.day));
  const out: ReferenceRfm[] = [];
  for (const c of customersOf(rows)) {
    const days = new Map<number, number>();
    for (const r of rows)
      if (r.customer === c && isPurchase(r))
        days.set(r.day, (days.get(r.day) ?? 0) + (r.amount ?? 0));
    if (days.size === 0) continue;
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const x = sorted.length - 1;
    const repeat = sorted.slice(1).reduce((s, d) => s + days.get(d)!, 0);
    out.push({
      customer: c,
      frequency: x,
      recency: (sorted[x] - sorted[0]) / unitDays,
      T: (endDay - sorted[0]) / unitDays,
      monetary: x > 0 ? repeat / x : 0,
    });
  }
  return out;
}

export interface SurvivalRow {
  duration: number;
  churned: boolean;
  weight: number;
}

export interface ReferenceKm {
  time: number;
  atRisk: number;
  churned: number;
  censored: number;
  S: number;
  lower: number;
  upper: number;
}

/** z is passed in (the tests use published quantiles), so no quantile code is shared. */
export function referenceKaplanMeier(rows: SurvivalRow[], z: number): ReferenceKm[] {
  const times = [...new Set(rows.map((r) => r.duration))].sort((a, b) => a - b);
  let S = 1;
  let sum = 0;
  return times.map((t) => {
    let n = 0;
    let d = 0;
    let c = 0;
    for (const r of rows) {
      if (r.duration >= t) n += r.weight;
      if (r.duration === t && r.churned) d += r.weight;
      if (r.duration === t && !r.churned) c += r.weight;
    }
    if (d > 0) {
      S = S * (1 - d / n);
      sum += n > d ? d / (n * (n - d)) : Infinity;
    }
    let lower = S;
    let upper = S;
    if (S > 0 && S < 1) {
      const v = sum / Math.log(S) ** 2;
      lower = Math.exp(-Math.exp(Math.log(-Math.log(S)) + z * Math.sqrt(v)));
      upper = Math.exp(-Math.exp(Math.log(-Math.log(S)) - z * Math.sqrt(v)));
    }
    return { time: t, atRisk: n, churned: d, censored: c, S, lower, upper };
  });
}
