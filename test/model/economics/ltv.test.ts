import { ltv, saasLtv } from "../../../src/model/economics/ltv";

/** The definition, summed term by term. */
function bruteForce(m: number, r: number, d: number, T: number, type: 0 | 1): number {
  let sum = 0;
  for (let t = 1; t <= T; t++)
    sum += type === 0 ? (m * r ** (t - 1)) / (1 + d) ** t : (m * r ** (t - 1)) / (1 + d) ** (t - 1);
  return sum;
}

/** Excel's PV(rate, nper, pmt, 0, type), written out. */
function excelPv(rate: number, nper: number, pmt: number, type: 0 | 1): number {
  if (rate === 0) return -pmt * nper;
  return (-pmt * (1 + rate * type) * (1 - (1 + rate) ** -nper)) / rate;
}

describe("ltv (docs/definitions.md §4)", () => {
  test("m=100, r=0.8, d=0.1: end of period 333.33, beginning 366.67", () => {
    expect(ltv(100, 0.8, 0.1, null, 0)).toBeCloseTo(333.3333333, 6);
    expect(ltv(100, 0.8, 0.1, null, 1)).toBeCloseTo(366.6666667, 6);
  });
  test("Gupta–Lehmann m·r/(1+d−r) is type 1 minus the first margin: 266.67", () => {
    expect(ltv(100, 0.8, 0.1, null, 1) - 100).toBeCloseTo(266.6666667, 6);
  });
  test.each([
    [100, 0.8, 0.1, 1],
    [100, 0.8, 0.1, 7],
    [250, 0.95, 0.01, 120],
    [1, 0.999999, 0, 5000],
    [10, 0, 0.2, 3],
    [10, 1, 0.05, 40],
    [10, 0.5, 0, 10],
  ])("finite horizon equals the brute-force sum: m=%p r=%p d=%p T=%p", (m, r, d, T) => {
    for (const type of [0, 1] as const) {
      const expected = bruteForce(m, r, d, T, type);
      expect(Math.abs(ltv(m, r, d, T, type) - expected)).toBeLessThanOrEqual(
        1e-10 * Math.abs(expected) + 1e-12
      );
    }
  });
  test("non-integer periods are truncated", () =>
    expect(ltv(100, 0.8, 0.1, 3.9, 0)).toBe(ltv(100, 0.8, 0.1, 3, 0)));
  test("with r = 1 it equals −PV(d, T, m, 0, type)", () => {
    for (const type of [0, 1] as const) {
      expect(ltv(100, 1, 0.1, 10, type)).toBeCloseTo(-excelPv(0.1, 10, 100, type), 9);
      expect(ltv(100, 1, 0, 10, type)).toBeCloseTo(-excelPv(0, 10, 100, type), 9);
    }
  });
  test("a long horizon approaches the unlimited value", () => {
    expect(ltv(100, 0.8, 0.1, 10_000, 0)).toBeCloseTo(ltv(100, 0.8, 0.1, null, 0), 9);
  });
  test.each([
    ["retention above 1", () => ltv(1, 1.01, 0.1)],
    ["negative retention", () => ltv(1, -0.01, 0.1)],
    ["negative discount", () => ltv(1, 0.5, -0.1)],
    ["periods below 1", () => ltv(1, 0.5, 0.1, 0.5)],
    ["type 2", () => ltv(1, 0.5, 0.1, null, 2)],
    ["r = 1, d = 0, unlimited", () => ltv(1, 1, 0)],
    ["overflow", () => ltv(1e308, 1, 0, 1e10)],
  ])("%s is #NUM!", (_, f) => expect(f).toThrow(expect.objectContaining({ code: "num" })));
  test("SaaS shorthand", () => {
    expect(saasLtv(100, 0.8, 0.05)).toBeCloseTo(1600, 9);
    expect(() => saasLtv(100, 0.8, 0)).toThrow(/churn/);
  });
});
