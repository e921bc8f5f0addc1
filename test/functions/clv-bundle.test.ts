/*
 * The BG/NBD, Gamma-Gamma and CLV functions in the built dist/functions.js, loaded as the
 * JavaScript-only custom functions runtime loads it (a fresh context whose only non-standard
 * global is CustomFunctions) and called by id with what Excel passes: 2-D ranges, null for an
 * omitted optional, plain strings for text parameters. Needs `npm run build`.
 */
import fs from "fs";
import vm from "vm";
import { builtFile } from "../support/built";
import { CustomFunctionsError, ErrorCode } from "../support/custom-functions-global";
import { simulateBgNbd } from "../model/buyers/bgnbd-helpers";

type Fn = (...args: unknown[]) => unknown;

function loadBundle(): Map<string, Fn> {
  const registered = new Map<string, Fn>();
  const CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode,
    associate: (id: string, fn: Fn) => registered.set(id, fn),
  };
  vm.runInContext(
    fs.readFileSync(builtFile("functions.js"), "utf8"),
    vm.createContext({ CustomFunctions }),
    {
      filename: "functions.js",
    }
  );
  return registered;
}

const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{
    id: string;
    parameters: Array<{ name: string; type: string; optional?: boolean }>;
  }>;
};
const localized = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")) as {
  functions: Array<{ id: string; description: string }>;
};

const IDS = [
  "BGNBD_FIT",
  "BGNBD_EXPECTED",
  "BGNBD_CONDITIONAL",
  "BGNBD_P_ALIVE",
  "GG_FIT",
  "GG_SPEND",
  "CLV",
];
const s = (v: unknown) => [[v]];
const column = (values: unknown[]) => values.map((v) => [v]);

// A simulated customer table (weeks, to the day), with spend.
const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 400, 27, 39, 9, {
  p: 6.25,
  q: 3.74,
  gamma: 15.44,
});
const days = (v: number) => Math.round(v * 7) / 7;
const X = sim.frequency;
const TX = sim.recency.map(days);
const T = sim.T.map(days);
const M = sim.monetary;

/** The error a call returned, bare or as the single cell of a 1×1 range. */
function errorOf(result: unknown): CustomFunctionsError {
  const e = Array.isArray(result) ? (result as unknown[][])[0][0] : result;
  expect(e).toBeInstanceOf(CustomFunctionsError);
  return e as CustomFunctionsError;
}

