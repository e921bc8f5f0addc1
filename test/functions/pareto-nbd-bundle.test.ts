/*
 * RETAIN.PARETO_NBD_* in the built dist/functions.js, loaded as the JavaScript-only custom
 * functions runtime loads it and called by id with arguments built in its own realm, as Excel
 * hands them over: registered once each, with metadata and Chinese descriptions; the fit at a
 * maximum of Fader & Hardie's printed likelihood, with and without stats (TRUE/FALSE and 1/0);
 * P(alive) and E[Y(t)] against the defining integrals on a grid; P(X(t) = x) adding up to 1
 * with the mean E[X(t)] of its closed form; text and negative inputs as Excel errors. Needs
 * `npm run build`.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { loadFunctionsBundle } from "../support/load-bundle";
import {
  paretoLikelihoodAsPrinted,
  posteriorByGrid,
  simulateParetoNbd,
} from "../model/buyers/pareto-nbd-helpers";

const { registered, associateCalls, inRealm } = loadFunctionsBundle();
const call = (id: string, ...args: unknown[]) =>
  registered.get(id)!(...args.map(inRealm)) as unknown[][];
const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{ id: string; parameters: Array<{ name: string; optional?: boolean }> }>;
};
const chinese = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")) as {
  functions: Array<{ id: string; description: string }>;
};
const column = (values: unknown[]) => values.map((v) => [v]);
const s = (v: unknown) => [[v]];
const IDS = [
  "PARETO_NBD_FIT",
  "PARETO_NBD_P_ALIVE",
  "PARETO_NBD_CONDITIONAL",
  "PARETO_NBD_PROBABILITY",
];

// 60 customers whose likelihood has an interior maximum (the model tests' data set).
const data = simulateParetoNbd({ r: 1.2, alpha: 5, s: 0.8, beta: 20 }, 60, 20, 52, 6);
const x = column(data.frequency);
const tx = column(data.recency);
const T = column(data.T);

/** Σ ln L by the printed formula, customer by customer. */
const printed = (theta: number[]) => {
  const [r, alpha, sh, beta] = theta;
  let ll = 0;
  data.frequency.forEach((xi, i) => {
    ll += paretoLikelihoodAsPrinted({ r, alpha, s: sh, beta }, xi, data.recency[i], data.T[i]);
  });
  return ll;
};

const errorOf = (cell: unknown) => {
  expect(cell).toBeInstanceOf(CustomFunctionsError);
  return [(cell as CustomFunctionsError).code, (cell as CustomFunctionsError).message];
};

