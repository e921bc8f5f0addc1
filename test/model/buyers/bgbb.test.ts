/**
 * BG/BB against references written here: the likelihood by numerical integration of the
 * individual-level likelihood over p ~ Beta(α, β) and θ ~ Beta(γ, δ); P(alive), the conditional
 * expectation and P(X(n) = x) against simulation of the model's story; the fit against Fader,
 * Hardie & Shang's published donation figures, and recovering known parameters.
 */
import fc from "fast-check";
import {
  bgbbConditionalExpectedTransactions,
  bgbbExpectedTransactions,
  bgbbProbabilityAlive,
  bgbbTransactionCountProbability,
} from "../../../src/model/buyers/bgbb";
import { bgbbCurvature, bgbbLogLikelihood, fitBgBb } from "../../../src/model/buyers/bgbb-fit";
import { buyerModelNamed } from "../../../src/model/buyers/buyer-models";
import { DomainError } from "../../../src/model/errors";
import { simulateBgBb } from "./buyer-simulations";
import { negativeDefinite, Ridge, ridgeRises } from "./ridge-check";

/** Beta(a, b) density weights on a midpoint grid of m cells in [0, 1], normalised to sum 1. */
function betaGrid(a: number, b: number, m: number) {
  const p: number[] = [];
  const w: number[] = [];
  let total = 0;
  for (let i = 0; i < m; i++) {
    const v = (i + 0.5) / m;
    p.push(v);
    const d = Math.pow(v, a - 1) * Math.pow(1 - v, b - 1);
    w.push(d);
    total += d;
  }
  return { p, w: w.map((d) => d / total) };
}

/** The individual-level likelihood, as the model's story tells it, at given p and θ. */
function individual(x: number, tx: number, n: number, p: number, th: number): number {
  let l = p ** x * (1 - p) ** (n - x) * (1 - th) ** n;
  for (let i = 0; i <= n - tx - 1; i++)
    l += p ** x * (1 - p) ** (tx - x + i) * th * (1 - th) ** (tx + i);
  return l;
}

function integratedLikelihood(
  x: number,
  tx: number,
  n: number,
  [alpha, beta, gamma, delta]: number[]
): number {
  const P = betaGrid(alpha, beta, 600);
  const Q = betaGrid(gamma, delta, 600);
  let sum = 0;
  for (let i = 0; i < P.p.length; i++)
    for (let j = 0; j < Q.p.length; j++)
      sum += P.w[i] * Q.w[j] * individual(x, tx, n, P.p[i], Q.p[j]);
  return sum;
}

/** Fader, Hardie & Shang's donors (Table 1): (x, t_x, count), all with n = 6. */
const DONATIONS: [number, number, number][] = [
  [0, 0, 3464],
  [1, 1, 1091],
  [1, 2, 277],
  [1, 3, 129],
  [1, 4, 78],
  [1, 5, 119],
  [1, 6, 129],
  [2, 2, 613],
  [2, 3, 255],
  [2, 4, 155],
  [2, 5, 173],
  [2, 6, 234],
  [3, 3, 322],
  [3, 4, 181],
  [3, 5, 225],
  [3, 6, 357],
  [4, 4, 240],
  [4, 5, 284],
  [4, 6, 512],
  [5, 5, 335],
  [5, 6, 728],
  [6, 6, 1203],
];

const donations = {
  frequency: DONATIONS.map((r) => r[0]),
  recency: DONATIONS.map((r) => r[1]),
  n: DONATIONS.map(() => 6),
  weight: DONATIONS.map((r) => r[2]),
};

