/**
 * The data functions' `segments` argument: with it, the result is one block per segment, each
 * equal to the function without `segments` on that segment's rows alone, as FILTER would pass
 * them. The split is written here again apart from src/model/history/segments.ts, with plain
 * loops over the rows: a customer's segment is the one on their first row (earliest date, ties by
 * row order), segments come in order of first appearance, text matches ignoring case.
 */
import fc from "fast-check";
import {
  COHORTS,
  PERIOD_RETENTION,
  REVENUE_MOVEMENTS,
  SUBSCRIPTION_COHORTS,
  SUBSCRIPTION_RETENTION,
  SUBSCRIPTION_REVENUE_MOVEMENTS,
} from "../../src/functions/data-functions";
import { KAPLAN_MEIER } from "../../src/functions/survival-functions";
import { CustomFunctionsError } from "../support/custom-functions-global";

jest.setTimeout(180_000);

/** Excel passes an omitted optional range as null. */
const OMITTED = null as unknown as undefined;
const BASE = 45292; // 2024-01-01
const NA = () => new CustomFunctions.Error("#N/A" as CustomFunctions.ErrorCode);

const iso = (serial: number) =>
  new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
const col = (cells: unknown[]) => cells.map((c) => [c]);

/** Errors as plain data, so results compare cell by cell with their messages. */
function plain(result: unknown): unknown {
  if (result instanceof CustomFunctionsError)
    return { error: result.code, message: result.message };
  if (Array.isArray(result)) return result.map(plain);
  return result;
}

// ------------------------------------------------------------------ the split, by brute force
type Segment = string | number | boolean | null;

const segmentKey = (s: Segment): string =>
  s === null || s === ""
    ? "text:"
    : typeof s === "string"
      ? `text:${s.toLowerCase()}`
      : `${typeof s}:${String(s)}`;
const segmentLabel = (s: Segment): string | number =>
  s === null ? "" : typeof s === "boolean" ? (s ? "TRUE" : "FALSE") : s;

interface Row {
  customer: string;
  day: number;
  segment: Segment;
  counted: boolean;
}

/**
 * The blocks: for each segment owning a customer, in order of first appearance among the counted
 * rows, its label and the rows (indices) FILTER would keep: every row of its customers.
 */
function bruteBlocks(rows: Row[]): Array<{ label: string | number; rows: number[] }> {
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!r.counted) return;
    const f = first.get(r.customer);
    if (f === undefined || r.day < rows[f].day) first.set(r.customer, i);
  });
  const order: string[] = [];
  const labels = new Map<string, string | number>();
  for (const r of rows)
    if (r.counted && !labels.has(segmentKey(r.segment))) {
      labels.set(segmentKey(r.segment), segmentLabel(r.segment));
      order.push(segmentKey(r.segment));
    }
  const owner = (customer: string) => {
    const f = first.get(customer);
    return f === undefined ? null : segmentKey(rows[f].segment);
  };
  const blocks: Array<{ label: string | number; rows: number[] }> = [];
  for (const key of order) {
    const mine: number[] = [];
    rows.forEach((r, i) => {
      if (owner(r.customer) === key) mine.push(i);
    });
    if (mine.some((i) => rows[i].counted)) blocks.push({ label: labels.get(key)!, rows: mine });
  }
  return blocks;
}

/**
 * The segmented result assembled from the unsegmented function's result on each block: labels
 * in front, one header row (the widest block's) on top, blanks to the widest row. A block with
 * nothing to report ("no purchases") has no rows; any other error of a block is the result.
 */
