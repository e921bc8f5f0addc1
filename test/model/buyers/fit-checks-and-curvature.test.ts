import fc from "fast-check";
import {
  checkRepeatBuyers,
  checkSomeCustomers,
  curvatureOnParameters,
  WeightedCustomers,
} from "../../../src/model/buyers/fit-checks-and-curvature";
import { DomainError } from "../../../src/model/errors";
import { numericalHessian } from "../numerics/hessian-helpers";

const NO_CUSTOMERS = "there are no customers to fit (or every weight is 0)";
const noRepeat = (lifetime: string) =>
  `no customer made a repeat purchase (every frequency is 0): purchase and ${lifetime} rates cannot be estimated from these customers`;
const NO_TIME = "every T is 0: the customers were observed for no time";

/** The message thrown by `run`, or null when it returns. */
function thrown(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return (e as Error).message;
  }
}

/** Customers as the fits prepare them, from plain rows (x, T, weight). */
function grouped(rows: { x: number; T: number; w: number }[]): WeightedCustomers {
  const xs = [...new Set(rows.map((r) => r.x))];
  return {
    xs,
    group: rows.map((r) => xs.indexOf(r.x)),
    T: rows.map((r) => r.T),
    w: rows.map((r) => r.w),
    totalWeight: rows.reduce((s, r) => s + r.w, 0),
  };
}

describe("the fits' input checks", () => {
  it("name the first thing missing, word for word", () => {
    expect(thrown(() => checkSomeCustomers(0))).toBe(NO_CUSTOMERS);
    expect(thrown(() => checkSomeCustomers(NaN))).toBe(NO_CUSTOMERS);
    expect(thrown(() => checkSomeCustomers(0.5))).toBeNull();
    const none = grouped([{ x: 3, T: 5, w: 0 }]);
    expect(thrown(() => checkRepeatBuyers(none, "dropout"))).toBe(NO_CUSTOMERS);
    const noRepeats = grouped([
      { x: 0, T: 5, w: 2 },
      { x: 4, T: 5, w: 0 },
    ]);
    expect(thrown(() => checkRepeatBuyers(noRepeats, "dropout"))).toBe(noRepeat("dropout"));
    expect(thrown(() => checkRepeatBuyers(noRepeats, "death"))).toBe(noRepeat("death"));
    const noTime = grouped([{ x: 1, T: 0, w: 1 }]);
    expect(thrown(() => checkRepeatBuyers(noTime, "death"))).toBe(NO_TIME);
    // Tiny weight and T: w·T underflows to 0, yet T is not 0 (the random draw that found it).
    const tiny = grouped([{ x: 1, T: 5e-324, w: 5e-324 }]);
    expect(thrown(() => checkRepeatBuyers(tiny, "dropout"))).toBeNull();
  });

  it("on random customers: throw exactly when weight, repeat purchases or time is missing", () => {
    const row = fc.record({
      x: fc.nat(3),
      T: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })),
      w: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 3, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        // Brute force: weight, then weight on a repeat buyer, then weighted time.
        let expected: string | null = null;
        if (!rows.some((r) => r.w > 0)) expected = NO_CUSTOMERS;
        else if (!rows.some((r) => r.w > 0 && r.x > 0)) expected = noRepeat("dropout");
        else if (!rows.some((r) => r.w > 0 && r.T > 0)) expected = NO_TIME;
        expect(thrown(() => checkRepeatBuyers(grouped(rows), "dropout"))).toBe(expected);
      }),
      { numRuns: 300 }
    );
  });
});

describe("the curvature on the parameters themselves", () => {
  it("matches finite differences of a known function of p, given its θ = ln p derivatives", () => {
    // f(p) = Σ cᵢ ln pᵢ − Σ dᵢ pᵢ + e·p₀p₁. In θ: F = Σ cᵢθᵢ − Σ dᵢ e^θᵢ + e·e^{θ₀+θ₁}, so
    // ∂F/∂θᵢ = cᵢ − dᵢpᵢ + [i<2] e·p₀p₁, ∂²F/∂θᵢ² = −dᵢpᵢ + [i<2] e·p₀p₁, ∂²F/∂θ₀∂θ₁ = e·p₀p₁.
    const value = fc.double({ min: -3, max: 3, noNaN: true });
    const positive = fc.double({ min: -2, max: 2, noNaN: true }).map((v) => Math.exp(v));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((n) =>
            fc.tuple(
              fc.array(positive, { minLength: n, maxLength: n }),
              fc.array(value, { minLength: n, maxLength: n }),
              fc.array(value, { minLength: n, maxLength: n }),
              value
            )
          ),
        ([p, c, d, e]) => {
          const n = p.length;
          const f = (q: number[]) => {
            let s = e * q[0] * q[1];
            for (let i = 0; i < n; i++) s += c[i] * Math.log(q[i]) - d[i] * q[i];
            return s;
          };
          const cross = e * p[0] * p[1];
          const g: number[] = [];
          const H: number[] = new Array(n * n).fill(0);
          for (let i = 0; i < n; i++) {
            g.push(c[i] - d[i] * p[i] + (i < 2 ? cross : 0));
            H[i * n + i] = -d[i] * p[i] + (i < 2 ? cross : 0);
          }
          H[1] = cross;
          H[n] = cross;
          const got = curvatureOnParameters(p, g, H);
          // Central differences in p, step hᵢ = 1e-4·pᵢ (the Hessian: the fits' shared reference).
          const at = (i: number, s: number) => {
            const q = [...p];
            q[i] += s * 1e-4 * p[i];
            return f(q);
          };
          const fdd = numericalHessian(f, p, 1e-4);
          let scale = 1;
          for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(c[i]) / p[i] ** 2);
          for (let i = 0; i < n; i++) {
            const fd = (at(i, 1) - at(i, -1)) / (2 * 1e-4 * p[i]);
            expect(Math.abs(got.gradient[i] - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
            for (let j = 0; j < n; j++)
              expect(Math.abs(got.hessian[i][j] - fdd[i][j])).toBeLessThan(1e-4 * scale);
          }
        }
      ),
      { numRuns: 200 }
    );
  });
});
