/**
 * Rows dated after the as-of date (issue 22, item 3), decided in the one reading seam (the row
 * feeder the command line and the pane's worker both feed through): refused at the first, named
 * by row, the user's column and the date; or, when the user said so, left out and counted, the
 * figures then being those of the table without them. The cells' rule: `end_date` is the user's
 * cut-off (documented), and an end after 2200 is a subscription still running, in every
 * subscription function.
 */
import fc from "fast-check";
import { PERIOD_RETENTION } from "../../../src/functions/data-functions";
import { SUBSCRIPTION_DURATIONS } from "../../../src/functions/survival-functions";
import { CellError } from "../../../src/model/errors";
import { OrdersAnalysis, SubscriptionsAnalysis } from "../../../src/model/history/analysis";
import {
  feedOrders,
  feedSubscriptions,
  FeedLayout,
  FutureDateError,
  futureRule,
  todaySerial,
} from "../../../src/model/reading/row-feeding";

/** Plain calendar arithmetic: the serial of 2024-01-01 plus `offset` days (1900 date system). */
const SERIAL_2024 = 45292;
const isoDay = (offset: number) =>
  new Date(Date.UTC(2024, 0, 1) + offset * 864e5).toISOString().slice(0, 10);

/** Columns: a note first, so the user's column differs from the model's argument order. */
const ORDERS: FeedLayout = {
  hasHeader: true,
  columns: { customer: 1, date: 2, amount: 3, start: -1, end: -1, revenue: -1 },
  dateFormat: null,
};
const SUBSCRIPTIONS: FeedLayout = {
  hasHeader: true,
  columns: { customer: 0, date: -1, amount: -1, start: 1, end: 2, revenue: 3 },
  dateFormat: null,
};

const order = fc.record({
  customer: fc.integer({ min: 0, max: 9 }),
  day: fc.integer({ min: 0, max: 1500 }),
  amount: fc.integer({ min: 1, max: 100 }),
});

function orderRows(orders: { customer: number; day: number; amount: number }[]): string[][] {
  return [
    ["note", "customer", "order_date", "amount"],
    ...orders.map((o) => ["x", `C${o.customer}`, isoDay(o.day), String(o.amount)]),
  ];
}

const analysisOf = () => new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });

describe("orders dated after the as-of date", () => {
  it("are refused at the first, naming its row, the user's column and the date", () => {
    fc.assert(
      fc.property(
        fc.array(order, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 1500 }),
        (orders, asOfOffset) => {
          const asOf = SERIAL_2024 + asOfOffset;
          const rows = orderRows(orders);
          const firstFuture = orders.findIndex((o) => o.day > asOfOffset);
          let thrown: unknown = null;
          try {
            feedOrders(ORDERS, analysisOf(), { future: futureRule(asOf, "today", false) })(rows, 1);
          } catch (error) {
            thrown = error;
          }
          if (firstFuture < 0) expect(thrown).toBeNull();
          else {
            expect(thrown).toBeInstanceOf(FutureDateError);
            const e = thrown as CellError;
            expect([e.argument, e.row, e.column]).toEqual(["order_dates", firstFuture + 2, 2]);
            expect(e.problem).toBe(
              `${isoDay(orders[firstFuture].day)} is after today (${isoDay(asOfOffset)})`
            );
          }
        }
      )
    );
  });

  it("are left out when the user said so: counted, the first named, and the figures those of the table without them", () => {
    fc.assert(
      fc.property(
        fc.array(order, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 1500 }),
        (orders, asOfOffset) => {
          fc.pre(orders.some((o) => o.day <= asOfOffset));
          const rule = futureRule(SERIAL_2024 + asOfOffset, "today", true);
          const left = analysisOf();
          feedOrders(ORDERS, left, { future: rule })(orderRows(orders), 1);
          const kept = analysisOf();
          feedOrders(ORDERS, kept)(orderRows(orders.filter((o) => o.day <= asOfOffset)), 1);
          // Brute force: the future orders counted by a plain loop.
          let count = 0;
          let first = -1;
          for (let i = 0; i < orders.length; i++)
            if (orders[i].day > asOfOffset) {
              count++;
              if (first < 0) first = i;
            }
          expect(rule.left).toEqual({
            count,
            firstRow: first < 0 ? 0 : first + 2,
            firstDay: first < 0 ? 0 : SERIAL_2024 + orders[first].day,
          });
          const a = left.finish();
          const b = kept.finish();
          expect([a.rows, a.range, a.lastDay, a.retention]).toEqual([
            b.rows,
            b.range,
            b.lastDay,
            b.retention,
          ]);
        }
      )
    );
  });

  it("an order on the as-of date is not after it, whatever its time of day", () => {
    const rows = [
      ["note", "customer", "order_date", "amount"],
      ["x", "C1", "2024-01-01T23:59:00", "1"],
    ];
    const rule = futureRule(SERIAL_2024, "today", false);
    expect(() => feedOrders(ORDERS, analysisOf(), { future: rule })(rows, 1)).not.toThrow();
    expect(() =>
      feedOrders(ORDERS, analysisOf(), { future: rule })(
        [rows[0], ["x", "C1", (SERIAL_2024 + 1.2) as unknown as string, "1"]],
        1
      )
    ).toThrow("2024-01-02 is after today (2024-01-01)");
  });
});

