/*
 * Loads the built dist/functions.js as the JavaScript-only custom functions runtime would:
 * in a fresh JavaScript context whose only non-standard global is CustomFunctions (no window,
 * document, React or Office). Then calls every registered function by id, as Excel does.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { loadFunctionsBundle, RegisteredFunction } from "../support/load-bundle";

type Fn = RegisteredFunction;

function loadBundle(): { registered: Map<string, Fn>; associateCalls: string[] } {
  return loadFunctionsBundle();
}

interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: Array<{
    id: string;
    parameters: Array<{ name: string; optional?: boolean; type?: string }>;
  }>;
}
const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as Metadata;
const chineseMetadata = JSON.parse(
  fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")
) as Metadata;
/** The functions of functions.ts and sbg-functions.ts. */
const RETAIN_CORE = [
  "RETENTION_RATE",
  "CUSTOMER_COST",
  "LTV",
  "CHURN_RATE",
  "EXPECTED_LIFETIME",
  "RETENTION_RESCALE",
  "SBG_FIT",
  "SBG_SURVIVAL",
  "SBG_RETENTION",
  "LTV_SBG",
];
const s = (x: unknown) => [[x]];

describe("dist/functions.js in a bare runtime", () => {
  const { registered, associateCalls } = loadBundle();

  test("registers every function in functions.json exactly once", () => {
    expect([...registered.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(associateCalls.length).toBe(registered.size);
  });

  test("is small: calculation code starts fast", () => {
    // About 160 KB minified (about 55 KB gzipped) for all 57 RETAIN functions: the data and
    // survival functions with Cox, and five buyer models with their checks and the ₂F₁. It was
    // 85 KB with 32 functions; the limit catches a dependency pulled in by mistake.
    expect(fs.statSync(builtFile("functions.js")).size).toBeLessThan(200_000);
  });

  test("optional parameters are declared optional, and only those", () => {
    const optional = (id: string) =>
      metadata.functions
        .find((f) => f.id === id)!
        .parameters.filter((p) => p.optional)
        .map((p) => p.name);
    expect(optional("RETENTION_RATE")).toEqual(["basis"]);
    expect(optional("CUSTOMER_COST")).toEqual(["overheads"]);
    expect(optional("LTV")).toEqual(["discount_rate", "periods", "type"]);
  });

  test("RETAIN.RETENTION_RATE by id", () => {
    const f = registered.get("RETENTION_RATE")!;
    expect(f(s(80), s(60), s(20), null)).toEqual([[0.5]]);
    expect((f(s(1000), s(1100), s(200), s(1)) as number[][])[0][0]).toBeCloseTo(0.75, 15);
    // a lone error comes inside a 1×1 array (the documented path for a matrix result)
    for (const [start, end, won] of [
      [0, 1, 1],
      [0, 10, 5],
    ]) {
      const err = f(s(start), s(end), s(won), null) as unknown[][];
      expect(err.length === 1 && err[0].length === 1).toBe(true);
      expect(err[0][0]).toBeInstanceOf(CustomFunctionsError);
      expect((err[0][0] as CustomFunctionsError).code).toBe("#DIV/0!");
    }
  });

  test("RETAIN.CUSTOMER_COST by id", () => {
    const f = registered.get("CUSTOMER_COST")!;
    expect((f(s(1_617_000), s(75), s(500_000)) as number[][])[0][0]).toBeCloseTo(
      28_226.666666666668,
      8
    );
    expect(f(s(1_328_000), s(80), s(500_000))).toEqual([[22_850]]);
    expect(((f(s("x"), s(80), null) as unknown[][])[0][0] as CustomFunctionsError).code).toBe(
      "#VALUE!"
    );
  });

  test("RETAIN.LTV by id", () => {
    const f = registered.get("LTV")!;
    expect((f(s(100), s(0.8), s(0.1), null, null) as number[][])[0][0]).toBeCloseTo(333.3333333, 6);
    expect((f(s(100), s(0.8), s(0.1), null, s(1)) as number[][])[0][0]).toBeCloseTo(366.6666667, 6);
    expect(
      ((f(s(100), s(1), s(0), null, null) as unknown[][])[0][0] as CustomFunctionsError).code
    ).toBe("#NUM!");
    // an empty periods cell means unlimited, whether it arrives as null or as 0
    expect(f(s(100), s(0.8), s(0.1), s(0), null)).toEqual(f(s(100), s(0.8), s(0.1), null, null));
  });

  test("RETAIN.SBG_FIT, SBG_SURVIVAL, SBG_RETENTION and LTV_SBG by id: Fader & Hardie's regular cohort", () => {
    const cohort = [1000, 631, 468, 382, 326, 289, 262, 241, 223].map((n) => [n]);
    const [[alpha, beta]] = registered.get("SBG_FIT")!(cohort, s(7)) as number[][];
    expect(alpha).toBeCloseTo(0.704, 3);
    expect(beta).toBeCloseTo(1.182, 3);
    const curve = registered.get("SBG_SURVIVAL")!(s(alpha), s(beta), [[0], [1], [2]]) as number[][];
    expect(curve[0][0]).toBe(1);
    expect(curve[1][0]).toBeCloseTo(beta / (alpha + beta), 12);
    expect(
      (registered.get("SBG_RETENTION")!(s(alpha), s(beta), s(1)) as number[][])[0][0]
    ).toBeCloseTo(beta / (alpha + beta), 12);
    const value = (
      registered.get("LTV_SBG")!(s(100), s(alpha), s(beta), s(0.1), null) as number[][]
    )[0][0];
    expect(value).toBeCloseTo(369.49, 2);
    const noOneLeaves = registered.get("SBG_FIT")!([[1000], [1000], [1000]], null) as unknown[][];
    expect(noOneLeaves.length === 1 && noOneLeaves[0].length === 1).toBe(true);
    expect((noOneLeaves[0][0] as CustomFunctionsError).code).toBe("#NUM!");
  });

  test("a whole column with an empty tail spills only as far as its data; empty rows inside it stay", () => {
    const f = registered.get("CUSTOMER_COST")!;
    expect(f([[100], [null], [""]], [[4], [null], [""]], null)).toEqual([[25]]);
    expect(f([[100], [null], [60], [""]], [[4], [null], [3], [""]], null)).toEqual([
      [25],
      [""],
      [20],
    ]);
    // Nothing but empty cells: one empty cell, not an empty array.
    expect(f([[null], [""]], [[null], [""]], null)).toEqual([[""]]);
  });

  test("RETAIN.SBG_FIT by id on a cohort triangle: unobserved cells empty text, null, or refused zeros", () => {
    const f = registered.get("SBG_FIT")!;
    const triangle = (blank: unknown) => [
      [1000, 631, 468, 382, 326],
      [800, 520, 390, blank, blank],
      [1200, 760, blank, blank, blank],
    ];
    const [[alpha, beta]] = f(triangle(""), null) as number[][];
    expect(alpha > 0 && beta > 0).toBe(true);
    expect(f(triangle(null), null)).toEqual([[alpha, beta]]);
    expect(f(triangle(0), null)).toEqual([
      [
        expect.objectContaining({
          code: "#VALUE!",
          message: expect.stringMatching(/row 2, column 4/),
        }),
      ],
    ]);
  });

  test("metadata: RETAIN's parameters are `any` and error values in ranges reach them", () => {
    for (const m of [metadata, chineseMetadata]) {
      expect(m.allowErrorForDataTypeAny).toBe(true);
      for (const id of RETAIN_CORE) {
        const f = m.functions.find((fn) => fn.id === id)!;
        expect([id, f.parameters.map((p) => p.type)]).toEqual([id, f.parameters.map(() => "any")]);
      }
    }
  });

  test.each([
    ["null (Excel on the web, current desktop)", null],
    ["0 (older desktop builds)", 0],
  ])("blanks as %s: whole columns spill only as far as the data", (_, b) => {
    const column = (...xs: unknown[]) => xs.map((x) => [x]);
    expect(registered.get("CHURN_RATE")!(column(0.75, b, b))).toEqual([[0.25]]);
    expect(registered.get("EXPECTED_LIFETIME")!(column(0.75, b, b))).toEqual([[4]]);
    expect(
      registered.get("RETENTION_RATE")!(column(80, b, b), column(60, b, b), column(20, b, b), null)
    ).toEqual([[0.5]]);
    const cohort = column(1000, 631, 468, 382, 326, 289, 262, 241, 223, b, b);
    const fit = registered.get("SBG_FIT")!(cohort, null) as unknown[][];
    if (b === null) {
      expect(fit).toEqual(registered.get("SBG_FIT")!(cohort.slice(0, 9), null));
    } else {
      // trailing zeros may be empty cells or a cohort that lost everyone: refused, with the fix
      expect((fit[0][0] as CustomFunctionsError).code).toBe("#VALUE!");
      expect((fit[0][0] as CustomFunctionsError).message).toMatch(/calibration_periods/);
      expect(registered.get("SBG_FIT")!(cohort, s(8))).toEqual(
        registered.get("SBG_FIT")!(cohort.slice(0, 9), null)
      );
    }
  });

  test("an error value inside a range gives #VALUE! in its own row, naming the argument, the row and the error", () => {
    const na = new CustomFunctionsError("#N/A");
    expect(registered.get("CHURN_RATE")!([[0.75], [na], [0.5]])).toEqual([
      [0.25],
      [new CustomFunctionsError("#VALUE!", "retention_rate row 2 holds the error #N/A")],
      [0.5],
    ]);
    const fit = registered.get("SBG_FIT")!([[1000], [631], [na]], null) as unknown[][];
    expect((fit[0][0] as CustomFunctionsError).message).toBe(
      "survivors row 3 holds the error #N/A"
    );
  });
});