describe("BG/BB likelihood", () => {
  it("equals the individual likelihood integrated over p and θ", () => {
    const params = [2.7, 2.3, 2.4, 3.1]; // above 2: smooth integrands, midpoint error O(1/m²)
    for (const [x, tx, n] of [
      [0, 0, 6],
      [2, 4, 6],
      [3, 3, 9],
      [5, 7, 7],
      [1, 1, 12],
    ]) {
      const model = bgbbLogLikelihood(
        { frequency: [x], recency: [tx], n: [n] },
        ...(params as [number, number, number, number])
      );
      expect(model).toBeCloseTo(Math.log(integratedLikelihood(x, tx, n, params)), 4);
    }
  });

  it("has the analytic gradient and Hessian of its own central differences", () => {
    const d = {
      frequency: [0, 2, 4, 1, 6],
      recency: [0, 5, 4, 1, 6],
      n: [6, 6, 8, 3, 6],
      weight: [3, 1, 2, 5, 1],
    };
    const p: [number, number, number, number] = [0.8, 1.6, 0.5, 2.2];
    const c = bgbbCurvature(d, p);
    const h = 1e-5;
    const f = (q: number[]) => bgbbLogLikelihood(d, q[0], q[1], q[2], q[3]);
    for (let i = 0; i < 4; i++) {
      const up = p.map((v, k) => (k === i ? v + h : v));
      const dn = p.map((v, k) => (k === i ? v - h : v));
      expect(c.gradient[i]).toBeCloseTo((f(up) - f(dn)) / (2 * h), 5);
      for (let j = 0; j < 4; j++) {
        const g = (q: number[]) =>
          bgbbCurvature(d, q as [number, number, number, number]).gradient[j];
        expect(c.hessian[i][j]).toBeCloseTo((g(up) - g(dn)) / (2 * h), 3);
      }
    }
  });
});

describe("BG/BB fit", () => {
  it("reproduces Fader, Hardie & Shang's donation fit", () => {
    expect(donations.weight.reduce((a, b) => a + b, 0)).toBe(11104);
    const fit = fitBgBb(donations);
    expect(fit.alpha).toBeCloseTo(1.204, 3);
    expect(fit.beta).toBeCloseTo(0.75, 3);
    expect(fit.gamma).toBeCloseTo(0.657, 3);
    expect(fit.delta).toBeCloseTo(2.783, 3);
    expect(fit.logLikelihood).toBeCloseTo(-33225.6, 1);
    // A true maximum: the gradient vanishes.
    const c = bgbbCurvature(donations, [fit.alpha, fit.beta, fit.gamma, fit.delta]);
    for (const g of c.gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it("recovers the parameters it simulated from", () => {
    const truth = [1.2, 0.8, 0.6, 2.5];
    const rows = simulateBgBb(truth, 20000, 8, 0, 11);
    const fit = fitBgBb({
      frequency: rows.map((r) => r.x),
      recency: rows.map((r) => r.tx),
      n: rows.map(() => 8),
    });
    const got = [fit.alpha, fit.beta, fit.gamma, fit.delta];
    got.forEach((v, i) => expect(Math.abs(Math.log(v / truth[i]))).toBeLessThan(0.2));
  });

  it("says why when no customer transacts", () => {
    expect(() => fitBgBb({ frequency: [0, 0], recency: [0, 0], n: [3, 4] })).toThrow(
      /no customer transacted/
    );
  });
});

describe("BG/BB per customer", () => {
  const truth = [1.2, 0.8, 0.6, 2.5];
  const P = { alpha: truth[0], beta: truth[1], gamma: truth[2], delta: truth[3] };
  const n = 6;
  const future = 5;
  const rows = simulateBgBb(truth, 40000, n, future, 7);

  it("P(alive at n+1) averages to the simulated share alive", () => {
    let model = 0;
    let alive = 0;
    for (const r of rows) {
      model += bgbbProbabilityAlive(r.x, r.tx, n, P);
      alive += r.aliveNext ? 1 : 0;
    }
    // Binomial standard error of a share near 1/2 over 40,000 customers ≈ 0.0025.
    expect(Math.abs(model - alive) / rows.length).toBeLessThan(0.01);
  });

  it("P(alive) of each history equals the simulated share alive among its customers", () => {
    const byHistory = new Map<string, { alive: number; count: number; x: number; tx: number }>();
    for (const r of rows) {
      const key = `${r.x},${r.tx}`;
      const e = byHistory.get(key) ?? { alive: 0, count: 0, x: r.x, tx: r.tx };
      e.alive += r.aliveNext ? 1 : 0;
      e.count++;
      byHistory.set(key, e);
    }
    for (const e of byHistory.values()) {
      if (e.count < 1000) continue;
      const p = bgbbProbabilityAlive(e.x, e.tx, n, P);
      const se = Math.sqrt((p * (1 - p)) / e.count);
      expect(Math.abs(e.alive / e.count - p)).toBeLessThan(4 * se + 1e-9);
    }
  });

  it("conditional expectations average to the simulated future transactions", () => {
    let model = 0;
    let actual = 0;
    for (const r of rows) {
      model += bgbbConditionalExpectedTransactions(r.x, r.tx, n, future, P);
      actual += r.futureX;
    }
    expect(Math.abs(model - actual) / actual).toBeLessThan(0.03);
  });

  it("the conditional expectation equals its defining beta-function sum over the coming periods (test-side lnΓ)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        (a, b, c, K, gamma, delta) => {
          const [x, tx, nn] = [a, b, c].sort((u, v) => u - v);
          if (x === 0 && tx > 0) return;
          const params = { alpha: 1.1, beta: 0.9, gamma, delta };
          const { x: xx, tx: tt } = x === 0 ? { x: 0, tx: 0 } : { x, tx };
          // Brute force: Σ_k P(alive at n) · E[p | …] · E[(1−θ)^k | alive at n], by the betas directly.
          const lb = (p: number, q: number) => lg(p) + lg(q) - lg(p + q);
          const lnL = Math.log(integratedFree(xx, tt, nn, params));
          let sum = 0;
          for (let k = 1; k <= K; k++)
            sum += Math.exp(
              lb(params.alpha + xx + 1, params.beta + nn - xx) -
                lb(params.alpha, params.beta) +
                lb(gamma, delta + nn + k) -
                lb(gamma, delta) -
                lnL
            );
          const model = bgbbConditionalExpectedTransactions(xx, tt, nn, K, params);
          expect(model).toBeCloseTo(sum, 8);
        }
      ),
      { numRuns: 100 }
    );
  });

  it("P(X(n) = x) matches the simulated histogram, sums to 1 and has mean E[X(n)]", () => {
    const counts = new Array(n + 1).fill(0);
    for (const r of rows) counts[r.x]++;
    let total = 0;
    let mean = 0;
    for (let x = 0; x <= n; x++) {
      const p = bgbbTransactionCountProbability(x, n, P);
      total += p;
      mean += x * p;
      const se = Math.sqrt((p * (1 - p)) / rows.length);
      expect(Math.abs(counts[x] / rows.length - p)).toBeLessThan(4 * se);
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(bgbbExpectedTransactions(n, P), 10);
  });
});