describe("dist/functions.js: RETAIN.PARETO_NBD_* as Excel calls them", () => {
  test("registered once each, with their parameters and Chinese descriptions", () => {
    for (const id of IDS) {
      expect(associateCalls.filter((a) => a === id)).toHaveLength(1);
      expect(chinese.functions.find((f) => f.id === id)?.description).toMatch(/[\u4e00-\u9fff]/);
    }
    const params = (id: string) =>
      metadata.functions.find((f) => f.id === id)!.parameters.map((p) => [p.name, !!p.optional]);
    expect(params("PARETO_NBD_FIT")).toEqual([
      ["frequency", false],
      ["recency", false],
      ["T", false],
      ["weights", true],
      ["stats", true],
    ]);
    expect(params("PARETO_NBD_CONDITIONAL").map(([n]) => n)).toEqual([
      "frequency",
      "recency",
      "T",
      "t",
      "r",
      "alpha",
      "s",
      "beta",
    ]);
  });

  test("PARETO_NBD_FIT: a maximum of the printed likelihood; stats TRUE and 1, FALSE and 0", () => {
    const plain = call("PARETO_NBD_FIT", x, tx, T);
    expect(plain.length).toBe(1);
    const theta = plain[0] as number[];
    expect(theta.every((v) => typeof v === "number" && v > 0)).toBe(true);
    // Central differences of the printed likelihood on ln θᵢ (step 1e-5) vanish there.
    theta.forEach((v, i) => {
      const up = [...theta];
      const down = [...theta];
      up[i] = v * Math.exp(1e-5);
      down[i] = v * Math.exp(-1e-5);
      expect(Math.abs((printed(up) - printed(down)) / 2e-5)).toBeLessThan(1e-3);
    });
    for (const flag of [true, 1]) {
      const block = call("PARETO_NBD_FIT", x, tx, T, null, flag);
      expect(block.length).toBe(5);
      expect(block[0]).toEqual(theta);
      block[1].forEach((se) => expect(se as number).toBeGreaterThan(0));
      theta.forEach((v, i) => {
        expect(block[2][i] as number).toBeLessThan(v);
        expect(block[3][i] as number).toBeGreaterThan(v);
      });
      const [ll, customers, na1, na2] = block[4];
      expect(Math.abs((ll as number) - printed(theta))).toBeLessThan(1e-7 * Math.abs(ll as number));
      expect(customers).toBe(60);
      expect([errorOf(na1)[0], errorOf(na2)[0]]).toEqual(["#N/A", "#N/A"]);
    }
    for (const flag of [false, 0])
      expect(call("PARETO_NBD_FIT", x, tx, T, null, flag)).toEqual(plain);
  });

  test("P_ALIVE and CONDITIONAL spill per customer and equal the defining integrals", () => {
    const p = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    const rows = [0, 1, 3, 8, 21, 55];
    const cx = column(rows.map((i) => data.frequency[i]));
    const ctx = column(rows.map((i) => data.recency[i]));
    const cT = column(rows.map((i) => data.T[i]));
    const params = [s(p.r), s(p.alpha), s(p.s), s(p.beta)];
    const alive = call("PARETO_NBD_P_ALIVE", cx, ctx, cT, ...params);
    const expected = call("PARETO_NBD_CONDITIONAL", cx, ctx, cT, s(39), ...params);
    expect(alive.length).toBe(rows.length);
    rows.forEach((i, k) => {
      const ref = posteriorByGrid(p, data.frequency[i], data.recency[i], data.T[i], 39);
      expect(Math.abs((alive[k][0] as number) - ref.pAlive)).toBeLessThan(1e-6);
      expect(Math.abs((expected[k][0] as number) / ref.conditional - 1)).toBeLessThan(1e-6);
    });
  });

  test("PARETO_NBD_PROBABILITY adds up to 1 and has the mean E[X(t)] of its closed form", () => {
    const [r, alpha, sh, beta, t] = [0.55, 10.58, 0.61, 11.67, 20];
    const xs = Array.from({ length: 301 }, (_, i) => i);
    const probs = call(
      "PARETO_NBD_PROBABILITY",
      column(xs),
      s(t),
      s(r),
      s(alpha),
      s(sh),
      s(beta)
    ).map((row) => row[0] as number);
    probs.forEach((v) => expect(v >= 0 && v <= 1).toBe(true));
    let total = 0;
    let mean = 0;
    probs.forEach((v, k) => {
      total += v;
      mean += k * v;
    });
    // E[X(t)] = rβ/(α(s−1)) · (1 − (β/(β+t))^{s−1}), Schmittlein, Morrison & Colombo.
    const closed = ((r * beta) / (alpha * (sh - 1))) * (1 - Math.pow(beta / (beta + t), sh - 1));
    expect(Math.abs(total - 1)).toBeLessThan(1e-6);
    expect(Math.abs(mean / closed - 1)).toBeLessThan(1e-4);
  });

  test("text and negative inputs give Excel errors naming the argument and row", () => {
    const [code, message] = errorOf(
      call("PARETO_NBD_FIT", column([1, "abc", 0]), column([1, 2, 0]), column([5, 6, 7]))[0][0]
    );
    expect(code).toBe("#VALUE!");
    expect(message).toMatch(/frequency.*row 2/);
    const negative = errorOf(
      call("PARETO_NBD_FIT", column([1, 2, 0]), column([1, 2, 0]), column([5, -6, 7]))[0][0]
    );
    expect(negative[0]).toBe("#VALUE!");
    expect(negative[1]).toMatch(/T.*row 2/);
    expect(
      errorOf(call("PARETO_NBD_FIT", column([0, 0]), column([0, 0]), column([5, 6]))[0][0])[0]
    ).toBe("#NUM!");
    const alive = call(
      "PARETO_NBD_P_ALIVE",
      column([1, "x", 2]),
      column([1, 2, 3]),
      column([5, 6, 7]),
      s(1),
      s(2),
      s(1),
      s(3)
    );
    expect(alive[0][0] as number).toBeGreaterThan(0);
    expect(errorOf(alive[1][0])).toEqual(["#VALUE!", expect.stringMatching(/frequency.*row 2/)]);
    expect(alive[2][0] as number).toBeGreaterThan(0);
    expect(
      errorOf(call("PARETO_NBD_P_ALIVE", s(1), s(1), s(5), s(-1), s(2), s(1), s(3))[0][0])[0]
    ).toBe("#NUM!");
    expect(
      errorOf(
        call("PARETO_NBD_CONDITIONAL", s(1), s(1), s(5), s(-2), s(1), s(2), s(1), s(3))[0][0]
      )[0]
    ).toBe("#NUM!");
    expect(
      errorOf(call("PARETO_NBD_PROBABILITY", s("q"), s(3), s(1), s(2), s(1), s(3))[0][0])
    ).toEqual(["#VALUE!", expect.stringMatching(/x/)]);
  });
});