describe("sheet rows", () => {
  it("a date serial, plain or as an Excel data type, after the as-of date is a future row", () => {
    const rule = futureRule(SERIAL_2024, "today", true);
    const rows: unknown[][] = [
      ["note", "customer", "order_date", "amount"],
      ["x", "C1", SERIAL_2024, 1],
      ["x", "C2", SERIAL_2024 + 3, 1],
      ["x", "C3", { type: "FormattedNumber", basicValue: SERIAL_2024 + 9 }, 1],
    ];
    const analysis = analysisOf();
    feedOrders(ORDERS, analysis)(rows.slice(0, 2), 1);
    const left = analysisOf();
    feedOrders(ORDERS, left, { future: rule })(rows, 1);
    expect(rule.left).toEqual({ count: 2, firstRow: 3, firstDay: SERIAL_2024 + 3 });
    expect(left.finish().retention).toEqual(analysis.finish().retention);
  });
});

describe("subscriptions starting after the as-of date", () => {
  const rows = [
    ["customer", "start", "end", "mrr"],
    ["A", "2024-01-05", "", "10"],
    ["B", "2204-03-05", "", "10"],
    ["C", "2024-02-05", "9999-12-31", "10"],
  ];
  const asOf = SERIAL_2024 + 500;
  const analysis = () => new SubscriptionsAnalysis({ unit: "month", hasRevenue: true });

  it("are refused naming the start column, or left out and counted", () => {
    expect(() =>
      feedSubscriptions(SUBSCRIPTIONS, analysis(), { future: futureRule(asOf, "today", false) })(
        rows,
        1
      )
    ).toThrow(expect.objectContaining({ argument: "start_dates", row: 3, column: 1 }));
    const rule = futureRule(asOf, "today", true);
    const left = analysis();
    feedSubscriptions(SUBSCRIPTIONS, left, { future: rule })(rows, 1);
    expect(rule.left).toEqual({
      count: 1,
      firstRow: 3,
      firstDay: SERIAL_2024 + (Date.UTC(2204, 2, 5) - Date.UTC(2024, 0, 1)) / 864e5,
    });
    const without = analysis();
    feedSubscriptions(SUBSCRIPTIONS, without)([rows[0], rows[1], rows[3]], 1);
    expect(left.finish().retention).toEqual(without.finish().retention);
  });

  it("an end in 9999 is no future row: the subscription still runs", () => {
    const rule = futureRule(asOf, "today", false);
    const open = analysis();
    feedSubscriptions(SUBSCRIPTIONS, open, { future: rule })([rows[0], rows[1 + 2]], 1);
    const blank = analysis();
    feedSubscriptions(SUBSCRIPTIONS, blank)([rows[0], ["C", "2024-02-05", "", "10"]], 1);
    expect(open.finish().retention).toEqual(blank.finish().retention);
  });
});

describe("today", () => {
  it("is the date of the local calendar, near midnight too", () => {
    expect(todaySerial(new Date(2024, 0, 1, 0, 0))).toBe(SERIAL_2024);
    expect(todaySerial(new Date(2024, 0, 1, 23, 59))).toBe(SERIAL_2024);
    expect(todaySerial(new Date(2025, 5, 15, 12))).toBe(SERIAL_2024 + 531);
  });
});

describe("the cells' rules", () => {
  it("end_date is the user's cut-off: later orders are left out, as documented", () => {
    fc.assert(
      fc.property(
        fc.array(order, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 1500 }),
        (orders, endOffset) => {
          fc.pre(orders.some((o) => o.day <= endOffset));
          const column = (f: (o: (typeof orders)[number]) => unknown, os = orders) =>
            os.map((o) => [f(o)]);
          const kept = orders.filter((o) => o.day <= endOffset);
          const end = SERIAL_2024 + endOffset;
          const all = PERIOD_RETENTION(
            column((o) => `C${o.customer}`),
            column((o) => isoDay(o.day)),
            column((o) => o.amount),
            2,
            1,
            end
          );
          const without = PERIOD_RETENTION(
            column((o) => `C${o.customer}`, kept),
            column((o) => isoDay(o.day), kept),
            column((o) => o.amount, kept),
            2,
            1,
            end
          );
          expect(all).toEqual(without);
        }
      ),
      { numRuns: 50 }
    );
  });

  it("SUBSCRIPTION_DURATIONS reads an end after 2200 as still running (not a churn in 9999)", () => {
    const starts = [["2024-01-05"], ["2024-02-10"], ["2024-03-01"]];
    for (const far of ["9999-12-31", "2201-01-01"]) {
      const open = SUBSCRIPTION_DURATIONS(starts, [[null], [far], ["2024-04-15"]]);
      const blank = SUBSCRIPTION_DURATIONS(starts, [[null], [null], ["2024-04-15"]]);
      expect(open).toEqual(blank);
      // Brute force: months completed from each start to the latest date (2024-04-15).
      expect(open).toEqual([
        [3, 0],
        [2, 0],
        [1, 1],
      ]);
    }
  });
});
