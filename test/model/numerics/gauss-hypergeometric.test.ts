/**
 * ₂F₁ against references written here: the series in exact rational arithmetic (BigInt fixed
 * point, 80 digits), Euler's integral by a tanh-sinh rule in plain loops, and closed forms.
 * The derivatives of ₂F₁(1, b; c; z) (the Pareto/NBD's) against central differences of the
 * BigInt series, and the series path against the integral path where both work.
 */
import fc from "fast-check";
import {
  hypergeometricOneByIntegral,
  hypergeometricOneBySeries,
  hypergeometricOneDerivatives,
  logHypergeometric2F1,
  logHypergeometricOne,
  newLogHypergeometricDerivatives,
} from "../../../src/model/numerics/gauss-hypergeometric";
import { lgamma, tanhSinh } from "../buyers/bgnbd-helpers";

const SCALE_DIGITS = 80n;
const ONE = 10n ** SCALE_DIGITS;
const LN10 = Math.log(10);

/** ln of a positive BigInt fixed-point number (value = S / 10^80). */
function lnFixed(S: bigint): number {
  const digits = S.toString();
  const lead = Number(digits.slice(0, 17)) / 1e16;
  return Math.log(lead) + (digits.length - 1 - Number(SCALE_DIGITS)) * LN10;
}

/**
 * ln ₂F₁(A/D, B/D; C/D; Z/1024) by its series in exact integer arithmetic (each term truncated
 * at 10⁻⁸⁰), summed until the terms fall below 10⁻⁶⁰ of the sum and keep falling.
 */
function bigSeries(A: number, B: number, C: number, D: number, Z: number): number {
  let term = ONE;
  let sum = ONE;
  const [a, b, c, d, z] = [A, B, C, D, Z].map(BigInt);
  for (let n = 0n; n < 200000n; n++) {
    term = (term * (a + n * d) * (b + n * d) * z) / ((c + n * d) * d * (n + 1n) * 1024n);
    sum += term;
    const size = term < 0n ? -term : term;
    if (
      size * 10n ** 60n < sum &&
      n > 10n &&
      (a + n * d) * (b + n * d) * BigInt(Math.abs(Z)) < (c + n * d) * d * (n + 1n) * 1024n
    )
      break;
  }
  return lnFixed(sum);
}

/**
 * ln ₂F₁ by Euler's integral, c > b > 0, 0 ≤ z < 1, written with the test's own quadrature;
 * 1 − zt as (1 − z) + z(1 − t), exact near t = 1.
 */
