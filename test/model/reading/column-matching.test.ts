/** Column matching from headers in English and Chinese, and from contents without headers. */
import fc from "fast-check";
import {
  headerScore,
  looksLikeIds,
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
    expect(match).toMatchObject({
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
    expect(match).toMatchObject({
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
      warnings: ["matched-by-content"],
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

/** Orders of a German export: customer numbers, dd.mm.yyyy dates, decimal-comma amounts. */
function germanRows(headers: string[]): string[][] {
  const rows = [headers];
  for (let i = 0; i < 60; i++) {
    const customer = String(1000 + (i % 20));
    const day = String((i % 28) + 1).padStart(2, "0");
    rows.push([customer, `${day}.03.2024`, `${(i * 7) % 90},${String(i % 100).padStart(2, "0")}`]);
  }
  return rows;
}

describe("headers in other languages, and ids never as the amount", () => {
  it.each([
    [["Kunde", "Datum", "Betrag"]],
    [["Kundennummer", "Bestelldatum", "Umsatz"]],
    [["client", "date", "montant"]],
    [["cliente", "fecha", "importe"]],
  ])("reads orders headed %j", (headers) => {
    const match = matchColumns(germanRows(headers));
    expect(match.columns).toMatchObject({ customer: 0, date: 1, amount: 2 });
    expect(match.warnings).toEqual([]);
  });

  it("takes the customer numbers as customers and the comma amounts as amounts, without titles it knows", () => {
    const rows = germanRows(["K", "D", "B"]);
    const match = matchColumns(rows);
    expect(match.columns).toMatchObject({ customer: 0, date: 1, amount: 2 });
    expect(match.warnings).toEqual(["matched-by-content"]);
  });

  it("never proposes an id column as the amount, and says so", () => {
    // "amount" holds each customer's number: whole, many values, the same on every order.
    const rows: unknown[][] = [["customer", "date", "amount"]];
    for (let i = 0; i < 60; i++) rows.push([`C-${i % 20}`, "2024-03-05", String(5000 + (i % 20))]);
    const match = matchColumns(rows);
    expect(match.columns.amount).toBe(-1);
    expect(match.warnings).toContain("amount-looks-like-ids");
    // With a real amount beside it, that one is taken.
    const wider = rows.map((r, i) => [...r, i === 0 ? "note" : `${i}.5`]);
    const again = matchColumns(wider);
    expect(again.columns.amount).toBe(3);
    expect(again.warnings).toContain("amount-looks-like-ids");
  });

  it("keeps whole-number amounts that vary per customer, and a few fixed prices", () => {
    const varying: unknown[][] = [["customer", "date", "amount"]];
    for (let i = 0; i < 60; i++) varying.push([`C-${i % 20}`, "2024-03-05", String(10 + i)]);
    expect(matchColumns(varying).columns.amount).toBe(2);
    expect(matchColumns(varying).warnings).toEqual([]);
    const fixed: unknown[][] = [["customer", "date", "amount"]];
    for (let i = 0; i < 60; i++)
      fixed.push([`C-${i % 20}`, "2024-03-05", String(10 * ((i % 20) % 4))]);
    expect(matchColumns(fixed).columns.amount).toBe(2);
  });

  it("finds ids against a brute-force check on random tables", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 40 })), {
          minLength: 1,
          maxLength: 80,
        }),
        (pairs) => {
          const rows = [
            ["customer", "date", "amount"],
            ...pairs.map(([c, a]) => [`C${c}`, "2024-01-02", String(a)]),
          ];
          // Brute force: every repeated customer keeps one value, ≥ 3 repeats, ≥ 10 values.
          let constant = true;
          let repeats = 0;
          for (let i = 0; i < pairs.length; i++)
            for (let j = 0; j < i; j++)
              if (pairs[j][0] === pairs[i][0]) {
                if (pairs[j][1] !== pairs[i][1]) constant = false;
                repeats++;
                break;
              }
          const values = new Set(pairs.map((p) => p[1])).size;
          const ids = constant && repeats >= 3 && values >= 10;
          expect(looksLikeIds(rows.slice(1), 2, 0)).toBe(ids);
          expect(matchColumns(rows).columns.amount).toBe(ids ? -1 : 2);
        }
      )
    );
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
