/**
 * Harrell's C against a brute-force count over every pair (O(n²)), with R's survival rules
 * written out: comparable when one churned strictly before the other's time, or churned at the
 * time the other was censored; two churns at one time are not comparable; tied scores count ½.
 */
import fc from "fast-check";
import { concordance } from "../../../src/model/survival/concordance";

function bruteForce(time: number[], churned: number[], risk: number[]) {
  let concordant = 0;
  let discordant = 0;
  let tied = 0;
  for (let i = 0; i < time.length; i++) {
    if (churned[i] !== 1) continue;
    for (let j = 0; j < time.length; j++) {
      if (j === i) continue;
      const comparable = time[j] > time[i] || (time[j] === time[i] && churned[j] === 0);
      if (!comparable) continue;
      if (risk[i] > risk[j]) concordant++;
      else if (risk[i] < risk[j]) discordant++;
      else tied++;
    }
  }
  return { concordant, discordant, tied };
}

describe("concordance", () => {
  test("counts every pair as the brute force does, ties in time and score included", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            time: fc.integer({ min: 0, max: 8 }),
            churned: fc.integer({ min: 0, max: 1 }),
            risk: fc.oneof(
              fc.integer({ min: -3, max: 3 }),
              fc.double({ min: -5, max: 5, noNaN: true })
            ),
          }),
          { minLength: 1, maxLength: 60 }
        ),
        (rows) => {
          const time = rows.map((r) => r.time);
          const churned = rows.map((r) => r.churned);
          const risk = rows.map((r) => r.risk);
          const expected = bruteForce(time, churned, risk);
          const got = concordance(
            Float64Array.from(time),
            Uint8Array.from(churned),
            Float64Array.from(risk)
          );
          expect([got.concordant, got.discordant, got.tiedRisk]).toEqual([
            expected.concordant,
            expected.discordant,
            expected.tied,
          ]);
          const pairs = expected.concordant + expected.discordant + expected.tied;
          if (pairs === 0) expect(got.concordance).toBeNaN();
          else
            expect(got.concordance).toBeCloseTo(
              (expected.concordant + expected.tied / 2) / pairs,
              14
            );
        }
      ),
      { numRuns: 300 }
    );
  });

  test("a churn and a censoring at one time form a pair; two churns at one time do not", () => {
    // Customer 0 churns at 5 with the higher score; 1 is censored at 5, 2 churns at 5.
    const c = concordance(
      Float64Array.of(5, 5, 5),
      Uint8Array.of(1, 0, 1),
      Float64Array.of(2, 1, 1)
    );
    // Pairs: (0,1) concordant; (2,1) tied scores. (0,2) both churned at 5: not comparable.
    expect([c.concordant, c.discordant, c.tiedRisk]).toEqual([1, 0, 1]);
    expect(c.concordance).toBe(0.75);
  });
});