function assemble(
  blocks: Array<{ label: string | number; result: unknown[][] }>,
  withHeaders: boolean
): unknown[][] {
  let header: unknown[] = [];
  const out: unknown[][] = [];
  for (const { label, result } of blocks) {
    if (result.length === 1 && result[0].length === 1 && result[0][0] instanceof Error) {
      const e = result[0][0] as CustomFunctionsError;
      if (e.code === "#N/A" && e.message === "no purchases") continue;
      return result;
    }
    if (withHeaders && result[0].length > header.length) header = result[0];
    for (const row of withHeaders ? result.slice(1) : result) out.push([label, ...row]);
  }
  if (withHeaders) out.unshift(["segment", ...header]);
  if (out.length === 0) return [[new CustomFunctionsError("#N/A", "no purchases")]];
  let width = 0;
  for (const row of out) width = Math.max(width, row.length);
  for (const row of out) while (row.length < width) row.push("");
  return out;
}

const pick = (column: unknown[][] | undefined, rows: number[]) =>
  column === undefined ? OMITTED : rows.map((i) => column[i]);

const readsHeaders = (flag: unknown) => !(flag === 0 || flag === false);

// ------------------------------------------------------------------ generators
const customerArb = fc.constantFrom("A", "B", "C", "D", "E", "F", 7, "7");
const segmentArb = fc.constantFrom<Segment>(
  "Paid",
  "paid",
  "Referral",
  "Organic",
  null,
  "",
  3,
  "3",
  true
);
const headersArb = fc.constantFrom<unknown>(null, 0, 1, true, false);
const intervalArb = fc.constantFrom<unknown>(null, 1, 2, 3);

const orderRowArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      customer: customerArb,
      day: fc.integer({ min: 0, max: 420 }),
      asText: fc.boolean(),
      amount: fc.oneof(fc.integer({ min: -40, max: 200 }), fc.constant(null)),
      segment: segmentArb,
    }),
  },
  { weight: 1, arbitrary: fc.constant(null) } // an empty row, its segment cell an error
);

const ordersArb = fc.record({
  rows: fc.array(orderRowArb, { minLength: 1, maxLength: 30 }),
  titles: fc.boolean(),
  withAmounts: fc.boolean(),
  end: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 420 })),
  headers: headersArb,
  interval: intervalArb,
});

type Orders = typeof ordersArb extends fc.Arbitrary<infer T> ? T : never;

/** The table as Excel passes it, and the rows as the brute force reads them. */
function orderColumns(t: Orders) {
  const ids: unknown[] = [];
  const dates: unknown[] = [];
  const amounts: unknown[] = [];
  const segments: unknown[] = [];
  const rows: Row[] = [];
  if (t.titles) {
    ids.push("customer_id");
    dates.push("order_date");
    amounts.push("amount");
    segments.push("channel");
    rows.push({ customer: "", day: 0, segment: null, counted: false });
  }
  for (const r of t.rows) {
    if (r === null) {
      ids.push(null);
      dates.push(null);
      amounts.push(null);
      segments.push(NA());
      rows.push({ customer: "", day: 0, segment: null, counted: false });
      continue;
    }
    const serial = BASE + r.day;
    ids.push(r.customer);
    dates.push(r.asText ? iso(serial) : serial);
    amounts.push(r.amount);
    segments.push(r.segment);
    rows.push({
      customer: String(r.customer), // 7 and "7" are one customer
      day: r.day,
      segment: r.segment,
      counted: t.end === null || r.day <= t.end,
    });
  }
  return {
    ids: col(ids),
    dates: col(dates),
    amounts: t.withAmounts ? col(amounts) : undefined,
    /** For REVENUE_MOVEMENTS, whose amounts are not optional. */
    allAmounts: col(amounts),
    segments: col(segments),
    rows,
  };
}

/** Every orders function, as (customers, dates, amounts, options, segments) → result. */
const ORDER_FUNCTIONS: Record<
  string,
  (
    ids: unknown[][],
    dates: unknown[][],
    amounts: unknown[][] | undefined,
    t: Orders,
    measure: unknown,
    segments?: unknown[][]
  ) => unknown[][]
