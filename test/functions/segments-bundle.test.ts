/**
 * The `segments` argument in the built dist/functions.js, called by id as Excel calls it, and the
 * FILTER idiom of docs/functions-data.md: each function called on pre-filtered columns, as FILTER
 * passes them, equals the matching block of the segmented call. Needs `npx webpack` first.
 */
import fs from "fs";
import path from "path";
import { loadFunctionsBundle } from "../support/load-bundle";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { seededRandom } from "../support/seeded-random";

const { registered, inRealm } = loadFunctionsBundle();
const call = (id: string, ...args: unknown[]) => {
  const fn = registered.get(id);
  if (!fn) throw new Error(`${id} is not registered by dist/functions.js`);
  return fn(...args.map((a) => (a === null || a === undefined ? null : inRealm(a)))) as unknown[][];
};

/** Errors as plain data (the bundle's errors are built in its own realm). */
const plain = (table: unknown[][]) =>
  table.map((row) =>
    row.map((c) =>
      c instanceof CustomFunctionsError || (c as { code?: unknown })?.code !== undefined
        ? { error: (c as CustomFunctionsError).code, message: (c as CustomFunctionsError).message }
        : c
    )
  );

const readCsv = (name: string) =>
  fs
    .readFileSync(path.resolve(__dirname, `../../samples/${name}`), "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split(","));

const CHANNELS = ["Referral", "Paid search", "Organic"];
/** A channel per customer, the same on all of their rows. */
const channelOf = (id: string) => CHANNELS[Number(id.replace(/\D/g, "")) % 3];

/** The rows of a segmented result whose first cell is `label`, without that cell. */
const blockOf = (segmented: unknown[][], label: string) =>
  segmented
    .slice(1)
    .filter((r) => r[0] === label)
    .map((r) => r.slice(1));

/**
 * A block against the function's own result on the filtered rows (its header row set aside):
 * equal cell by cell, the block's extra cells (padding to the widest block) empty.
 */
function expectBlockEquals(block: unknown[][], alone: unknown[][]) {
  const body = alone.slice(1);
  expect(block.length).toBe(body.length);
  expect(plain(block.map((r, i) => r.slice(0, body[i].length)))).toEqual(plain(body));
  for (let i = 0; i < block.length; i++)
    expect(block[i].slice(body[i].length).every((c) => c === "")).toBe(true);
}

// ------------------------------------------------------------------ the sample orders
const orders = readCsv("orders.csv").slice(1); // FILTER(A2:A2357, …) leaves the titles out
const ids = orders.map((r) => [r[0]]);
const dates = orders.map((r) => [r[1]]);
const amounts = orders.map((r) => [Number(r[2])]);
const channels = orders.map((r) => [channelOf(r[0])]);

const ORDER_CALLS: Record<
  string,
  (c: unknown[][], d: unknown[][], a: unknown[][], s?: unknown[][]) => unknown[][]
> = {
  PERIOD_RETENTION: (c, d, a, s) => call("PERIOD_RETENTION", c, d, a, null, null, null, null, s),
  COHORTS: (c, d, a, s) => call("COHORTS", c, d, a, 4, null, null, null, s),
  REVENUE_MOVEMENTS: (c, d, a, s) => call("REVENUE_MOVEMENTS", c, d, a, 3, null, null, s),
};

/** FILTER(column, test) as Excel passes it: the rows whose test holds, as a column. */
const filter = (column: unknown[][], keep: boolean[]) => column.filter((_, i) => keep[i]);

describe("the FILTER idiom on the sample orders equals the segment's block", () => {
  test.each(Object.keys(ORDER_CALLS))("%s, one channel per customer", (name) => {
    const fn = ORDER_CALLS[name];
    const segmented = fn(ids, dates, amounts, channels);
    expect(segmented[0][0]).toBe("segment");
    // Blocks come in the order the channels first appear down the column.
    const order = [...new Set(channels.map((r) => r[0]))];
    expect([...new Set(segmented.slice(1).map((r) => r[0]))]).toEqual(order);
    for (const label of CHANNELS) {
      const keep = channels.map((r) => r[0] === label);
      const alone = fn(filter(ids, keep), filter(dates, keep), filter(amounts, keep));
      expectBlockEquals(blockOf(segmented, label), alone);
    }
  });

  test.each(Object.keys(ORDER_CALLS))(
    "%s, channels that change between orders: FILTER on XLOOKUP's first channel",
    (name) => {
      const fn = ORDER_CALLS[name];
      const random = seededRandom(19);
      const switching = orders.map(() => [CHANNELS[Math.floor(random() * 3)]]);
      const segmented = fn(ids, dates, amounts, switching);
      // XLOOKUP(A2:A2357, A2:A2357, D2:D2357): each row's customer's first row (the orders
      // are sorted by date, so the first row is the first order).
      const firstRow = new Map<string, number>();
      orders.forEach((r, i) => {
        if (!firstRow.has(r[0])) firstRow.set(r[0], i);
      });
      const first = orders.map((r) => switching[firstRow.get(r[0])!][0]);
      for (const label of CHANNELS) {
        const keep = first.map((c) => c === label);
        const alone = fn(filter(ids, keep), filter(dates, keep), filter(amounts, keep));
        expectBlockEquals(blockOf(segmented, label), alone);
        // FILTER on the row's own channel splits the switchers' orders: another table.
        const byRow = switching.map((r) => r[0] === label);
        const split = fn(filter(ids, byRow), filter(dates, byRow), filter(amounts, byRow));
        expect(plain(split)).not.toEqual(plain(alone));
      }
    }
  );

  test("whole columns with a title row and an empty tail give the same blocks", () => {
    const tail = (c: unknown[][], title: string) => [[title], ...c, [null], [null]];
    expect(
      plain(
        call(
          "PERIOD_RETENTION",
          tail(ids, "customer_id"),
          tail(dates, "order_date"),
          tail(amounts, "amount"),
          null,
          null,
          null,
          null,
          tail(channels, "channel")
        )
      )
    ).toEqual(plain(ORDER_CALLS.PERIOD_RETENTION(ids, dates, amounts, channels)));
  });

  test("a segments column of another length is #VALUE! naming segments", () => {
    const result = ORDER_CALLS.PERIOD_RETENTION(ids, dates, amounts, channels.slice(1));
    expect(plain(result)).toEqual([
      [
        {
          error: "#VALUE!",
          message: `segments must have one cell per row of the data: ${orders.length - 1}×1 beside ${orders.length} rows`,
        },
      ],
    ]);
  });
});

// ------------------------------------------------------------------ the sample subscriptions
describe("the FILTER idiom on the sample subscriptions", () => {
  const subs = readCsv("subscriptions.csv").slice(1);
  const column = (k: number) =>
    subs.map((r) => [r[k] === "" ? null : k === 3 ? Number(r[k]) : r[k]]);
  const [sIds, starts, ends, mrr] = [0, 1, 2, 3].map(column);
  const plans = subs.map((r) => [channelOf(r[0])]);
  const asOf = "2025-06-30";
  const SUB_CALLS: Record<string, (cols: unknown[][][], s?: unknown[][]) => unknown[][]> = {
    SUBSCRIPTION_RETENTION: ([c, s0, e], s) =>
      call("SUBSCRIPTION_RETENTION", c, s0, e, null, asOf, null, s),
    SUBSCRIPTION_COHORTS: ([c, s0, e, m], s) =>
      call("SUBSCRIPTION_COHORTS", c, s0, e, m, 1, null, asOf, null, s),
    SUBSCRIPTION_REVENUE_MOVEMENTS: ([c, s0, e, m], s) =>
      call("SUBSCRIPTION_REVENUE_MOVEMENTS", c, s0, e, m, null, asOf, null, s),
  };

  test.each(Object.keys(SUB_CALLS))("%s", (name) => {
    const fn = SUB_CALLS[name];
    const segmented = fn([sIds, starts, ends, mrr], plans);
    for (const label of CHANNELS) {
      const keep = plans.map((r) => r[0] === label);
      const alone = fn([sIds, starts, ends, mrr].map((c) => filter(c, keep)));
      expectBlockEquals(blockOf(segmented, label), alone);
    }
  });

  test("KAPLAN_MEIER of the subscriptions' durations, per plan", () => {
    const durations = call("SUBSCRIPTION_DURATIONS", starts, ends, asOf);
    const d = durations.map((r) => [r[0]]);
    const c = durations.map((r) => [r[1]]);
    const segmented = call("KAPLAN_MEIER", d, c, null, null, null, plans);
    for (const label of CHANNELS) {
      const keep = plans.map((r) => r[0] === label);
      const alone = call("KAPLAN_MEIER", filter(d, keep), filter(c, keep));
      expectBlockEquals(blockOf(segmented, label), alone);
    }
  });
});

// ------------------------------------------------------------------ the page's example
test("docs/functions-data.md's segmented KAPLAN_MEIER example, as printed", () => {
  const page = fs.readFileSync(path.resolve(__dirname, "../../docs/functions-data.md"), "utf8");
  const at = page.indexOf("## Segments: one block per plan, channel or country");
  const text = page.slice(at);
  const formula = /`=RETAIN\.KAPLAN_MEIER\(([^`]+)\)`/.exec(text)![1];
  const arrays = [...formula.matchAll(/\{([^}]*)\}/g)].map((m) =>
    m[1].split(";").map((v) => [v.startsWith('"') ? v.slice(1, -1) : Number(v)])
  );
  expect(arrays.length).toBe(3);
  const result = call("KAPLAN_MEIER", arrays[0], arrays[1], null, null, null, arrays[2]);
  const lines = text
    .slice(text.indexOf("| segment | time |"))
    .split("\n")
    .filter((l, i, all) => l.startsWith("|") && all.slice(0, i).every((p) => p.startsWith("|")));
  const printed = lines.map((l) =>
    l
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim())
  );
  expect(result[0]).toEqual(printed[0]);
  const body = printed.slice(2);
  expect(result.length - 1).toBe(body.length);
  body.forEach((row, i) => {
    expect(result[i + 1][0]).toBe(row[0]);
    row.slice(1).forEach((cell, k) => {
      const decimals = (cell.split(".")[1] ?? "").length;
      expect((result[i + 1][k + 1] as number).toFixed(decimals)).toBe(cell);
    });
  });
});