function eulerIntegral(a: number, b: number, c: number, z: number, q = 1 - z): number {
  const norm = lgamma(c) - lgamma(b) - lgamma(c - b);
  const I = tanhSinh(
    (lnT, ln1mT) => (b - 1) * lnT + (c - b - 1) * ln1mT - a * Math.log(q + z * Math.exp(ln1mT)),
    1 / 256
  );
  return norm + Math.log(I);
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe("logHypergeometric2F1", () => {
  test("equals the exact rational series for positive a, b, c and −0.9 ≤ z ≤ 0.9", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 * 16 }),
        fc.integer({ min: 1, max: 40 * 16 }),
        fc.integer({ min: 1, max: 40 * 16 }),
        fc.integer({ min: -922, max: 922 }),
        (A, B, C0, Z) => {
          const D = 16;
          // z < 0 is covered where Pfaff's transformation keeps positive parameters: c ≥ a or b.
          const C = Z < 0 ? Math.max(C0, Math.min(A, B)) : C0;
          const ref = bigSeries(A, B, C, D, Z);
          const got = logHypergeometric2F1(A / D, B / D, C / D, Z / 1024);
          // ln F is compared absolutely (it is the relative error of F) where F is large.
          expect(Math.abs(got - ref)).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref)));
        }
      ),
      { numRuns: 300 }
    );
  });

  test("equals Euler's integral near z = 1, where the series is replaced", () => {
    for (const [a, b, c, z] of [
      [1, 1, 2, 0.9999],
      [2.5, 0.7, 3.1, 0.99999],
      [0.3, 1.5, 2.5, 0.999],
      [5, 2, 9, 0.9995],
    ]) {
      const got = logHypergeometric2F1(a, b, c, z);
      expect(rel(got, eulerIntegral(a, b, c, z))).toBeLessThan(1e-10);
    }
  });

  test("closed forms: ₂F₁(1,1;2;z) = −ln(1−z)/z and ₂F₁(a,b;b;z) = (1−z)^{−a}", () => {
    for (const q of [0.5, 1e-3, 1e-6, 1e-9]) {
      const z = 1 - q;
      expect(rel(logHypergeometric2F1(1, 1, 2, z, q), Math.log(-Math.log(q) / z))).toBeLessThan(
        1e-12
      );
    }
    for (const z of [-50, -2, -0.3, 0.2, 0.7]) {
      expect(rel(logHypergeometric2F1(2.7, 1.3, 1.3, z), -2.7 * Math.log1p(-z))).toBeLessThan(
        1e-12
      );
    }
  });

  test("z < 0 through Pfaff's transformation equals the exact series on −0.9 ≤ z < 0", () => {
    for (const [A, B, C, Z] of [
      [16, 32, 48, -900],
      [80, 5, 100, -512],
      [3, 200, 17, -100],
    ]) {
      const ref = bigSeries(A, B, C, 16, Z);
      expect(Math.abs(logHypergeometric2F1(A / 16, B / 16, C / 16, Z / 1024) - ref)).toBeLessThan(
        1e-12 * Math.max(1, Math.abs(ref))
      );
    }
  });
});