> = {
  PERIOD_RETENTION: (ids, dates, amounts, t, window, segments) =>
    PERIOD_RETENTION(ids, dates, amounts, t.interval, window, endOf(t), t.headers, segments),
  COHORTS: (ids, dates, amounts, t, measure, segments) =>
    COHORTS(ids, dates, amounts, measure, t.interval, endOf(t), t.headers, segments),
  REVENUE_MOVEMENTS: (ids, dates, amounts, t, _, segments) =>
    REVENUE_MOVEMENTS(ids, dates, amounts!, t.interval, endOf(t), t.headers, segments),
};
const endOf = (t: Orders) => (t.end === null ? null : iso(BASE + t.end));

describe("orders: each block is the function on that segment's rows alone", () => {
  test.each(Object.keys(ORDER_FUNCTIONS))("%s", (name) => {
    const fn = ORDER_FUNCTIONS[name];
    fc.assert(
      fc.property(ordersArb, fc.constantFrom<unknown>(null, 1, 2, 4), (t, option) => {
        const measure = name === "COHORTS" && !t.withAmounts && Number(option) === 2 ? 4 : option;
        const { ids, dates, amounts, allAmounts, segments, rows } = orderColumns(t);
        const blocks = bruteBlocks(rows);
        if (blocks.length === 0) return; // nothing counted: the unsegmented call says so too
        const amountsOf = (pickRows: number[]) =>
          pick(name === "REVENUE_MOVEMENTS" ? allAmounts : amounts, pickRows);
        const expected = assemble(
          blocks.map((b) => ({
            label: b.label,
            result: fn(pick(ids, b.rows)!, pick(dates, b.rows)!, amountsOf(b.rows), t, measure),
          })),
          readsHeaders(t.headers)
        );
        const all = rows.map((_, i) => i);
        const actual = fn(ids, dates, amountsOf(all), t, measure, segments);
        expect(plain(actual)).toEqual(plain(expected));
      }),
      { numRuns: 150 }
    );
  });
});

// ------------------------------------------------------------------ subscriptions
const subscriptionRowArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      customer: customerArb,
      start: fc.integer({ min: 0, max: 400 }),
      length: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 300 })),
      mrr: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constant(null)),
      segment: segmentArb,
    }),
  },
  { weight: 1, arbitrary: fc.constant(null) }
);

const subscriptionsArb = fc.record({
  rows: fc.array(subscriptionRowArb, { minLength: 1, maxLength: 25 }),
  titles: fc.boolean(),
  withMrr: fc.boolean(),
  asOf: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 500 })),
  headers: headersArb,
  interval: intervalArb,
  measure: fc.constantFrom<unknown>(null, 0, 1, 2, 3, 4),
});

type Subs = typeof subscriptionsArb extends fc.Arbitrary<infer T> ? T : never;

function subscriptionColumns(t: Subs) {
  const cols: unknown[][] = [[], [], [], [], []];
  const rows: Row[] = [];
  const push = (...cells: unknown[]) => cells.forEach((c, k) => cols[k].push(c));
  if (t.titles) {
    push("customer_id", "start_date", "end_date", "mrr", "plan");
    rows.push({ customer: "", day: 0, segment: null, counted: false });
  }
  for (const r of t.rows) {
    if (r === null) {
      push(null, null, null, null, NA());
      rows.push({ customer: "", day: 0, segment: null, counted: false });
      continue;
    }
    push(
      r.customer,
      iso(BASE + r.start),
      r.length === null ? null : BASE + r.start + r.length,
      r.mrr,
      r.segment
    );
    rows.push({
      customer: String(r.customer),
      day: r.start,
      segment: r.segment,
      counted: t.asOf === null || r.start <= t.asOf,
    });
  }
  const [ids, starts, ends, mrr, segments] = cols.map(col);
  return { ids, starts, ends, mrr: t.withMrr ? mrr : undefined, allMrr: mrr, segments, rows };
}

