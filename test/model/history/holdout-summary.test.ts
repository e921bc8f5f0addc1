/**
 * The calibration/holdout summary against a brute force written here: plain loops over the
 * order rows (a Set of purchase days per customer), on random order tables read through the
 * model's own reading seam (ordersByPeriod), in days and in weeks.
 */
import fc from "fast-check";
import { holdoutSummary } from "../../../src/model/history/holdout-summary";
import { ordersByPeriod, NO_COLUMN } from "../../../src/model/history/table-folding";

const BASE = 45000; // 2023-03-15

interface Row {
  id: string;
  day: number;
}

const column = (values: unknown[]) => ({ length: values.length, at: (i: number) => values[i] });

function fold(rows: Row[], holdoutEnd: number) {
  return ordersByPeriod(
    column(rows.map((r) => r.id)),
    column(rows.map((r) => r.day)),
    NO_COLUMN,
    "day",
    holdoutEnd
  );
}

/** Per customer, in the order they first appear on or before the holdout end. */
function bruteForce(rows: Row[], calibrationEnd: number, holdoutEnd: number, unit: number) {
  const order: string[] = [];
  const days = new Map<string, Set<number>>();
  for (const row of rows) {
    if (row.day > holdoutEnd) continue;
    if (!days.has(row.id)) {
      days.set(row.id, new Set());
      order.push(row.id);
    }
    days.get(row.id)!.add(row.day);
  }
  const out: Array<[string, number, number, number, number, number]> = [];
  for (const id of order) {
    const all = [...days.get(id)!].sort((p, q) => p - q);
    const before = all.filter((d) => d <= calibrationEnd);
    if (before.length === 0) continue;
    const after = all.filter((d) => d > calibrationEnd);
    out.push([
      id,
      before.length - 1,
      (before[before.length - 1] - before[0]) / unit,
      (calibrationEnd - before[0]) / unit,
      after.length,
      (holdoutEnd - calibrationEnd) / unit,
    ]);
  }
  return out;
}

const rowsArb = fc.array(
  fc.record({
    id: fc.integer({ min: 1, max: 25 }).map((n) => `K${n}`),
    day: fc.integer({ min: BASE, max: BASE + 300 }),
  }),
  { minLength: 1, maxLength: 300 }
);

describe("holdoutSummary", () => {
  test("equals the brute force on random orders, in days and weeks", () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.integer({ min: BASE - 10, max: BASE + 290 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom(1, 7),
        (rows, calibrationEnd, holdoutDays, unit) => {
          const holdoutEnd = calibrationEnd + holdoutDays;
          const want = bruteForce(rows, calibrationEnd, holdoutEnd, unit);
          if (!rows.some((r) => r.day <= holdoutEnd)) {
            expect(() => fold(rows, holdoutEnd)).toThrow(/no orders/);
            return;
          }
          const folded = fold(rows, holdoutEnd);
          const s = holdoutSummary(folded.cells, calibrationEnd, holdoutEnd, unit);
          const got = Array.from({ length: s.count }, (_, k) => [
            folded.ids.labels[s.customer[k]],
            s.frequency[k],
            s.recency[k],
            s.T[k],
            s.holdoutPurchases[k],
            s.holdoutLength,
          ]);
          expect(got).toEqual(want);
        }
      ),
      { numRuns: 300 }
    );
  });

  test("the holdout end must come after the calibration end", () => {
    const folded = fold([{ id: "A", day: BASE }], BASE + 5);
    expect(() => holdoutSummary(folded.cells, BASE + 5, BASE + 5, 1)).toThrow(
      /after calibration_end/
    );
  });
});