/** lnΓ by Lanczos (test-side). */
function lg(z: number): number {
  const c = [
    676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lg(1 - z);
  z -= 1;
  let x = 0.99999999999980993;
  for (let i = 0; i < 8; i++) x += c[i] / (z + i + 1);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}

/** The likelihood by its beta-function sum, term by term (test-side lnΓ). */
function integratedFree(
  x: number,
  tx: number,
  n: number,
  { alpha, beta, gamma, delta }: { alpha: number; beta: number; gamma: number; delta: number }
): number {
  const lb = (p: number, q: number) => lg(p) + lg(q) - lg(p + q);
  let l = Math.exp(
    lb(alpha + x, beta + n - x) - lb(alpha, beta) + lb(gamma, delta + n) - lb(gamma, delta)
  );
  for (let i = 0; i <= n - tx - 1; i++)
    l += Math.exp(
      lb(alpha + x, beta + tx - x + i) -
        lb(alpha, beta) +
        lb(gamma + 1, delta + tx + i) -
        lb(gamma, delta)
    );
  return l;
}

describe("BG/BB numerical standard", () => {
  it("never gives NaN or Infinity: a number in range or a DomainError", () => {
    const positive = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        positive,
        positive,
        positive,
        positive,
        (a, b, c, K, alpha, beta, gamma, delta) => {
          const [x0, tx0, n] = [a, b, c].sort((u, v) => u - v);
          const [x, tx] = x0 === 0 ? [0, 0] : [x0, tx0];
          const P = { alpha, beta, gamma, delta };
          for (const f of [
            () => bgbbProbabilityAlive(x, tx, n, P),
            () => bgbbConditionalExpectedTransactions(x, tx, n, K, P),
            () => bgbbTransactionCountProbability(x, n, P),
            () => bgbbExpectedTransactions(n, P),
          ]) {
            try {
              const v = f();
              expect(Number.isFinite(v)).toBe(true);
              expect(v).toBeGreaterThanOrEqual(0);
            } catch (e) {
              expect(e).toBeInstanceOf(DomainError);
            }
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe("MBG/NBD and BG/BB behind the model checks", () => {
  it("are named as cells name them and give their own fits", () => {
    const bgbb = buyerModelNamed("BG/BB");
    const fit = bgbb.fit({
      frequency: donations.frequency,
      recency: donations.recency,
      T: donations.n,
      weight: donations.weight,
    });
    expect(fit.logLikelihood).toBeCloseTo(-33225.6, 1);
    expect(bgbb.time).toBe("discrete");
    // P(X(n) = x) over x = 0 … n adds up to 1, its mean is E[X(n)].
    let total = 0;
    let mean = 0;
    for (let x = 0; x <= 6; x++) {
      const p = bgbb.purchaseCountProbability(x, 6, fit.parameters);
      total += p;
      mean += x * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(bgbb.expectedPurchases(6, fit.parameters), 10);
    expect(buyerModelNamed("mbg-nbd").label).toBe("MBG/NBD");
  });
});

describe("the BG/BB fit on any data: a true maximum or #NUM! with the reason", () => {
  const customer = fc.record({ a: fc.nat(12), b: fc.nat(12), c: fc.nat(12) }).map(({ a, b, c }) => {
    const [x, tx, n] = [a, b, c].sort((u, v) => u - v);
    return x === 0 ? { x: 0, tx: 0, n } : { x, tx, n };
  });

  /** The ridge a #NUM! message names: the parameters at ln-distance s out along it. */
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const E = Math.exp;
  function ridgeNamed(message: string): Ridge | null {
    if (/alpha and beta grow without bound together/.test(message))
      return ([share, g, d], s) => [sigmoid(share) * E(s), (1 - sigmoid(share)) * E(s), E(g), E(d)];
    if (/gamma and delta grow without bound together/.test(message))
      return ([a, b, share], s) => [E(a), E(b), sigmoid(share) * E(s), (1 - sigmoid(share)) * E(s)];
    if (/gamma\/\(gamma\+delta\) falls towards 0/.test(message))
      return ([a, b, g], s) => [E(a), E(b), E(g), E(s)];
    if (/gamma and delta fall towards 0 together/.test(message))
      return ([a, b, share], s) => [
        E(a),
        E(b),
        sigmoid(share) * E(-s),
        (1 - sigmoid(share)) * E(-s),
      ];
    if (/alpha and beta fall towards 0 together/.test(message))
      return ([share, g, d], s) => [
        sigmoid(share) * E(-s),
        (1 - sigmoid(share)) * E(-s),
        E(g),
        E(d),
      ];
    const single = /\((alpha|beta|gamma|delta) runs towards (infinity|0)\)$/.exec(message);
    if (!single) return null;
    const i = ["alpha", "beta", "gamma", "delta"].indexOf(single[1]);
    const sign = single[2] === "0" ? -1 : 1;
    return (free, s) => [...free.slice(0, i), sign * s, ...free.slice(i)].map(E);
  }

  it("a maximum (gradient 0, Hessian negative definite) or #NUM! naming a rising ridge", () => {
    // Each history must be one or the other. Few random histories have a finite maximum (1 to 7
    // in 100), so no count is asserted; the fits on simulated data above have one.
    fc.assert(
      fc.property(fc.array(customer, { minLength: 3, maxLength: 60 }), (rows) => {
        const data = {
          frequency: rows.map((r) => r.x),
          recency: rows.map((r) => r.tx),
          n: rows.map((r) => r.n),
        };
        let fit;
        try {
          fit = fitBgBb(data);
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          const message = (e as Error).message;
          if (/^no customer transacted/.test(message)) {
            expect(rows.every((r) => r.x === 0)).toBe(true);
            return;
          }
          expect(message).toMatch(/^no finite BG\/BB parameters/);
          const ridge = ridgeNamed(message);
          expect(ridge).not.toBeNull();
          const ll = (p: number[]) => bgbbLogLikelihood(data, p[0], p[1], p[2], p[3]);
          // Corner starts too: on a few customers the highest profile often has the other
          // pair at a limit as well (α, β → 0 beside γ, δ → ∞), which a search from 0 misses.
          const along = ridgeRises(ll, ridge as Ridge, [
            [0, 0, 0],
            [-6, -6, 0],
            [6, 6, 0],
            [-6, 6, 0],
            [6, -6, 0],
          ]);
          expect(along).toMatchObject({ rises: true });
          return;
        }
        const p = [fit.alpha, fit.beta, fit.gamma, fit.delta];
        expect(p.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
        const c = bgbbCurvature(data, p as [number, number, number, number]);
        c.gradient.forEach((g, i) =>
          expect(Math.abs(g * p[i])).toBeLessThan(1e-6 * (1 + Math.abs(c.logLikelihood)))
        );
        expect(negativeDefinite(c.hessian)).toBe(true);
      }),
      {
        numRuns: 100,
        // The climbs from the first three starts all reached β → 0 (ln L −5.093); the highest
        // limit is α, β → 0 beside γ, δ → ∞ (−4.499), which the fourth start heads for.
        examples: [
          [
            [
              { x: 0, tx: 0, n: 4 },
              { x: 0, tx: 0, n: 4 },
              { x: 4, tx: 4, n: 7 },
              { x: 0, tx: 0, n: 9 },
            ],
          ],
        ],
      }
    );
  });

  it("the named ridge rises on the draws whose search from 0 alone found it falling", () => {
    const cases: [number[], number[], number[], Ridge][] = [
      [
        [9, 0, 0],
        [9, 0, 0],
        [10, 1, 5],
        ([a, b, share], s) => [E(a), E(b), sigmoid(share) * E(s), (1 - sigmoid(share)) * E(s)],
      ],
      [
        [0, 2, 0],
        [0, 9, 0],
        [7, 12, 8],
        ([share, g, d], s) => [sigmoid(share) * E(s), (1 - sigmoid(share)) * E(s), E(g), E(d)],
      ],
    ];
    for (const [frequency, recency, n, ridge] of cases) {
      const data = { frequency, recency, n };
      const ll = (p: number[]) => bgbbLogLikelihood(data, p[0], p[1], p[2], p[3]);
      expect(() => fitBgBb(data)).toThrow(/grow without bound together/);
      const corners = [
        [0, 0, 0],
        [-6, -6, 0],
        [6, 6, 0],
        [-6, 6, 0],
        [6, -6, 0],
      ];
      expect(ridgeRises(ll, ridge, corners)).toMatchObject({ rises: true });
    }
  });

  it("a ridge is #NUM!, not a fit stalled where lnΓ's rounding hides the rise (the failing draws)", () => {
    // Before the likelihood was summed from differences, these "fitted" with γ ≈ 9·10⁵,
    // δ ≈ 2·10⁶ and α ≈ 3·10⁶, β ≈ 8·10⁶: the climb stalled in rounding noise with a gradient of
    // 1e-4 on ln γ, past the 1e-5 the check above allowed (the draws that failed it).
    const cases: [number[], number[], number[], RegExp][] = [
      [
        [0, 3, 0, 1, 0, 0],
        [0, 3, 0, 3, 0, 0],
        [1, 9, 10, 10, 10, 5],
        /gamma and delta grow without bound together/,
      ],
      [
        [2, 3, 3, 3, 1, 1, 0, 0, 3, 2, 0, 0],
        [7, 9, 4, 11, 4, 1, 0, 0, 5, 2, 0, 0],
        [10, 10, 9, 12, 5, 7, 10, 11, 7, 7, 11, 8],
        /alpha and beta grow without bound together/,
      ],
    ];
    for (const [frequency, recency, n, reason] of cases) {
      const data = { frequency, recency, n };
      expect(() => fitBgBb(data)).toThrow(reason);
      // And the likelihood does rise along that ridge, by more than rounding: ×10 from 10⁶.
      const ll = (k: number) =>
        /alpha/.test(reason.source)
          ? bgbbLogLikelihood(data, 3.09e6 * k, 7.93e6 * k, 0.3655, 1.736)
          : bgbbLogLikelihood(data, 0.3205, 0.6595, 8.95e5 * k, 2.2e6 * k);
      expect(ll(10)).toBeGreaterThan(ll(1));
    }
  });
});