const SUBSCRIPTION_FUNCTIONS: Record<
  string,
  (
    ids: unknown[][],
    starts: unknown[][],
    ends: unknown[][],
    mrr: unknown[][] | undefined,
    t: Subs,
    segments?: unknown[][]
  ) => unknown[][]
> = {
  SUBSCRIPTION_RETENTION: (ids, starts, ends, _, t, segments) =>
    SUBSCRIPTION_RETENTION(ids, starts, ends, t.interval, asOfOf(t), t.headers, segments),
  SUBSCRIPTION_COHORTS: (ids, starts, ends, mrr, t, segments) =>
    SUBSCRIPTION_COHORTS(
      ids,
      starts,
      ends,
      mrr,
      mrr === undefined && [2, 3].includes(t.measure as number) ? 1 : t.measure,
      t.interval,
      asOfOf(t),
      t.headers,
      segments
    ),
  SUBSCRIPTION_REVENUE_MOVEMENTS: (ids, starts, ends, mrr, t, segments) =>
    SUBSCRIPTION_REVENUE_MOVEMENTS(
      ids,
      starts,
      ends,
      mrr!,
      t.interval,
      asOfOf(t),
      t.headers,
      segments
    ),
};
const asOfOf = (t: Subs) => (t.asOf === null ? null : BASE + t.asOf);

describe("subscriptions: each block is the function on that segment's subscriptions alone", () => {
  test.each(Object.keys(SUBSCRIPTION_FUNCTIONS))("%s", (name) => {
    const fn = SUBSCRIPTION_FUNCTIONS[name];
    fc.assert(
      fc.property(subscriptionsArb, (t) => {
        const { ids, starts, ends, mrr, allMrr, segments, rows } = subscriptionColumns(t);
        const blocks = bruteBlocks(rows);
        if (blocks.length === 0) return;
        const mrrOf = (pickRows: number[]) =>
          pick(name === "SUBSCRIPTION_REVENUE_MOVEMENTS" ? allMrr : mrr, pickRows);
        const expected = assemble(
          blocks.map((b) => ({
            label: b.label,
            result: fn(
              pick(ids, b.rows)!,
              pick(starts, b.rows)!,
              pick(ends, b.rows)!,
              mrrOf(b.rows),
              t
            ),
          })),
          readsHeaders(t.headers)
        );
        const all = rows.map((_, i) => i);
        expect(plain(fn(ids, starts, ends, mrrOf(all), t, segments))).toEqual(plain(expected));
      }),
      { numRuns: 150 }
    );
  });
});

// ------------------------------------------------------------------ Kaplan-Meier
const survivalRowArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      duration: fc.integer({ min: 0, max: 12 }),
      churned: fc.constantFrom<unknown>(0, 1, true, false),
      weight: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 4 })),
      segment: segmentArb,
    }),
  },
  { weight: 1, arbitrary: fc.constant(null) }
);

const survivalArb = fc.record({
  rows: fc.array(survivalRowArb, { minLength: 1, maxLength: 30 }),
  titles: fc.boolean(),
  withWeights: fc.boolean(),
  confidence: fc.constantFrom<unknown>(null, 0.9),
  headers: headersArb,
});

