/**
 * The drivers engine's customers (drivers-engine.ts): on random orders tables (fast-check), each
 * customer's lifetime and first-order attributes equal those of plain loops over the rows
 * (drivers-orders.ts), in the same order; the hazard ratios are the model's on those customers;
 * and a table where nobody has left answers with the "noChurn" reason, not an error.
 */
import fc from "fast-check";
import { codeCovariates } from "../../../src/model/survival/cox-design";
import { fitCox } from "../../../src/model/survival/cox-fit";
import { coxSummary } from "../../../src/model/survival/cox-summary";
import { streamRows } from "../../../src/taskpane/worker/analysis-engine";
import { customerAttributes, driversView } from "../../../src/taskpane/worker/drivers-engine";
import type { AnalysisSettings } from "../../../src/taskpane/worker/protocol";
import { CHANNELS, driversOrders, loopCustomers } from "../drivers-orders";

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2 } as AnalysisSettings["columns"],
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};
const COLUMNS = [
  { index: 3, name: "plan" },
  { index: 4, name: "channel" },
];
const text = (rows: string[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";
const read = (rows: string[][]) =>
  customerAttributes({ kind: "text", text: text(rows) }, [], SETTINGS, [3, 4], streamRows);

const pad = (n: number) => String(n).padStart(2, "0");
const order = fc.record({
  customer: fc.integer({ min: 1, max: 12 }),
  month: fc.integer({ min: 0, max: 23 }),
  day: fc.integer({ min: 1, max: 28 }),
  plan: fc.constantFrom("monthly", "annual"),
  channel: fc.constantFrom(...CHANNELS),
});

describe("the drivers engine's customers", () => {
  it("match plain loops over random orders: lifetimes and first-order values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 60 }), async (orders) => {
        const rows = [
          ["customer_id", "order_date", "amount", "plan", "channel"],
          ...orders.map((o) => [
            `K${o.customer}`,
            `${2023 + Math.floor(o.month / 12)}-${pad((o.month % 12) + 1)}-${pad(o.day)}`,
            "10",
            o.plan,
            o.channel,
          ]),
        ];
        const loops = loopCustomers(rows);
        const data = await read(rows);
        expect(data.lifetimes.count).toBe(loops.length);
        loops.forEach((c, i) => {
          expect([data.lifetimes.duration[i], data.lifetimes.churned[i]]).toEqual([
            c.duration,
            c.churned,
          ]);
          expect([data.cells[i * 2], data.cells[i * 2 + 1]]).toEqual([c.plan, c.channel]);
        });
      }),
      { numRuns: 40 }
    );
  });

  it("answers with the model's hazard ratios on those customers", async () => {
    const rows = driversOrders(160);
    const loops = loopCustomers(rows);
    const view = driversView(await read(rows), SETTINGS, COLUMNS, null);
    const design = codeCovariates({
      n: loops.length,
      columns: 2,
      cell: (i, j) => (j === 0 ? loops[i].plan : loops[i].channel),
      rowNumbers: new Int32Array(loops.length),
      titles: ["plan", "channel"],
    });
    const time = Float64Array.from(loops, (c) => c.duration);
    const churned = Uint8Array.from(loops, (c) => c.churned);
    const summary = coxSummary(
      fitCox({ time, churned, x: design.x, p: design.p, labels: design.labels }),
      time,
      churned
    );
    const expected = design.names
      .map((name, j) => ({ name, hr: summary.hazardRatios[j], p: summary.waldP[j] }))
      .sort((a, b) => a.hr - b.hr);
    expect(view.problem).toBeNull();
    expect(view.terms.map((x) => `${x.column} = ${x.category}`)).toEqual(
      expected.map((e) => e.name)
    );
    view.terms.forEach((x, j) => {
      expect(x.hazardRatio).toBeCloseTo(expected[j].hr, 10);
      expect(x.p).toBeCloseTo(expected[j].p, 10);
      expect(x.lower).toBeLessThan(x.hazardRatio);
      expect(x.upper).toBeGreaterThan(x.hazardRatio);
    });
    expect(view.customers).toBe(loops.length);
    expect(view.churned).toBe(loops.filter((c) => c.churned).length);
  });

  it("words a table where nobody has left as the noChurn reason", async () => {
    // Every customer buys in the last month: nobody's window has closed.
    const rows = [
      ["customer_id", "order_date", "amount", "plan", "channel"],
      ["A", "2024-01-05", "10", "monthly", "Social"],
      ["B", "2024-02-05", "10", "annual", "Referral"],
      ["A", "2024-03-05", "10", "monthly", "Social"],
      ["B", "2024-03-06", "10", "annual", "Referral"],
    ];
    const view = driversView(await read(rows), SETTINGS, COLUMNS, [3]);
    expect(view.terms).toEqual([]);
    expect(view.problem?.reason).toBe("noChurn");
    expect(view.columns.map((c) => c.used)).toEqual([true, false]);
  });
});
