import { DomainError } from "../../../src/model/errors";
import {
  customerLifetimeValue,
  discountRatePerUnit,
  unitDays,
  unitWord,
} from "../../../src/model/buyers/clv";
import { thrownBy } from "../../support/domain-errors";

const DAY = 1;
const WEEK = 7;
const MONTH = 365.25 / 12;
const QUARTER = 365.25 / 4;
const YEAR = 365.25;
import { expectedIfAliveByIntegral, pAliveByDefinition } from "./bgnbd-helpers";

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

/** E[Y(t)] from the test's own integral and P(alive) by definition. */
function referenceY(x: number, tx: number, T: number, t: number, bg = BG): number {
  if (t === 0) return 0;
  return (
    pAliveByDefinition(bg.r, bg.alpha, bg.a, bg.b, x, tx, T) *
    expectedIfAliveByIntegral(bg.r + x, bg.b + x, bg.a, t / (bg.alpha + T))
  );
}

/** CLV by its definition: Σ_k (Y(k) − Y(k−1))·spend/(1+d)^k, spend by the posterior formula. */
function referenceClv(
  x: number,
  tx: number,
  T: number,
  m: number,
  H: number,
  dPerUnit: number,
  bg = BG,
  gg = GG
): number {
  const spend =
    x === 0 ? (gg.gamma * gg.p) / (gg.q - 1) : (gg.p * (gg.gamma + m * x)) / (gg.p * x + gg.q - 1);
  const Y = Array.from({ length: H + 1 }, (_, k) => referenceY(x, tx, T, k, bg));
  let total = 0;
  for (let k = 1; k <= H; k++) total += ((Y[k] - Y[k - 1]) * spend) / (1 + dPerUnit) ** k;
  return total;
}