describe("KAPLAN_MEIER: one curve per segment, each the curve of that segment's customers", () => {
  test("every block equals KAPLAN_MEIER on the segment's rows alone", () => {
    fc.assert(
      fc.property(survivalArb, (t) => {
        const d: unknown[] = [];
        const c: unknown[] = [];
        const w: unknown[] = [];
        const s: unknown[] = [];
        const rows: Row[] = [];
        if (t.titles) {
          d.push("duration");
          c.push("churned");
          w.push("weight");
          s.push("plan");
          rows.push({ customer: "", day: 0, segment: null, counted: false });
        }
        t.rows.forEach((r, i) => {
          if (r === null) {
            d.push(null);
            c.push(null);
            w.push(null);
            s.push(NA());
            rows.push({ customer: "", day: 0, segment: null, counted: false });
            return;
          }
          const weight = t.withWeights ? r.weight : null;
          d.push(r.duration);
          c.push(r.churned);
          w.push(weight);
          s.push(r.segment);
          // Weight 0 stands for nobody; a row of 0s is settled below, once the tail is known.
          rows.push({ customer: `row${i}`, day: 0, segment: r.segment, counted: weight !== 0 });
        });
        // Rows of 0s after the last row with anything else (the segment included) are desktop
        // Excel's empty tail; before it they are customers active after 0 periods. Excel passes
        // an empty cell as 0, never as FALSE: a FALSE was typed, so it is content.
        const zeroish = (x: unknown) => x === null || x === 0 || x === "";
        let last = -1;
        for (let i = 0; i < d.length; i++)
          if (![d[i], c[i], w[i], s[i]].every(zeroish) && !(t.titles && i === 0)) last = i;
        for (let i = 0; i < rows.length; i++)
          if ([d[i], c[i], w[i]].every(zeroish) && i > last) rows[i].counted = false;
        // Every row is a customer of its own. The segment's counted rows, as FILTER would give
        // them, then a row of weight 0 (nobody) with a duration, so that the segment's own rows
        // of 0s are not read as an empty tail: in the whole table they sit above other rows.
        const blocks = bruteBlocks(rows).map((b) => {
          const key = segmentKey(rows[b.rows[0]].segment);
          const mine = rows.map((_, i) => i);
          return {
            label: b.label,
            rows: mine.filter((i) => rows[i].counted && segmentKey(rows[i].segment) === key),
          };
        });
        if (blocks.length === 0) return;
        const weights = t.withWeights ? col(w) : undefined;
        const ending = (column: unknown[][] | undefined, last: unknown) => [
          ...(column ?? []),
          [last],
        ];
        const km = (
          dd: unknown[][],
          cc: unknown[][],
          ww: unknown[][] | undefined,
          ss?: unknown[][]
        ) => KAPLAN_MEIER(dd, cc, ww, t.confidence, t.headers, ss);
        const expected = assemble(
          blocks.map((b) => ({
            label: b.label,
            result: km(
              ending(pick(col(d), b.rows), 1),
              ending(pick(col(c), b.rows), 0),
              ending(pick(weights, b.rows) ?? b.rows.map(() => [null]), 0)
            ),
          })),
          readsHeaders(t.headers)
        );
        expect(plain(km(col(d), col(c), weights, col(s)))).toEqual(plain(expected));
      }),
      { numRuns: 200 }
    );
  });
});

