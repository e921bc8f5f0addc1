/*
 * The fits' `stats` argument in the built dist/functions.js, called as Excel calls it (a fresh
 * context, 2-D ranges, null for an omitted optional, TRUE/FALSE as booleans): TRUE/1 give the
 * LINEST-like 5×k block, FALSE/0/blank/omitted the one row; the standard errors agree with a
 * finite-difference Hessian of the likelihoods written in this test. And every flag argument
 * (stats, headers, basis, type) takes Excel's logical values. Needs `npm run build`.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { loadFunctionsBundle } from "../support/load-bundle";
import { statsBlock } from "../../src/functions/fit-stats-block";
import {
  bgnbdCustomerLogLikelihood,
  ggCustomerLogLikelihood,
  simulateBgNbd,
} from "../model/buyers/bgnbd-helpers";
import { gaussJordanInverse, numericalHessian } from "../model/numerics/hessian-helpers";

const { registered, inRealm } = loadFunctionsBundle();
const call = (id: string, ...args: unknown[]) => registered.get(id)!(...args.map(inRealm));
const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{ id: string; parameters: Array<{ name: string; optional?: boolean }> }>;
};
const column = (values: unknown[]) => values.map((v) => [v]);
const codeOf = (cell: unknown) => (cell instanceof CustomFunctionsError ? cell.code : cell);
const Z = 1.959963984540054;

const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 1200, 27, 39, 31, {
  p: 6.25,
  q: 3.74,
  gamma: 15.44,
});
const X = column(sim.frequency);
const TX = column(sim.recency);
const T = column(sim.T);
const M = column(sim.monetary);

const fits: Array<{
  id: string;
  args: unknown[];
  width: number;
  customers: number;
  ll: (theta: number[]) => number;
}> = [
  {
    id: "BGNBD_FIT",
    args: [X, TX, T, null],
    width: 4,
    customers: sim.frequency.length,
    ll: ([r, alpha, a, b]) =>
      sim.frequency.reduce(
        (s, x, i) => s + bgnbdCustomerLogLikelihood(r, alpha, a, b, x, sim.recency[i], sim.T[i]),
        0
      ),
  },
  {
    id: "GG_FIT",
    args: [X, M, null],
    width: 3,
    customers: sim.frequency.filter((x) => x > 0).length,
    ll: ([p, q, gamma]) =>
      sim.frequency.reduce(
        (s, x, i) => (x > 0 ? s + ggCustomerLogLikelihood(p, q, gamma, x, sim.monetary[i]) : s),
        0
      ),
  },
];

describe.each(fits)("RETAIN.$id with stats", ({ id, args, width, customers, ll }) => {
  const plain = call(id, ...args) as number[][];

  test("the last optional argument is named stats", () => {
    const params = metadata.functions.find((f) => f.id === id)!.parameters;
    expect(params[params.length - 1]).toEqual(
      expect.objectContaining({ name: "stats", optional: true })
    );
  });

  test("FALSE, 0, blank or omitted: the parameters in one row", () => {
    expect(plain.length).toBe(1);
    expect(plain[0].length).toBe(width);
    plain[0].forEach((v) => expect(v).toBeGreaterThan(0));
    for (const off of [false, 0, null, "", [[false]], [[0]], [[null]], "0", "false"])
      expect(call(id, ...args, off)).toEqual(plain);
  });

  test("TRUE or 1: 5 rows × the parameters, as LINEST lays them out, with #N/A padding", () => {
    const block = call(id, ...args, true) as unknown[][];
    for (const on of [1, [[true]], [[1]], "1", 2, "TRUE", [[" True "]]])
      expect(call(id, ...args, on)).toEqual(block);
    expect(block.map((row) => row.length)).toEqual([width, width, width, width, width]);
    expect(block[0]).toEqual(plain[0]);
    const [theta, se, low, high, last] = block as number[][];
    for (let i = 0; i < width; i++) {
      expect(se[i]).toBeGreaterThan(0);
      expect(low[i]).toBeCloseTo(theta[i] * Math.exp((-Z * se[i]) / theta[i]), 10);
      expect(high[i]).toBeCloseTo(theta[i] * Math.exp((Z * se[i]) / theta[i]), 10);
      expect(low[i]).toBeGreaterThan(0);
    }
    expect(Math.abs(last[0] - ll(theta))).toBeLessThan(1e-9 * Math.abs(last[0]));
    expect(last[1]).toBe(customers);
    expect(last.slice(2).map(codeOf)).toEqual(new Array(width - 2).fill("#N/A"));
  });

  test("standard errors: the inverse of a finite-difference Hessian of the likelihood", () => {
    const [theta, se] = call(id, ...args, true) as number[][];
    const minus = numericalHessian(ll, theta).map((row) => row.map((v) => -v));
    const covariance = gaussJordanInverse(minus);
    theta.forEach((_, i) =>
      expect(Math.abs(se[i] / Math.sqrt(covariance[i][i]) - 1)).toBeLessThan(1e-4)
    );
  });

  test("no customer rows: blanks of the block's shape; a bad stats: #VALUE! naming it", () => {
    const blanks = args.map((a, i) => (i < args.length - 1 ? column([null, null]) : a));
    expect(call(id, ...blanks, true)).toEqual(new Array(5).fill(new Array(width).fill("")));
    expect(call(id, ...blanks, false)).toEqual([new Array(width).fill("")]);
    for (const bad of [[[1, 0]], "yes"]) {
      const [[e]] = call(id, ...args, bad) as unknown[][];
      expect(e).toBeInstanceOf(CustomFunctionsError);
      expect((e as CustomFunctionsError).code).toBe("#VALUE!");
      expect((e as CustomFunctionsError).message).toMatch(/^stats/);
    }
  });
});

describe("statsBlock: five rows as wide as the parameters (two at least), #N/A padding", () => {
  const na = "#N/A";
  test.each([
    [
      [3],
      [
        [3, na],
        [0.5, na],
        [2, na],
        [4, na],
        [-10, 7],
      ],
    ],
    [
      [3, 4],
      [
        [3, 4],
        [0.5, 0.6],
        [2, 2.5],
        [4, 5],
        [-10, 7],
      ],
    ],
    [
      [3, 4, 5],
      [
        [3, 4, 5],
        [0.5, 0.6, 0.7],
        [2, 2.5, 3],
        [4, 5, 6],
        [-10, 7, na],
      ],
    ],
  ])("%j", (parameters, expected) => {
    const k = parameters.length;
    const stats = {
      standardErrors: [0.5, 0.6, 0.7].slice(0, k),
      lower: [2, 2.5, 3].slice(0, k),
      upper: [4, 5, 6].slice(0, k),
      covariance: [],
    };
    expect(statsBlock(parameters, stats, -10, 7).map((row) => row.map(codeOf))).toEqual(expected);
  });
});

describe("a degenerate fit: parameters without stats, #NUM! with them", () => {
  // A handful of customers: the maximum lies far out (q and γ, or a and b, in the millions),
  // where the likelihood is nearly flat and the bounds would run past any number.
  test.each([
    ["GG_FIT", [column([1, 1, 2, 4]), column([18, 11, 11, 15]), null]],
    ["BGNBD_FIT", [column([3, 3, 2]), column([5, 2, 12]), column([22, 13, 14]), null]],
  ])("%s", (id, args) => {
    const plain = call(id, ...args) as unknown[][];
    expect(plain.length).toBe(1);
    plain[0].forEach((v) => expect(v).toBeGreaterThan(0));
    expect((call(id, ...args, true) as unknown[][]).map((row) => row.map(codeOf))).toEqual([
      ["#NUM!"],
    ]);
  });
});

describe("the stats block feeds RETAIN.CLV as the one row does", () => {
  test("bgnbd_params and gg_params may be whole stats blocks", () => {
    const bg = call("BGNBD_FIT", X, TX, T, null, true) as unknown[][];
    const gg = call("GG_FIT", X, M, null, true) as unknown[][];
    const customer = [column([3, 0]), column([20, 0]), column([35, 30]), column([40, 0])];
    const rest = [[[52]], [[0.1]], "week", "year"];
    const fromRows = call("CLV", ...customer, [bg[0]], [gg[0]], ...rest) as number[][];
    expect(fromRows.flat().every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(call("CLV", ...customer, bg, gg, ...rest)).toEqual(fromRows);
  });
});

describe("every flag argument takes TRUE and FALSE as 1 and 0", () => {
  test("headers (RETAIN.RFM)", () => {
    const orders = [column(["a", "a", "b"]), column(["2024-01-01", "2024-01-09", "2024-01-03"])];
    const withHeaders = call("RFM", ...orders, null, null, null, 1) as unknown[][];
    const without = call("RFM", ...orders, null, null, null, 0) as unknown[][];
    expect(withHeaders[0][0]).toBe("customer");
    expect(without.length).toBe(withHeaders.length - 1);
    expect(call("RFM", ...orders, null, null, null, true)).toEqual(withHeaders);
    expect(call("RFM", ...orders, null, null, null, [[true]])).toEqual(withHeaders);
    expect(call("RFM", ...orders, null, null, null, false)).toEqual(without);
    expect(call("RFM", ...orders, null, null, null, [[false]])).toEqual(without);
  });

  test("basis (RETAIN.RETENTION_RATE) and type (RETAIN.LTV)", () => {
    const rr = (basis: unknown) => call("RETENTION_RATE", [[1000]], [[1100]], [[200]], basis);
    expect(rr(true)).toEqual(rr(1));
    expect(rr([[true]])).toEqual(rr(1));
    expect(rr(false)).toEqual(rr(0));
    expect(rr(1)).not.toEqual(rr(0));
    const ltv = (type: unknown) => call("LTV", [[100]], [[0.8]], [[0.1]], [[10]], type);
    expect(ltv(true)).toEqual(ltv(1));
    expect(ltv(false)).toEqual(ltv(0));
    expect(ltv(1)).not.toEqual(ltv(0));
    // A logical value where a number is meant stays #VALUE!.
    expect(codeOf((call("RETENTION_RATE", [[true]], [[1100]], [[200]]) as unknown[][])[0][0])).toBe(
      "#VALUE!"
    );
  });
});
