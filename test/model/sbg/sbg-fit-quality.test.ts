import fc from "fast-check";
import { sbgFitQuality } from "../../../src/model/sbg/sbg-fit-quality";

/** Brute force: the errors in points listed age by age, then averaged and maximised separately. */
function bruteForce(actual: number[], fitted: number[]) {
  const errors: { age: number; points: number }[] = [];
  for (let t = 1; t < Math.min(actual.length, fitted.length); t++) {
    if (Number.isNaN(actual[t]) || Number.isNaN(fitted[t])) continue;
    errors.push({ age: t, points: Math.abs(actual[t] * 100 - fitted[t] * 100) });
  }
  let total = 0;
  for (const e of errors) total += e.points;
  let worst = errors[0];
  for (const e of errors) if (e.points > worst.points) worst = e;
  return { errors, mean: errors.length ? total / errors.length : NaN, worst };
}

const share = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(NaN));

describe("sbgFitQuality", () => {
  it("matches a brute-force mean and maximum of the errors in points", () => {
    fc.assert(
      fc.property(
        fc.array(share, { maxLength: 40 }),
        fc.array(share, { maxLength: 40 }),
        (a, f) => {
          const q = sbgFitQuality(a, f);
          const b = bruteForce(a, f);
          expect(q.ages).toBe(b.errors.length);
          if (b.errors.length === 0) {
            expect(q.meanAbsoluteError).toBeNaN();
            expect(q.poor).toBe(false);
            return;
          }
          expect(q.meanAbsoluteError).toBeCloseTo(b.mean, 9);
          expect(q.maxError).toBeCloseTo(b.worst.points, 9);
          expect(Math.abs(a[q.maxAge] - f[q.maxAge]) * 100).toBeCloseTo(b.worst.points, 9);
          expect(q.poor).toBe(b.mean > 3 || b.worst.points > 5);
        }
      )
    );
  });

  it("ignores age 0 and calls the public data's month-17 miss poor", () => {
    // 100% at age 0 on both sides; 2 points off at age 1, then 8.5 points off at age 2.
    const q = sbgFitQuality([1, 0.5, 0.043], [1, 0.52, 0.128]);
    expect(q.ages).toBe(2);
    expect(q.meanAbsoluteError).toBeCloseTo(5.25, 9);
    expect(q.maxAge).toBe(2);
    expect(q.poor).toBe(true);
    // A close fit: 1 point everywhere.
    expect(sbgFitQuality([1, 0.6, 0.4], [1, 0.61, 0.39]).poor).toBe(false);
    // One age 6 points off, mean 2: poor by the single-age rule.
    expect(sbgFitQuality([1, 0.6, 0.4, 0.3], [1, 0.6, 0.4, 0.36]).poor).toBe(true);
  });
});