describe("dist/functions.js: the BG/NBD, Gamma-Gamma and CLV functions as Excel calls them", () => {
  const registered = loadBundle();
  const call = (id: string, ...args: unknown[]) => registered.get(id)!(...args);

  test("registered, with their metadata and Chinese descriptions", () => {
    for (const id of IDS) {
      expect(registered.has(id)).toBe(true);
      const zh = localized.functions.find((f) => f.id === id)!;
      expect(zh.description).toMatch(/[\u4e00-\u9fff]/);
    }
    const params = (id: string) => metadata.functions.find((f) => f.id === id)!.parameters;
    expect(
      params("BGNBD_FIT")
        .filter((p) => p.optional)
        .map((p) => p.name)
    ).toEqual(["weights", "stats"]);
    expect(
      params("GG_FIT")
        .filter((p) => p.optional)
        .map((p) => p.name)
    ).toEqual(["weights", "stats"]);
    expect(params("CLV").map((p) => p.name)).toEqual([
      "frequency",
      "recency",
      "T",
      "monetary_value",
      "bgnbd_params",
      "gg_params",
      "horizon",
      "discount_rate",
      "time_unit",
      "rate_period",
    ]);
    expect(
      params("CLV")
        .slice(-2)
        .map((p) => p.type)
    ).toEqual(["any", "any"]); // a unit name or a length in days
  });

  test("fit → per-customer table → CLV, end to end", () => {
    const fit = call("BGNBD_FIT", column(X), column(TX), column(T), null, s(1)) as number[][];
    expect(fit.length).toBe(5); // the stats block: CLV reads its first row
    expect(fit[0].length).toBe(4);
    fit[0].slice(0, 4).forEach((v) => expect(v).toBeGreaterThan(0));
    const [r, alpha, a, b] = fit[0];
    const alive = call(
      "BGNBD_P_ALIVE",
      column(X),
      column(TX),
      column(T),
      s(r),
      s(alpha),
      s(a),
      s(b)
    ) as number[][];
    expect(alive.length).toBe(X.length);
    alive.forEach(([p], i) => (X[i] === 0 ? expect(p).toBe(1) : expect(p).toBeLessThanOrEqual(1)));
    const next = call(
      "BGNBD_CONDITIONAL",
      column(X),
      column(TX),
      column(T),
      s(52),
      s(r),
      s(alpha),
      s(a),
      s(b)
    ) as number[][];
    next.forEach(([y]) => expect(Number.isFinite(y) && y >= 0).toBe(true));
    const expected = call("BGNBD_EXPECTED", [[0], [52]], s(r), s(alpha), s(a), s(b)) as number[][];
    expect(expected[0][0]).toBe(0);
    expect(expected[1][0]).toBeGreaterThan(0);
    const gg = call("GG_FIT", column(X), column(M), null, null) as number[][];
    expect(gg[0].length).toBe(3);
    const spend = call(
      "GG_SPEND",
      column(X),
      column(M),
      s(gg[0][0]),
      s(gg[0][1]),
      s(gg[0][2])
    ) as number[][];
    // Customers at the end with no repeat purchase (X and M both 0) are the range's empty tail
    // as builds that pass empty cells as 0 would send it: trimmed (docs/function-rules.md).
    let kept = X.length;
    while (kept > 1 && X[kept - 1] === 0 && M[kept - 1] === 0) kept--;
    expect(kept).toBeLessThan(X.length); // the sample does end with such customers
    expect(spend.length).toBe(kept);
    const clv = call(
      "CLV",
      column(X),
      column(TX),
      column(T),
      column(M),
      fit,
      gg,
      s(52),
      s(0.1),
      "week",
      "year"
    ) as number[][];
    expect(clv.length).toBe(X.length);
    clv.forEach(([v]) => expect(Number.isFinite(v) && v >= 0).toBe(true));
    // Units as lengths in days (RETAIN.RFM's time_unit) give the same values.
    const inDays = call(
      "CLV",
      column(X),
      column(TX),
      column(T),
      column(M),
      fit,
      gg,
      s(52),
      s(0.1),
      7,
      s(365.25)
    ) as number[][];
    expect(inDays).toEqual(clv);
    // Daily reading of the same numbers discounts less over the same 52 periods: a different answer.
    const asDays = call(
      "CLV",
      column(X),
      column(TX),
      column(T),
      column(M),
      fit,
      gg,
      s(52),
      s(0.1),
      "day",
      "year"
    ) as number[][];
    expect(asDays[0][0]).toBeGreaterThan(clv[0][0] as number);
  });

  test("errors Excel can show", () => {
    const none = errorOf(
      call("BGNBD_FIT", column([0, 0]), column([0, 0]), column([5, 6]), null, null)
    );
    expect(none.code).toBe("#NUM!");
    const text = errorOf(
      call("BGNBD_FIT", column([1, "x"]), column([1, 1]), column([5, 6]), null, null)
    );
    expect(text.code).toBe("#VALUE!");
    expect(text.message).toMatch(/frequency \(row 2\)/);
    expect(errorOf(call("GG_SPEND", s(2), s(10), s(1), s(0.9), s(5))).code).toBe("#NUM!");
    const unit = errorOf(
      call(
        "CLV",
        s(2),
        s(30),
        s(38),
        s(25),
        [[0.24, 4.4, 0.79, 2.4]],
        [[6, 3.7, 15]],
        s(52),
        s(0.1),
        "weeks",
        "fortnight"
      )
    );
    expect(unit.code).toBe("#VALUE!");
    expect(unit.message).toMatch(/rate_period/);
  });

  test("a heavy buyer (x = 10,000) gets finite numbers", () => {
    const p = [s(0.5), s(2), s(0.8), s(3)];
    for (const [id, extra] of [
      ["BGNBD_P_ALIVE", []],
      ["BGNBD_CONDITIONAL", [s(52)]],
    ] as const) {
      const v = call(id, s(10_000), s(995), s(1000), ...extra, ...p) as number[][];
      expect(Number.isFinite(v[0][0])).toBe(true);
    }
    const clv = call(
      "CLV",
      s(10_000),
      s(995),
      s(1000),
      s(120),
      [[0.5, 2, 0.8, 3]],
      [[2, 4, 300]],
      s(52),
      s(0.1),
      "week",
      "year"
    ) as number[][];
    expect(Number.isFinite(clv[0][0])).toBe(true);
  });
});