// ------------------------------------------------------------------ worked cases and errors
describe("the first order decides, headers, and errors", () => {
  // B starts on Referral and later orders on Paid: all of B's orders stay with Referral.
  const ids = col(["A", "B", "A", "B", "C", "B"]);
  const dates = col([
    "2024-01-05",
    "2024-01-20",
    "2024-02-03",
    "2024-02-10",
    "2024-02-11",
    "2024-03-01",
  ]);
  const plans = col(["Paid", "Referral", "paid", "Paid", "Paid", "Paid"]);

  test("a customer whose segment changes stays in the segment of their first order", () => {
    const result = PERIOD_RETENTION(ids, dates, OMITTED, null, null, null, 1, plans) as unknown[][];
    expect(result[0]).toEqual([
      "segment",
      "period start",
      "start (S)",
      "new (N)",
      "end (E)",
      "kept",
      "reactivated",
      "churned",
      "retention",
    ]);
    // Paid: A (January, February), C (February). Referral: B in January, February and March.
    expect(result.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ["Paid", 45292, 0, 1, 1],
      ["Paid", 45323, 1, 1, 2],
      ["Referral", 45292, 0, 1, 1],
      ["Referral", 45323, 1, 0, 1],
      ["Referral", 45352, 1, 0, 1],
    ]);
  });

  test("ties on the first date go to the row that comes first; headers 0 leaves the header out", () => {
    const tied = COHORTS(
      col(["X", "X", "Y"]),
      col(["2024-01-05", "2024-01-05", "2024-01-06"]),
      OMITTED,
      0,
      null,
      null,
      0,
      col(["north", "south", "south"])
    ) as unknown[][];
    expect(tied).toEqual([
      ["north", 45292, 1, 1],
      ["south", 45292, 1, 1],
    ]);
  });

  test("cohort blocks of different widths are padded with blanks under the widest header", () => {
    const result = COHORTS(ids, dates, OMITTED, 0, null, null, 1, plans) as unknown[][];
    const widths = new Set(result.map((r) => r.length));
    expect(widths.size).toBe(1);
    expect(result[0]).toEqual(["segment", "cohort", "size", 0, 1, 2]);
    // Paid's data ends in February: its January cohort has no period 2.
    expect(result[1]).toEqual(["Paid", 45292, 1, 1, 1, ""]);
  });

  test("a segments column of another length is #VALUE! naming segments", () => {
    const result = PERIOD_RETENTION(ids, dates, OMITTED, null, null, null, 1, plans.slice(1));
    expect(plain(result)).toEqual([
      [
        {
          error: "#VALUE!",
          message: expect.stringMatching(/^segments must have one cell per row/),
        },
      ],
    ]);
    expect(plain(KAPLAN_MEIER(col([1, 2]), col([1, 0]), OMITTED, null, null, col(["a"])))).toEqual([
      [{ error: "#VALUE!", message: expect.stringMatching(/^segments .*1×1 beside 2 rows/) }],
    ]);
    expect(
      plain(
        SUBSCRIPTION_RETENTION(ids, dates, dates, null, null, null, [
          ["a", "b"],
          ["c", "d"],
        ])
      )
    ).toEqual([
      [{ error: "#VALUE!", message: expect.stringMatching(/^segments must be a single column/) }],
    ]);
  });

  test("an error value in a counted row's segment names the row; an empty segment is its own block", () => {
    const bad = [...plans];
    bad[3] = [NA()];
    expect(plain(PERIOD_RETENTION(ids, dates, OMITTED, null, null, null, 0, bad))).toEqual([
      [{ error: "#VALUE!", message: "segments row 4: #N/A is not a segment" }],
    ]);
    const blanks = col([null, "x", null, "x", "", "x"]);
    const result = PERIOD_RETENTION(
      ids,
      dates,
      OMITTED,
      null,
      null,
      null,
      0,
      blanks
    ) as unknown[][];
    expect([...new Set(result.map((r) => r[0]))]).toEqual(["", "x"]);
  });

  test("a long result (150,000 distinct times) stacks without running out of stack", () => {
    const n = 150_000;
    const durations = Array.from({ length: n }, (_, i) => [i + 0.5]);
    const flags = durations.map((_, i) => [i % 2]);
    const halves = durations.map((_, i) => [i < n / 2 ? "first" : "second"]);
    const result = KAPLAN_MEIER(durations, flags, OMITTED, null, 0, halves) as unknown[][];
    expect(result.length).toBe(n);
    expect(result[n - 1].slice(0, 3)).toEqual(["second", n - 0.5, 1]);
  });

  test("without segments (omitted or an empty argument) the result is unchanged", () => {
    const plainResult = PERIOD_RETENTION(ids, dates);
    expect(PERIOD_RETENTION(ids, dates, OMITTED, null, null, null, null, OMITTED)).toEqual(
      plainResult
    );
    expect(KAPLAN_MEIER(col([1, 2]), col([1, 0]), OMITTED, null, null, undefined)).toEqual(
      KAPLAN_MEIER(col([1, 2]), col([1, 0]))
    );
  });
});
