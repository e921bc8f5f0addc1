/** The data check (data-check.ts) against plain loops over the orders read. */
import fc from "fast-check";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import { orderDataCheck } from "../../../src/model/reading/data-check";

describe("orderDataCheck", () => {
  it("counts orders, customers, the dates and the revenue of what was read", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 9 }),
            fc.integer({ min: 45000, max: 45400 }),
            fc.integer({ min: -5000, max: 100000 })
          ),
          { minLength: 1, maxLength: 50 }
        ),
        fc.integer({ min: 0, max: 5 }),
        (orders, blanks) => {
          const analysis = new OrdersAnalysis({
            unit: "month",
            window: 1,
            hasRevenue: true,
            keepOrders: true,
          });
          orders.forEach(([c, d, cents], i) => analysis.add(i + 2, `C${c}`, d, cents / 100));
          for (let b = 0; b < blanks; b++) analysis.add(orders.length + 2 + b, "", "", "");
          const check = orderDataCheck(analysis.readOrders()!, orders.length + blanks, true);
          let cents = 0;
          let first = Infinity;
          let last = -Infinity;
          const customers = new Set<number>();
          for (const [c, d, a] of orders) {
            cents += a;
            first = Math.min(first, d);
            last = Math.max(last, d);
            customers.add(c);
          }
          expect(check.orders).toBe(orders.length);
          expect(check.customers).toBe(customers.size);
          expect(check.firstDay).toBe(first);
          expect(check.lastDay).toBe(last);
          expect(Math.round(check.revenue! * 100)).toBe(cents);
          expect(check.skippedBlank).toBe(blanks);
        }
      )
    );
  });

  it("has no revenue for a table without amounts", () => {
    const analysis = new OrdersAnalysis({
      unit: "month",
      window: 1,
      hasRevenue: false,
      keepOrders: true,
    });
    analysis.add(2, "A", 45000, null);
    expect(orderDataCheck(analysis.readOrders()!, 1, false).revenue).toBeNull();
  });
});
