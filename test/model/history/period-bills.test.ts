/**
 * New and returning customers and their revenue per period, and their averages over a span of
 * periods, against a brute-force count over the order rows (plain loops): a customer is new in
 * the month of their first purchase (an amount ≥ 0; a refund alone does not make them active),
 * returning in every later month they buy in; revenue is every amount of theirs in that month,
 * refunds included. Also: the latest period's bills are the one-period average.
 */
import fc from "fast-check";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import { averageBills, periodBills } from "../../../src/model/history/period-bills";

type Row = [string, string, string];

const monthOf = (iso: string) => {
  const [y, m] = iso.split("-").map(Number);
  return y * 12 + (m - 1);
};

function brute(rows: Row[]) {
  const byCustomer = new Map<string, { month: number; amount: number }[]>();
  for (const [c, d, a] of rows) {
    if (!byCustomer.has(c)) byCustomer.set(c, []);
    byCustomer.get(c)!.push({ month: monthOf(d), amount: Number(a) });
  }
  const stats = new Map<number, { nc: number; nr: number; rc: number; rr: number }>();
  const at = (m: number) => {
    if (!stats.has(m)) stats.set(m, { nc: 0, nr: 0, rc: 0, rr: 0 });
    return stats.get(m)!;
  };
  for (const orders of byCustomer.values()) {
    let first = Infinity;
    for (const o of orders) if (o.amount >= 0 && o.month < first) first = o.month;
    const months = new Set(orders.filter((o) => o.amount >= 0).map((o) => o.month));
    for (const m of months) {
      let revenue = 0;
      for (const o of orders) if (o.month === m) revenue += o.amount;
      const s = at(m);
      if (m === first) {
        s.nc++;
        s.nr += revenue;
      } else {
        s.rc++;
        s.rr += revenue;
      }
    }
  }
  return (m: number) => stats.get(m) ?? { nc: 0, nr: 0, rc: 0, rr: 0 };
}

const rowArb = fc.tuple(
  fc.integer({ min: 1, max: 8 }),
  fc.integer({ min: 0, max: 400 }),
  fc.oneof(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: -5_000, max: -1 }))
);

describe("period bills", () => {
  it("counts new and returning customers and revenue per month, and averages them (property)", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), (raw) => {
        const rows: Row[] = raw.map(([c, day, cents]) => {
          const date = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
          return [`C${c}`, date, (cents / 100).toFixed(2)];
        });
        const analysis = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
        rows.forEach((r, i) => analysis.add(i + 1, r[0], r[1], r[2]));
        const a = analysis.finish();
        const bills = periodBills(a.cells, a.range);
        const truth = brute(rows);
        const n = a.range.last - a.range.first + 1;
        expect(bills.newCustomers.length).toBe(Math.max(0, n));
        // The model's month numbers are its own: align them by the first month of the range.
        const firstMonth = Math.min(
          ...rows.filter((r) => Number(r[2]) >= 0).map((r) => monthOf(r[1])),
          ...rows.map((r) => monthOf(r[1]))
        );
        const offset = a.range.first - firstMonth;
        for (let i = 0; i < n; i++) {
          const s = truth(a.range.first + i - offset);
          expect(bills.newCustomers[i]).toBe(s.nc);
          expect(bills.returningCustomers[i]).toBe(s.rc);
          expect(bills.newRevenue[i]).toBeCloseTo(s.nr, 6);
          expect(bills.returningRevenue[i]).toBeCloseTo(s.rr, 6);
        }
        // Averages over every span: pooled revenue over pooled customers, customers per period.
        for (let from = 0; from < n; from++)
          for (let to = from; to < n; to++) {
            let nc = 0,
              nr = 0,
              rc = 0,
              rr = 0;
            for (let i = from; i <= to; i++) {
              const s = truth(a.range.first + i - offset);
              nc += s.nc;
              nr += s.nr;
              rc += s.rc;
              rr += s.rr;
            }
            const avg = averageBills(bills, from, to);
            expect(avg.periods).toBe(to - from + 1);
            expect(avg.newCustomers).toBeCloseTo(nc / (to - from + 1), 10);
            expect(avg.returningCustomers).toBeCloseTo(rc / (to - from + 1), 10);
            if (nc === 0) expect(avg.newBill).toBeNull();
            else expect(avg.newBill!).toBeCloseTo(nr / nc, 6);
            if (rc === 0) expect(avg.returningBill).toBeNull();
            else expect(avg.returningBill!).toBeCloseTo(rr / rc, 6);
          }
        // The latest complete period's bills (analysis.ts) are its one-period average.
        if (a.latest) {
          const one = averageBills(
            bills,
            a.latest.period - a.range.first,
            a.latest.period - a.range.first
          );
          expect(a.latest.newBill === null).toBe(one.newBill === null);
          if (one.newBill !== null) expect(a.latest.newBill!).toBeCloseTo(one.newBill, 9);
          if (one.returningBill !== null)
            expect(a.latest.returningBill!).toBeCloseTo(one.returningBill, 9);
          expect(a.latest.newCustomers).toBe(one.newCustomers);
          expect(a.latest.returningCustomers).toBe(one.returningCustomers);
        }
      }),
      { numRuns: 150 }
    );
  });
});
