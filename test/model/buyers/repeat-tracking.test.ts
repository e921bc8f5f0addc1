/**
 * Cumulative tracking against a brute force written here: plain loops over the order rows for
 * the actual repeat purchases up to each period's end, and Σ over customers of E[X] by its
 * integral over p for the expected; the periods laid out from their definition (whole periods
 * back and forward from the calibration end).
 */
import fc from "fast-check";
import { bgnbdBuyerModel } from "../../../src/model/buyers/bgnbd-buyer-model";
import { repeatTracking } from "../../../src/model/buyers/repeat-tracking";
import { holdoutSummary } from "../../../src/model/history/holdout-summary";
import { NO_COLUMN, ordersByPeriod } from "../../../src/model/history/table-folding";
import { Bgnbd, expectedByIntegral } from "./buyer-check-helpers";
import { bgnbdArb } from "./check-arbitraries";

const BASE = 45000;

interface Row {
  id: string;
  day: number;
}

const column = (values: unknown[]) => ({ length: values.length, at: (i: number) => values[i] });

function bruteForce(
  rows: Row[],
  calibrationEnd: number,
  holdoutEnd: number,
  unit: number,
  params: Bgnbd
) {
  const days = new Map<string, number[]>();
  for (const row of rows) {
    if (row.day > holdoutEnd) continue;
    if (!days.has(row.id)) days.set(row.id, []);
    if (!days.get(row.id)!.includes(row.day)) days.get(row.id)!.push(row.day);
  }
  const born: number[] = [];
  const repeatDays: number[] = [];
  for (const list of days.values()) {
    const first = Math.min(...list);
    if (first > calibrationEnd) continue;
    born.push(first);
    for (const d of list) if (d > first) repeatDays.push(d);
  }
  const start = Math.min(...born);
  const exact: number[] = [];
  for (let e = calibrationEnd; e > start || e === calibrationEnd; e -= unit) exact.unshift(e);
  for (let e = calibrationEnd + unit; e < holdoutEnd; e += unit) exact.push(e);
  exact.push(holdoutEnd);
  // Periods of a fractional length (months) end on the nearest whole day; none is empty.
  const ends = exact.map(Math.round).filter((e, i, all) => i === 0 || e !== all[i - 1]);
  const cache = new Map<number, number>();
  const E = (delta: number) => {
    if (!cache.has(delta)) cache.set(delta, expectedByIntegral(delta / unit, params));
    return cache.get(delta)!;
  };
  return {
    ends,
    actual: ends.map((e) => repeatDays.filter((d) => d <= e).length),
    expected: ends.map((e) => born.reduce((s, b) => s + (b <= e ? E(e - b) : 0), 0)),
    repeats: repeatDays.length,
  };
}

const rowsArb = fc.array(
  fc.record({
    id: fc.integer({ min: 1, max: 15 }).map((n) => `K${n}`),
    day: fc.integer({ min: BASE, max: BASE + 120 }),
  }),
  { minLength: 1, maxLength: 120 }
);

describe("repeatTracking", () => {
  test("equals the brute force; the last cumulative actual is every repeat purchase", () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.integer({ min: BASE, max: BASE + 100 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(1, 7, 30.4375),
        bgnbdArb,
        (rows, calibrationEnd, holdoutDays, unit, params) => {
          const holdoutEnd = calibrationEnd + holdoutDays;
          if (!rows.some((r) => r.day <= calibrationEnd)) return;
          const folded = ordersByPeriod(
            column(rows.map((r) => r.id)),
            column(rows.map((r) => r.day)),
            NO_COLUMN,
            "day",
            holdoutEnd
          );
          const s = holdoutSummary(folded.cells, calibrationEnd, holdoutEnd, unit);
          const p = [params.r, params.alpha, params.a, params.b];
          const tr = repeatTracking(
            folded.cells,
            s,
            calibrationEnd,
            holdoutEnd,
            unit,
            bgnbdBuyerModel,
            p
          );
          const want = bruteForce(rows, calibrationEnd, holdoutEnd, unit, params);
          expect(Array.from(tr.periodEnd)).toEqual(want.ends);
          expect(Array.from(tr.cumulativeActual)).toEqual(want.actual);
          tr.cumulativeExpected.forEach((e, j) =>
            expect(Math.abs(e - want.expected[j])).toBeLessThan(
              1e-9 * Math.max(1, want.expected[j])
            )
          );
          // Per period: the differences of the cumulative columns.
          tr.actual.forEach((v, j) =>
            expect(v).toBe(want.actual[j] - (j ? want.actual[j - 1] : 0))
          );
          // The last row holds every repeat purchase: calibration x plus holdout purchases.
          let total = 0;
          for (let k = 0; k < s.count; k++) total += s.frequency[k] + s.holdoutPurchases[k];
          expect(tr.cumulativeActual[tr.cumulativeActual.length - 1]).toBe(total);
          expect(want.repeats).toBe(total);
          // One period ends at the calibration end; at it, expected = Σ E[X(T_i)].
          const at = tr.calibrationPeriods - 1;
          expect(tr.periodEnd[at]).toBe(calibrationEnd);
          let atCalibration = 0;
          for (let k = 0; k < s.count; k++) atCalibration += expectedByIntegral(s.T[k], params);
          expect(Math.abs(tr.cumulativeExpected[at] - atCalibration)).toBeLessThan(
            1e-9 * Math.max(1, atCalibration)
          );
        }
      ),
      { numRuns: 25 }
    );
  });
});
