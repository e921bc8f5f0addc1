/**
 * The worker's segment comparison against a brute-force reference written in the test (plain
 * loops over the rows): each segment's customers, churn, Kaplan-Meier median and RMST, and the
 * log-rank chi-square, on the sample orders with a channel column and on random tables; the
 * first-order rule; too many segments; and the sheet built from the last comparison.
 */
import fc from "fast-check";
import { restrictedMean } from "../../../src/model/survival/rmst";
import { createAnalysisEngine, streamRows } from "../../../src/taskpane/worker/analysis-engine";
import type {
  AnalysisSettings,
  SegmentsView,
  WorkerResponse,
} from "../../../src/taskpane/worker/protocol";
import { segmentedAnalysis, segmentsView } from "../../../src/taskpane/worker/segment-engine";
import { cellAt } from "../../../src/report/sheet-plan";
import {
  logRankByLoops,
  OrderRow,
  parseOrders,
  referenceSegments,
  kmMedian,
  rmstByLoops,
  sampleOrdersWithChannel,
} from "../segment-orders";

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};

/** Far after every date here: no row is a future row. */
const TODAY = 80_000;

async function compare(csv: string, limit?: number): Promise<SegmentsView> {
  const segmented = await segmentedAnalysis(
    { kind: "text", text: csv },
    [],
    SETTINGS,
    3,
    streamRows,
    limit,
    TODAY
  );
  return segmentsView(segmented, SETTINGS, 3, "channel", 1, limit);
}

function expectMatchesReference(view: SegmentsView, rows: readonly OrderRow[]) {
  const reference = referenceSegments(rows);
  expect(view.segments.map((s) => s.label)).toEqual(reference.map((r) => r.label));
  view.segments.forEach((s, j) => {
    const r = reference[j];
    expect(s.customers).toBe(r.customers);
    expect(s.churned).toBe(r.churned);
    expect(s.median).toBe(r.median);
    const horizon = view.commonHorizon;
    expect(restrictedMean(s.survival, horizon).mean).toBeCloseTo(
      rmstByLoops(r.durations, horizon),
      9
    );
    expect(s.view.customers).toBe(r.customers);
  });
  // The common horizon: the shortest of the segments' longest times.
  expect(view.commonHorizon).toBe(
    Math.min(...reference.map((r) => Math.max(...r.durations.map((d) => d.time))))
  );
  const withChurn = reference.filter((r) => r.churned > 0);
  if (withChurn.length >= 2 && withChurn.length === reference.length) {
    const chi = logRankByLoops(reference.map((r) => r.durations));
    expect(view.logRank.chiSquare).not.toBeNull();
    expect(view.logRank.chiSquare!).toBeCloseTo(chi, 7);
    expect(view.logRank.degreesOfFreedom).toBe(reference.length - 1);
  }
}

