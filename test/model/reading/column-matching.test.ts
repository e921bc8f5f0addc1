/** Column matching from headers in English and Chinese, and from contents without headers. */
import fc from "fast-check";
import {
  headerScore,
  matchColumns,
  missingRoles,
  normalizeHeader,
} from "../../../src/model/reading/column-matching";

const ORDER_ROW = ["C-001", "2024-03-05", "19.90"];
const SUB_ROW = ["C-001", "2024-03-05", "", "49"];

describe("matchColumns", () => {
  it.each([
    [["customer_id", "order_date", "amount"]],
    [["Customer ID", "Order Date", "Revenue"]],
    [["客户编号", "下单日期", "金额"]],
    [["客户", "日期", "收入"]],
    [["client", "date", "total"]],
  ])("reads orders headed %j", (headers) => {
    const match = matchColumns([headers, ORDER_ROW]);
    expect(match).toEqual({
      shape: "orders",
      hasHeader: true,
      columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
    });
  });

  it.each([
    [["customer_id", "start_date", "end_date", "mrr"]],
    [["Customer", "Start", "End", "MRR"]],
    [["客户编号", "开始日期", "结束日期", "月经常性收入"]],
    [["用户ID", "开始", "结束", "金额"]],
  ])("reads subscriptions headed %j", (headers) => {
    const match = matchColumns([headers, SUB_ROW]);
    expect(match).toEqual({
      shape: "subscriptions",
      hasHeader: true,
      columns: { customer: 0, date: -1, amount: -1, start: 1, end: 2, revenue: 3 },
    });
  });

  it("finds the columns wherever they are, among columns that are none of them", () => {
    const base = ["customer_id", "order_date", "amount"];
    const noise = ["order_id", "product", "country", "channel"];
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...base, ...noise], { minLength: 7, maxLength: 7 }),
        (headers) => {
          const match = matchColumns([headers]);
          expect(match.shape).toBe("orders");
          expect(headers[match.columns.customer]).toBe("customer_id");
          expect(headers[match.columns.date]).toBe("order_date");
          expect(headers[match.columns.amount]).toBe("amount");
        }
      )
    );
  });

  it("reads a table without headers from what its columns hold", () => {
    const rows = [
      ["2024-03-05", "C-1", "10"],
      ["2024-03-07", "C-2", "12.5"],
    ];
    expect(matchColumns(rows)).toEqual({
      shape: "orders",
      hasHeader: false,
      columns: { customer: 1, date: 0, amount: 2, start: -1, end: -1, revenue: -1 },
    });
    // Two date columns: a start and an end; the end is never guessed, the user picks it.
    const subs = matchColumns([["C-1", "2024-01-01", "2024-02-01", "49"]]);
    expect(subs.shape).toBe("subscriptions");
    expect(subs.columns).toMatchObject({ customer: 0, start: 1, revenue: 3 });
  });

  it("proposes the other shape's match when the user switches", () => {
    const match = matchColumns(
      [["customer_id", "order_date", "amount"], ORDER_ROW],
      "subscriptions"
    );
    expect(match.shape).toBe("subscriptions");
    expect(match.columns).toMatchObject({ customer: 0, start: 1, revenue: 2 });
    expect(missingRoles(match)).toEqual([]);
  });

  it("says which required columns are missing", () => {
    const match = matchColumns([
      ["name", "note"],
      ["Ann", "hello"],
    ]);
    expect(missingRoles(match)).toEqual(["date"]);
  });
});

describe("header scores", () => {
  it("compare headers without case, spaces, underscores or full-width forms", () => {
    expect(normalizeHeader(" Order_Date ")).toBe("orderdate");
    expect(normalizeHeader("ＭＲＲ")).toBe("mrr");
    expect(headerScore("Order date (UTC)", "date")).toBeGreaterThan(0);
    // Short words count only as the whole header: "to" is an end column, "total" is not.
    expect(headerScore("to", "end")).toBeGreaterThan(0);
    expect(headerScore("total", "end")).toBe(0);
    expect(headerScore("customer_id", "customer")).toBeGreaterThan(
      headerScore("customer_name", "customer")
    );
  });
});
