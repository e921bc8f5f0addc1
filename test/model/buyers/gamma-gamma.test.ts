import { DomainError } from "../../../src/model/errors";
import { expectedAverageSpend } from "../../../src/model/buyers/gamma-gamma";
import { fitGammaGamma, gammaGammaLogLikelihood } from "../../../src/model/buyers/gamma-gamma-fit";
import { ggCustomerLogLikelihood, simulateBgNbd } from "./bgnbd-helpers";

/**
 * E[p/ν | x, m] by integrating over the posterior of ν ∝ ν^{q+px−1} e^{−ν(γ+xm)} (prior
 * Gamma(q, γ) times the Gamma(px, xν) density of the customer's mean), on u = ln ν with the
 * trapezoid rule: the integrand decays doubly exponentially both ways.
 */
function posteriorMeanSpend(x: number, m: number, p: number, q: number, gamma: number): number {
  const k = q + p * x;
  const s = gamma + x * m;
  const mode = Math.log(k / s);
  const logf = (u: number, power: number) => power * u - s * Math.exp(u) - (k * mode - k);
  let num = 0;
  let den = 0;
  const h = 0.002;
  for (let u = mode - 60; u <= mode + 10; u += h) {
    den += Math.exp(logf(u, k));
    num += Math.exp(logf(u, k - 1));
  }
  return (p * num) / den;
}

const CDNOW_SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };

function code(f: () => unknown): [string, string] | null {
  try {
    f();
  } catch (e) {
    return [(e as DomainError).code, (e as DomainError).message];
  }
  return null;
}

describe("expected average spend", () => {
  test.each([
    [1, 20, 6.25, 3.74, 15.44],
    [4, 35.5, 6.25, 3.74, 15.44],
    [10_000, 120, 2, 1.5, 300],
    [3, 0.01, 0.3, 8, 1e4],
    [0, 50, 6.25, 3.74, 15.44],
  ])("x=%p m=%p p=%p q=%p γ=%p equals the posterior mean by integration", (x, m, p, q, gamma) => {
    const ref = x === 0 ? (gamma * p) / (q - 1) : posteriorMeanSpend(x, m, p, q, gamma);
    expect(Math.abs(expectedAverageSpend(x, m, p, q, gamma) / ref - 1)).toBeLessThan(1e-9);
  });

  test("q ≤ 1 is #NUM! (infinite mean spend); bad customers are #VALUE!", () => {
    expect(code(() => expectedAverageSpend(2, 10, 1, 1, 5))).toEqual([
      "num",
      expect.stringMatching(/q must be above 1/),
    ]);
    expect(code(() => expectedAverageSpend(2, 10, 1, 0.5, 5))?.[0]).toBe("num");
    expect(code(() => expectedAverageSpend(1.5, 10, 1, 2, 5))?.[0]).toBe("value");
    expect(code(() => expectedAverageSpend(2, -1, 1, 2, 5))?.[0]).toBe("value");
    expect(code(() => expectedAverageSpend(2, 10, 0, 2, 5))?.[0]).toBe("num");
  });
});

type Spend = { frequency: number[]; monetary: number[]; weight?: number[] };

const referenceLl = (d: Spend, theta: number[]) => {
  const [p, q, gamma] = theta.map(Math.exp);
  let ll = 0;
  for (let i = 0; i < d.frequency.length; i++)
    if (d.frequency[i] > 0)
      ll +=
        (d.weight ? d.weight[i] : 1) *
        ggCustomerLogLikelihood(p, q, gamma, d.frequency[i], d.monetary[i]);
  return ll;
};