describe("segment comparison in the worker", () => {
  const csv = sampleOrdersWithChannel();
  const rows = parseOrders(csv);

  it("compares the sample orders' channels as the brute-force reference does", async () => {
    const view = await compare(csv);
    expect(view.segments).toHaveLength(3);
    expectMatchesReference(view, rows);
    // Every customer is counted once, in one segment.
    expect(view.segments.reduce((n, s) => n + s.customers, 0)).toBe(
      new Set(rows.map((r) => r.id)).size
    );
    for (const s of view.segments) {
      if ("error" in s.sbg) continue;
      const { alpha, beta, nextAge, nextRetention } = s.sbg;
      expect(nextRetention).toBeCloseTo((beta + nextAge - 1) / (alpha + beta + nextAge - 1), 12);
    }
  });

  it("puts a customer whose channel changes in their first order's segment", async () => {
    const table = [
      "customer,date,amount,channel",
      "a,2024-03-05,10,Paid",
      "a,2024-01-10,10,Referral",
      "b,2024-01-01,10,Paid",
      "b,2024-05-01,10,Referral",
      "c,2024-02-01,10,referral",
    ].join("\n");
    const view = await compare(table);
    expect(view.segments.map((s) => [s.label, s.customers])).toEqual([
      ["Paid", 1],
      ["Referral", 2],
    ]);
  });

  it("refuses a column with more values than the comparison takes", async () => {
    const table = ["customer,date,amount,channel"]
      .concat(Array.from({ length: 5 }, (_, i) => `c${i},2024-01-0${i + 1},10,v${i}`))
      .join("\n");
    const view = await compare(table, 4);
    expect(view.segments).toEqual([]);
    expect(view.count).toBe(5);
    expect(view.limit).toBe(4);
  });

  it("matches the reference on random tables", async () => {
    const order = fc.record({
      customer: fc.integer({ min: 0, max: 25 }),
      day: fc.integer({ min: 0, max: 700 }),
      amount: fc.integer({ min: 1, max: 500 }),
      segment: fc.constantFrom("x", "y", "z"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 120 }), async (orders) => {
        const base = Date.UTC(2023, 0, 1);
        const table = orders.map((o) => ({
          id: `k${o.customer}`,
          date: new Date(base + o.day * 86_400_000).toISOString().slice(0, 10),
          amount: o.amount,
          segment: o.segment,
        }));
        const text = ["customer,date,amount,channel"]
          .concat(table.map((r) => `${r.id},${r.date},${r.amount},${r.segment}`))
          .join("\n");
        expectMatchesReference(await compare(text), table);
      }),
      { numRuns: 60 }
    );
  });

  it("answers a segments request and writes the last comparison's sheet", async () => {
    const answers: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => answers.push(m));
    await handle({
      type: "segments",
      id: 7,
      source: { kind: "text", text: csv },
      settings: SETTINGS,
      column: 3,
      name: "channel",
    });
    const answer = answers.pop()!;
    expect(answer.type).toBe("segments");
    if (answer.type !== "segments") return;
    await handle({ type: "segmentPlan", id: 8, language: "en", horizon: 6 });
    const planned = answers.pop()!;
    expect(planned.type).toBe("planned");
    if (planned.type !== "planned") return;
    const plan = planned.plan;
    expect(plan.sheetName).toBe("Segment comparison");
    const reference = referenceSegments(rows);
    reference.forEach((r, j) => {
      const row = 8 + j;
      expect(cellAt(plan, `A${row}`)).toMatchObject({ text: r.label });
      expect(cellAt(plan, `B${row}`)).toMatchObject({ value: r.customers });
      expect(cellAt(plan, `C${row}`)).toMatchObject({ value: r.churned });
      const rmst = cellAt(plan, `H${row}`) as { value: number };
      expect(rmst.value).toBeCloseTo(rmstByLoops(r.durations, 6), 9);
    });
    const chi = logRankByLoops(reference.map((r) => r.durations));
    const testRow = 7 + reference.length + 2;
    expect((cellAt(plan, `B${testRow + 1}`) as { value: number }).value).toBeCloseTo(chi, 7);
    expect(cellAt(plan, `B${testRow + 3}`)).toMatchObject({
      formula: `=CHIDIST(B${testRow + 1},B${testRow + 2})`,
    });
  });

  it("compares subscriptions by plan, each customer's lifetime in completed months", async () => {
    const subscription = fc.record({
      start: fc.integer({ min: 0, max: 600 }),
      length: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
      plan: fc.constantFrom("monthly", "annual"),
    });
    const settings: AnalysisSettings = {
      shape: "subscriptions",
      columns: { customer: 0, date: -1, amount: -1, start: 1, end: 2, revenue: -1 },
      hasHeader: true,
      dateFormat: null,
      unit: "month",
      window: 1,
    };
    const iso = (day: number) =>
      new Date(Date.UTC(2022, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    // DATEDIF's "m" by plain date parts.
    const months = (a: string, b: string) => {
      const [y1, m1, d1] = a.split("-").map(Number);
      const [y2, m2, d2] = b.split("-").map(Number);
      return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(subscription, { minLength: 1, maxLength: 40 }), async (subs) => {
        const rows = subs.map((x, i) => ({
          id: `s${i}`,
          start: iso(x.start),
          end: x.length === null ? "" : iso(x.start + x.length),
          plan: x.plan,
        }));
        const text = ["customer,start,end,plan"]
          .concat(rows.map((r) => `${r.id},${r.start},${r.end},${r.plan}`))
          .join("\n");
        const segmented = await segmentedAnalysis(
          { kind: "text", text },
          [],
          settings,
          3,
          streamRows,
          undefined,
          TODAY
        );
        const view = segmentsView(segmented, settings, 3, "plan", 1);
        const last = rows.reduce((m, r) => (r.end > m ? r.end : r.start > m ? r.start : m), "");
        const plans = [...new Set(rows.map((r) => r.plan))];
        expect(view.segments.map((s) => s.label)).toEqual(plans);
        plans.forEach((plan, j) => {
          const mine = rows.filter((r) => r.plan === plan);
          const durations = mine.map((r) => ({
            time: months(r.start, r.end === "" ? last : r.end),
            churned: r.end !== "",
          }));
          expect(view.segments[j].customers).toBe(mine.length);
          expect(view.segments[j].churned).toBe(durations.filter((d) => d.churned).length);
          expect(view.segments[j].median).toBe(kmMedian(durations));
        });
      }),
      { numRuns: 40 }
    );
  });
});
