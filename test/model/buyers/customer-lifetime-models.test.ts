/**
 * The customer-lifetime table under each purchase model of the registry (MBG/NBD, BG/NBD and
 * Pareto/NBD once it is there): every per-row figure against that model's own functions called
 * row by row here, and the CLV against the definition summed period by period in a plain loop,
 *   E[M | x, m] · Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k,
 * on random orders (fast-check); the fit is the model's own fit of the table's RFM columns.
 */
import fc from "fast-check";
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeTable,
  LIFETIME_MODELS,
  lifetimeBuyerModel,
  LifetimeModelName,
} from "../../../src/model/buyers/customer-lifetime";
import { expectedAverageSpend } from "../../../src/model/buyers/gamma-gamma";
import { mbgnbdProbabilityAlive } from "../../../src/model/buyers/mbgnbd-purchases";
import { probabilityAlive } from "../../../src/model/buyers/bgnbd-purchases";
import { paretoProbabilityAlive } from "../../../src/model/buyers/pareto-nbd";
import { bgbbProbabilityAlive } from "../../../src/model/buyers/bgbb";
import { DomainError } from "../../../src/model/errors";

const near = (a: number, b: number, rel: number) =>
  Math.abs(a - b) <= rel * Math.max(1e-12, Math.abs(b));

const aliveOf: Record<
  LifetimeModelName,
  (x: number, tx: number, T: number, p: number[]) => number
> = {
  BGNBD: (x, tx, T, [r, al, a, b]) => probabilityAlive(x, tx, T, r, al, a, b),
  MBGNBD: (x, tx, T, [r, al, a, b]) => mbgnbdProbabilityAlive(x, tx, T, r, al, a, b),
  PARETO_NBD: (x, tx, T, [r, al, s, be]) => paretoProbabilityAlive(x, tx, T, r, al, s, be),
  BGBB: (x, tx, n, [al, be, ga, de]) =>
    bgbbProbabilityAlive(x, tx, n, { alpha: al, beta: be, gamma: ga, delta: de }),
};

/**
 * Random orders, as customers who leave make them: 80 customers, each with a buying rate, a
 * chance of leaving after each order and a typical amount of their own; the first order on a day
 * of the first quarter, the next ones at exponential gaps, until they leave or the year ends.
 * Orders on uniformly random days have no dropout and no spend that differs between customers
 * to find: the fits refused them (#NUM!) two times in three, and a run of six draws could be all
 * refusals, which left nothing compared (CI failed so on BG/NBD). Here about 1 in 20 is refused.
 */
const orders = fc.integer({ min: 1, max: 2 ** 31 - 2 }).map((seed) => {
  let state = seed;
  const random = () => ((state = (state * 48271) % 2147483647), state / 2147483647);
  const rows: { customer: number; day: number; amount: number }[] = [];
  for (let customer = 1; customer <= 80; customer++) {
    const perWeek = -Math.log(1 - random()) * 0.6;
    const leave = 0.05 + 0.5 * random();
    const spend = 20 + 150 * random();
    for (let day = 45000 + Math.floor(random() * 90); day <= 45365;) {
      rows.push({ customer, day, amount: Math.max(5, Math.round(spend * (0.5 + random()))) });
      if (random() < leave) break;
      day += Math.max(1, Math.round((-Math.log(1 - random()) / perWeek) * 7));
    }
  }
  return rows;
});

function tableOf(
  rows: { customer: number; day: number; amount: number }[],
  model: LifetimeModelName,
  holdoutDays: number
): CustomerLifetimeTable | null {
  const analysis = new CustomerLifetimeAnalysis();
  rows.forEach((o, i) => analysis.add(i + 1, `C${o.customer}`, o.day, o.amount));
  try {
    return analysis.finish({
      timeUnitDays: 7,
      holdoutDays,
      horizon: 13,
      annualDiscountRate: 0.1,
      model,
    });
  } catch (e) {
    // Random data a model refuses to fit (nobody repeats …) says why; nothing to compare then.
    if (e instanceof DomainError) return null;
    throw e;
  }
}

const available = LIFETIME_MODELS.filter((m) => lifetimeBuyerModel(m) !== null);

describe("the customer-lifetime table under each model", () => {
  it("offers MBG/NBD and BG/NBD at least, MBG/NBD first", () => {
    expect(available[0]).toBe("MBGNBD");
    expect(available).toContain("BGNBD");
  });

  for (const name of available)
    it(`${name}: fit, P(alive), expected purchases, holdout and CLV are the model's, row by row`, () => {
      const model = lifetimeBuyerModel(name)!;
      let fitted = 0;
      fc.assert(
        fc.property(orders, fc.constantFrom(0, 28), (rows, holdoutDays) => {
          const table = tableOf(rows, name, holdoutDays);
          if (table === null) return;
          fitted++;
          const { frequency: x, recency: tx, age: T, monetary: m } = table.customers;
          const data = { frequency: x, recency: tx, T };
          expect(table.purchases.model).toBe(name);
          expect(table.purchases.parameters).toEqual(model.fit(data).parameters);
          const p = table.purchases.parameters;
          const perUnit = Math.pow(1.1, 7 / 365.25) - 1;
          for (let k = 0; k < table.customers.count; k++) {
            expect(table.pAlive[k]).toBe(aliveOf[name](x[k], tx[k], T[k], p));
            const E = (t: number) => model.conditionalExpectedPurchases(x[k], tx[k], T[k], t, p);
            expect(near(table.expectedPurchases[k], E(13), 1e-9)).toBe(true);
            if (table.holdout) expect(near(table.holdout.expected[k], E(4), 1e-9)).toBe(true);
            if (table.spend === null) continue;
            let discounted = 0;
            for (let step = 1; step <= 13; step++)
              discounted += (E(step) - E(step - 1)) / Math.pow(1 + perUnit, step);
            const s = table.spend;
            const clv = expectedAverageSpend(x[k], m[k], s.p, s.q, s.gamma) * discounted;
            if (!near(table.clv[k], clv, 1e-8))
              throw new Error(`CLV of row ${k}: ${table.clv[k]} against ${clv}`);
          }
        }),
        { numRuns: 6 }
      );
      expect(fitted).toBeGreaterThan(0);
    });

  it("gives one-time buyers a P(alive) below 1 under MBG/NBD, and 1 under BG/NBD", () => {
    fc.assert(
      fc.property(orders, (rows) => {
        const mbg = tableOf(rows, "MBGNBD", 0);
        const bg = tableOf(rows, "BGNBD", 0);
        if (mbg === null || bg === null) return;
        mbg.customers.frequency.forEach((x, k) => {
          if (x === 0 && mbg.customers.age[k] > 0) expect(mbg.pAlive[k]).toBeLessThan(1);
        });
        bg.customers.frequency.forEach((x, k) => {
          if (x === 0) expect(bg.pAlive[k]).toBe(1);
        });
      }),
      { numRuns: 4 }
    );
  });
});