describe("customer lifetime value", () => {
  test.each([
    [2, 30.43, 38.86, 25, 52, 0.1, YEAR, WEEK],
    [0, 0, 38.86, 0, 26, 0.01, MONTH, WEEK],
    [29, 37.71, 38, 80, 40, 0.12, YEAR, WEEK],
    [7, 20, 38.86, 40, 13, 0, YEAR, WEEK],
  ])(
    "x=%p t_x=%p T=%p m=%p over %p weeks at %p per %p days equals the definition summed by brute force",
    (x, tx, T, m, H, rate, period, unit) => {
      const d = (1 + rate) ** (unit / period) - 1;
      const ref = referenceClv(x, tx, T, m, H, d);
      const model = customerLifetimeValue(x, tx, T, m, BG, GG, H, rate, unit, period);
      expect(Math.abs(model / ref - 1)).toBeLessThan(1e-9);
    }
  );

  test("heavy buyers: finite and equal to the brute-force definition", () => {
    const bg = { r: 3, alpha: 0.1, a: 0.6, b: 12 };
    const model = customerLifetimeValue(10_000, 299, 300, 120, bg, GG, 12, 0.1, WEEK, YEAR);
    const d = 1.1 ** (7 / 365.25) - 1;
    expect(Math.abs(model / referenceClv(10_000, 299, 300, 120, 12, d, bg) - 1)).toBeLessThan(1e-9);
  });

  test("with no discounting, CLV = expected spend × E[Y(H)], whatever the units say", () => {
    const spend = (GG.p * (GG.gamma + 25 * 2)) / (GG.p * 2 + GG.q - 1);
    const value = customerLifetimeValue(2, 30.43, 38.86, 25, BG, GG, 52, 0, WEEK, YEAR);
    expect(Math.abs(value / (spend * referenceY(2, 30.43, 38.86, 52)) - 1)).toBeLessThan(1e-9);
  });

  test("weekly data done right: the same customers in days give the same undiscounted value, and nearly the same discounted one", () => {
    // Days: every time ×7, α ×7 (α is in the data's unit), horizon 364 days = 52 weeks.
    const daily = { ...BG, alpha: BG.alpha * 7 };
    const weeks = customerLifetimeValue(2, 30.43, 38.86, 25, BG, GG, 52, 0, WEEK, YEAR);
    const days = customerLifetimeValue(2, 7 * 30.43, 7 * 38.86, 25, daily, GG, 364, 0, DAY, YEAR);
    expect(Math.abs(days / weeks - 1)).toBeLessThan(1e-9);
    const weeksAt10 = customerLifetimeValue(2, 30.43, 38.86, 25, BG, GG, 52, 0.1, WEEK, YEAR);
    const daysAt10 = customerLifetimeValue(
      2,
      7 * 30.43,
      7 * 38.86,
      25,
      daily,
      GG,
      364,
      0.1,
      DAY,
      YEAR
    );
    // Daily steps discount each purchase a little earlier (by up to 6 days of a 10% year).
    expect(Math.abs(daysAt10 / weeksAt10 - 1)).toBeLessThan(2e-3);
    // Weekly data taken for daily (lifetimes' default): 52 periods discounted as 52 days …
    const misread = customerLifetimeValue(2, 30.43, 38.86, 25, BG, GG, 52, 0.1, DAY, YEAR);
    expect(misread).toBeGreaterThan(weeksAt10 * 1.03);
    // … and "a year" read as 365 periods: seven years of weekly purchases.
    const misreadHorizon = customerLifetimeValue(2, 30.43, 38.86, 25, BG, GG, 365, 0.1, DAY, YEAR);
    expect(misreadHorizon / weeksAt10).toBeGreaterThan(2);
  });

  test("rate conversion: (1 + rate)^(unit length / rate period length) − 1", () => {
    expect(discountRatePerUnit(0.1, YEAR, WEEK)).toBeCloseTo(1.1 ** (7 / 365.25) - 1, 15);
    expect(discountRatePerUnit(0.01, MONTH, MONTH)).toBeCloseTo(0.01, 15);
    expect(discountRatePerUnit(0.01, MONTH, YEAR)).toBeCloseTo(1.01 ** 12 - 1, 14);
    expect(discountRatePerUnit(0.02, QUARTER, DAY)).toBeCloseTo(1.02 ** (4 / 365.25) - 1, 15);
    expect(unitDays(" Weeks ", "time_unit")).toBe(7);
    expect(unitDays("DAY", "time_unit")).toBe(1);
    expect(unitDays("year", "time_unit")).toBe(365.25);
    expect(unitDays(7, "time_unit")).toBe(7);
    expect(unitDays("30", "time_unit")).toBe(30);
    const caught = thrownBy(() => unitDays("fortnight", "rate_period"));
    expect((caught as DomainError).code).toBe("value");
    expect((caught as DomainError).message).toMatch(/rate_period must be "day"/);
    for (const bad of [0, -7, "", "  "])
      expect((thrownBy(() => unitDays(bad, "time_unit")) as DomainError).code).toBe("value");
  });

  test("unitWord names the length unitDays gives each word, and nothing else", () => {
    for (const word of ["day", "week", "month", "quarter", "year"] as const)
      expect(unitWord(unitDays(word, "time_unit"))).toBe(word);
    expect(unitWord(365.25 / 3)).toBeNull();
    expect(unitWord(30)).toBeNull();
  });

  test("horizon 0 is 0; out-of-range inputs are errors, not NaN", () => {
    expect(customerLifetimeValue(2, 30, 38, 25, BG, GG, 0, 0.1, WEEK, YEAR)).toBe(0);
    for (const f of [
      () => customerLifetimeValue(2, 30, 38, 25, BG, GG, -1, 0.1, WEEK, YEAR),
      () => customerLifetimeValue(2, 30, 38, 25, BG, GG, 1e9, 0.1, WEEK, YEAR),
      () => customerLifetimeValue(2, 30, 38, 25, BG, GG, 52, -0.5, WEEK, YEAR),
      () => customerLifetimeValue(2, 30, 38, 25, BG, { ...GG, q: 0.9 }, 52, 0.1, WEEK, YEAR),
      () => customerLifetimeValue(2, 39, 38, 25, BG, GG, 52, 0.1, WEEK, YEAR),
    ])
      expect(thrownBy(f)).toBeInstanceOf(DomainError);
  });
});