describe("₂F₁(1, b; c; z) with its derivatives in (b, c, z)", () => {
  /** ln ₂F₁(1, b; c; z) through the exact series, at rational points b = B/D etc. */
  const exact = (b: number, c: number, z: number) => {
    const D = 2 ** 20;
    return bigSeries(D, Math.round(b * D), Math.round(c * D), D, Math.round(z * 1024));
  };

  test("values and derivatives equal the exact series and its central differences", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 880 }),
        (B, gap, Z) => {
          const b = B / 64;
          const c = b + gap / 64 + (b + gap / 64 > 1 ? 0 : 1);
          const z = Z / 1024;
          const out = hypergeometricOneDerivatives(
            b,
            c,
            z,
            1 - z,
            newLogHypergeometricDerivatives()
          );
          expect(Math.abs(out.value - exact(b, c, z))).toBeLessThan(1e-12);
          expect(Math.abs(logHypergeometricOne(b, c, z, 1 - z) - out.value)).toBeLessThan(1e-13);
          // Central differences of the (value-only) function in b and c, with steps 2^-10.
          const h = 2 ** -10;
          const f = (bb: number, cc: number) => logHypergeometricOne(bb, cc, z, 1 - z);
          const fb = (f(b + h, c) - f(b - h, c)) / (2 * h);
          const fcc = (f(b, c + h) - f(b, c - h)) / (2 * h);
          expect(Math.abs(out.gradient[0] - fb)).toBeLessThan(1e-5 * (1 + Math.abs(fb)));
          expect(Math.abs(out.gradient[1] - fcc)).toBeLessThan(1e-5 * (1 + Math.abs(fcc)));
          const fbb = (f(b + h, c) - 2 * out.value + f(b - h, c)) / (h * h);
          expect(Math.abs(out.hessian[0] - fbb)).toBeLessThan(1e-3 * (1 + Math.abs(fbb)));
        }
      ),
      { numRuns: 120 }
    );
  });

  test("the z-derivatives equal differences of the exact series, also at z = 0", () => {
    for (const [b, c, z] of [
      [0.5, 1.7, 0],
      [3, 4.5, 0.25],
      [40, 41.25, 0.625],
      [0.015625, 1.03125, 0.8125],
    ]) {
      const out = hypergeometricOneDerivatives(b, c, z, 1 - z, newLogHypergeometricDerivatives());
      const h = 1 / 1024;
      const up = exact(b, c, z + h);
      const down = z === 0 ? null : exact(b, c, z - h);
      const mid = exact(b, c, z);
      const slope = down === null ? (up - mid) / h : (up - down) / (2 * h);
      const curve = down === null ? null : (up - 2 * mid + down) / (h * h);
      expect(Math.abs(out.gradient[2] - slope)).toBeLessThan(
        (down === null ? 2e-3 : 1e-5) * (1 + Math.abs(slope))
      );
      if (curve !== null)
        expect(Math.abs(out.hessian[8] - curve)).toBeLessThan(1e-4 * (1 + Math.abs(curve)));
    }
  });

  test("the series and the bounded integral agree on value, gradient and Hessian", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -6, max: 9, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: 0, max: 0.97, noNaN: true }),
        (lnB, lnGap, z) => {
          const b = Math.exp(lnB);
          const c = Math.max(b + Math.exp(lnGap), 1 + Math.exp(lnGap));
          const s = hypergeometricOneBySeries(b, c, z);
          if (s === null) return;
          const i = hypergeometricOneByIntegral(b, c, z);
          expect(rel(i.value, s.value)).toBeLessThan(1e-12);
          for (let k = 0; k < 3; k++)
            expect(Math.abs(i.gradient[k] - s.gradient[k])).toBeLessThan(
              1e-9 * (1 + Math.abs(s.gradient[k]))
            );
          for (let k = 0; k < 9; k++)
            expect(Math.abs(i.hessian[k] - s.hessian[k])).toBeLessThan(
              1e-8 * (1 + Math.abs(s.hessian[k]))
            );
        }
      ),
      { numRuns: 200 }
    );
  });

  test("near z = 1 (1 − z down to 1e-9) it is finite, and equals the series summed term by term", () => {
    /** ln Σ Pₙ zⁿ, Kahan-summed over as many terms as it takes (tens of millions near z = 1). */
    const brute = (b: number, c: number, z: number) => {
      let term = 1;
      let sum = 1;
      let carry = 0;
      for (let n = 0; term > 1e-18 * sum; n++) {
        term *= ((b + n) * z) / (c + n);
        const y = term - carry;
        const t = sum + y;
        carry = t - sum - y;
        sum = t;
      }
      return Math.log(sum);
    };
    for (const [b, c] of [
      [1, 2],
      [0.001, 1.002],
      [10000, 10001.001],
      [1.5, 2000],
      [0.6, 3.2],
    ])
      for (const q of [1e-3, 1e-5, 1e-9]) {
        const z = 1 - q;
        const out = hypergeometricOneDerivatives(b, c, z, q, newLogHypergeometricDerivatives());
        expect(Number.isFinite(out.value)).toBe(true);
        expect([...out.gradient, ...out.hessian].every(Number.isFinite)).toBe(true);
        if (b === 1 && c === 2)
          expect(rel(out.value, Math.log(-Math.log(q) / z))).toBeLessThan(1e-12);
        if (q >= 1e-5) expect(rel(out.value, brute(b, c, z))).toBeLessThan(1e-11);
      }
  });
});

/**
 * A double-double number (hi + lo, |lo| ≤ ulp(hi)/2) and the few operations the reference series
 * needs, written here in plain loops (Knuth's two-sum, Dekker's split product): about 32
 * significant digits, so a series of hundreds of thousands of terms stays exact to double
 * precision.
 */
type DD = [number, number];
const twoSum = (a: number, b: number): DD => {
  const s = a + b;
  const v = s - a;
  return [s, a - (s - v) + (b - v)];
};
const split = (a: number): DD => {
  const t = 134217729 * a; // 2^27 + 1
  const hi = t - (t - a);
  return [hi, a - hi];
};
const twoProd = (a: number, b: number): DD => {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
};
const ddAdd = (x: DD, y: DD): DD => {
  const [s, e] = twoSum(x[0], y[0]);
  return twoSum(s, e + x[1] + y[1]);
};
const ddMul = (x: DD, y: DD): DD => {
  const [p, e] = twoProd(x[0], y[0]);
  return twoSum(p, e + x[0] * y[1] + x[1] * y[0]);
};
const ddDiv = (x: DD, y: DD): DD => {
  const q1 = x[0] / y[0];
  const r = ddAdd(x, ddMul([-q1, 0], y));
  const q2 = r[0] / y[0];
  const r2 = ddAdd(r, ddMul([-q2, 0], y));
  return ddAdd(twoSum(q1, q2), [r2[0] / y[0], 0]);
};