describe("fitGammaGamma", () => {
  const sim = simulateBgNbd(
    { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    20_000,
    27,
    39,
    5,
    CDNOW_SPEND
  );
  const data: Spend = { frequency: sim.frequency, monetary: sim.monetary };

  test("recovers simulated parameters at a strict maximum (gradient ≈ 0, truth within 4 SE)", () => {
    const fit = fitGammaGamma(data);
    const theta = [fit.p, fit.q, fit.gamma].map(Math.log);
    expect(fit.logLikelihood).toBeCloseTo(referenceLl(data, theta), 6);
    expect(fit.customersUsed).toBe(data.frequency.filter((x) => x > 0).length);
    const h = 1e-4;
    const f = (t: number[]) => referenceLl(data, t);
    const at = (i: number, s: number, j = -1, u = 0) =>
      theta.map((v, k) => v + (k === i ? s : 0) + (k === j ? u : 0));
    const g = theta.map((_, i) => (f(at(i, h)) - f(at(i, -h))) / (2 * h));
    for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-6 * Math.abs(fit.logLikelihood));
    const H = theta.map((_, i) =>
      theta.map(
        (_, j) =>
          (f(at(i, h, j, h)) - f(at(i, h, j, -h)) - f(at(i, -h, j, h)) + f(at(i, -h, j, -h))) /
          (4 * h * h)
      )
    );
    // 3×3 inverse diagonal of −H by cofactors.
    const A = H.map((row) => row.map((v) => -v));
    const det =
      A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) -
      A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0]) +
      A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
    const variance = [
      (A[1][1] * A[2][2] - A[1][2] * A[2][1]) / det,
      (A[0][0] * A[2][2] - A[0][2] * A[2][0]) / det,
      (A[0][0] * A[1][1] - A[0][1] * A[1][0]) / det,
    ];
    const truth = [CDNOW_SPEND.p, CDNOW_SPEND.q, CDNOW_SPEND.gamma].map(Math.log);
    for (let i = 0; i < 3; i++) {
      expect(variance[i]).toBeGreaterThan(0);
      expect(Math.abs(theta[i] - truth[i])).toBeLessThan(4 * Math.sqrt(variance[i]));
    }
    expect(gammaGammaLogLikelihood(data, fit.p, fit.q, fit.gamma)).toBeCloseTo(
      fit.logLikelihood,
      8
    );
  });

  test("customers with no repeat purchases play no part, whatever their monetary value", () => {
    const some = {
      frequency: data.frequency.slice(0, 3000),
      monetary: data.monetary.slice(0, 3000),
    };
    const base = fitGammaGamma(some);
    const padded = fitGammaGamma({
      frequency: [...some.frequency, 0, 0, 0],
      monetary: [...some.monetary, -5, 1e9, 0],
    });
    expect(padded.p).toBe(base.p);
    expect(padded.customersUsed).toBe(base.customersUsed);
  });

  test("weights are counts of identical rows", () => {
    const some = {
      frequency: data.frequency.slice(0, 2000),
      monetary: data.monetary.slice(0, 2000),
    };
    const weight = some.frequency.map((_, i) => 1 + (i % 4));
    const repeated: Spend = { frequency: [], monetary: [] };
    some.frequency.forEach((x, i) => {
      for (let k = 0; k < weight[i]; k++) {
        repeated.frequency.push(x);
        repeated.monetary.push(some.monetary[i]);
      }
    });
    const a = fitGammaGamma({ ...some, weight });
    const b = fitGammaGamma(repeated);
    expect(a.p).toBeCloseTo(b.p, 8);
    expect(a.q).toBeCloseTo(b.q, 8);
    expect(a.gamma).toBeCloseTo(b.gamma, 6);
    expect(a.customersUsed).toBe(b.customersUsed);
  });

  test("heavy buyers (x up to 10,000) and large amounts converge", () => {
    const heavy = simulateBgNbd({ r: 3, alpha: 0.1, a: 0.6, b: 12 }, 800, 100, 300, 4, {
      p: 2,
      q: 4,
      gamma: 3000,
    });
    const fit = fitGammaGamma({ frequency: heavy.frequency, monetary: heavy.monetary });
    expect(Math.max(...heavy.frequency)).toBeGreaterThan(3000);
    expect(Math.abs(Math.log(fit.p / 2))).toBeLessThan(0.1);
    for (const v of [fit.p, fit.q, fit.gamma, fit.logLikelihood])
      expect(Number.isFinite(v)).toBe(true);
  });

  test("no repeat buyers, or no variation in spend, is #NUM! with the reason; bad rows #VALUE!", () => {
    expect(code(() => fitGammaGamma({ frequency: [0, 0], monetary: [0, 0] }))).toEqual([
      "num",
      expect.stringMatching(/no customer has a repeat purchase/),
    ]);
    expect(code(() => fitGammaGamma({ frequency: [1, 2, 5], monetary: [10, 10, 10] }))).toEqual([
      "num",
      expect.stringMatching(/same mean spend/),
    ]);
    expect(code(() => fitGammaGamma({ frequency: [1, 2], monetary: [10, 0] }))).toEqual([
      "value",
      expect.stringMatching(/monetary_value must be above 0.*row 2/),
    ]);
    // Two customers: either a maximum or a clear #NUM!, never a hang or NaN.
    const two = code(() => fitGammaGamma({ frequency: [1, 3], monetary: [10, 12] }));
    if (two !== null) expect(two[0]).toBe("num");
  });
});