/**
 * ln ₂F₁(a, b; c; z) by its series in double-double, every term's ratio (a+n)(b+n)z/((c+n)(n+1))
 * formed in double-double, until the terms fall below 1e-25 of the sum while the ratios stay
 * under 1 (the tail is then below 1e-25·ratio/(1 − ratio) of the sum).
 */
function ddSeries(a: number, b: number, c: number, z: number): number {
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  const zz: DD = [z, 0];
  for (let n = 0; n < 5e6; n++) {
    const num = ddMul(ddMul(twoSum(a, n), twoSum(b, n)), zz);
    const den = ddMul(twoSum(c, n), [n + 1, 0]);
    const ratio = ddDiv(num, den);
    term = ddMul(term, ratio);
    sum = ddAdd(sum, term);
    if (ratio[0] < 1 && term[0] * (1 / (1 - ratio[0])) < 1e-25 * sum[0]) break;
  }
  return Math.log(sum[0]) + sum[1] / sum[0];
}

describe("₂F₁ against a double-double series on random parameters, near z = 1 too", () => {
  /** 1 − z = Q·2⁻⁴⁰ with Q whole: z and 1 − z both exact in doubles. */
  const nearOne = fc.double({ min: Math.log(1e-4), max: Math.log(0.5), noNaN: true }).map((v) => {
    const q = Math.round(Math.exp(v) * 2 ** 40) / 2 ** 40;
    return { z: 1 - q, q };
  });
  const positive = (lo: number, hi: number) =>
    fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map(Math.exp);

  test("the Pareto/NBD's ₂F₁(1, b; c; z) on both branches, 1 − z from 0.5 down to 1e-4", () => {
    fc.assert(
      fc.property(
        // α ≥ β: b = r + x, c = b + s + 1; α < β: b = s + 1, c = b + r + x.
        fc.boolean(),
        positive(1e-3, 30),
        fc.integer({ min: 0, max: 10_000 }),
        positive(1e-3, 3000),
        nearOne,
        (upper, r, x, s, { z, q }) => {
          const b = upper ? r + x : s + 1;
          const c = upper ? b + s + 1 : b + r + x;
          if (!(c > 1)) return;
          const ref = ddSeries(1, b, c, z);
          const out = hypergeometricOneDerivatives(b, c, z, q, newLogHypergeometricDerivatives());
          expect(rel(out.value, ref)).toBeLessThan(1e-12);
          expect(rel(logHypergeometricOne(b, c, z, q), ref)).toBeLessThan(1e-12);
          expect([...out.gradient, ...out.hessian].every(Number.isFinite)).toBe(true);
        }
      ),
      { numRuns: 60 }
    );
  });

  test("logHypergeometric2F1(a, b; c; z) with c above a or b, 1 − z down to 1e-4", () => {
    fc.assert(
      fc.property(
        positive(0.05, 20),
        positive(0.05, 20),
        positive(0.05, 20),
        nearOne,
        (a, b, gap, { z, q }) => {
          const c = Math.min(a, b) + gap;
          const ref = ddSeries(a, b, c, z);
          expect(Math.abs(logHypergeometric2F1(a, b, c, z, q) - ref)).toBeLessThan(
            1e-11 * Math.max(1, Math.abs(ref))
          );
        }
      ),
      { numRuns: 60 }
    );
  });
});

test("the double-double series itself: ₂F₁(1, 1; 2; z) = −ln(1−z)/z to 1e-15 near z = 1", () => {
  for (const q of [0.5, 2 ** -10, 2 ** -13]) {
    const z = 1 - q;
    expect(rel(ddSeries(1, 1, 2, z), Math.log(-Math.log(q) / z))).toBeLessThan(1e-15);
  }
});
