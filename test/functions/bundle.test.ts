/*
 * Loads the built dist/functions.js as the JavaScript-only custom functions runtime would:
 * in a fresh JavaScript context whose only non-standard global is CustomFunctions (no window,
 * document, React or Office). Then calls every registered function by id, as Excel does.
 */
import fs from "fs";
import vm from "vm";
import { builtFile } from "../support/built";
import { CustomFunctionsError, ErrorCode } from "../support/custom-functions-global";

type Fn = (...args: unknown[]) => unknown;

function loadBundle(): { registered: Map<string, Fn>; associateCalls: string[] } {
  const registered = new Map<string, Fn>();
  const associateCalls: string[] = [];
  const CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode,
    associate: (id: string, fn: Fn) => {
      associateCalls.push(id);
      registered.set(id, fn);
    },
  };
  const context = vm.createContext({ CustomFunctions });
  vm.runInContext(fs.readFileSync(builtFile("functions.js"), "utf8"), context, {
    filename: "functions.js",
  });
  return { registered, associateCalls };
}

const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{ id: string; parameters: Array<{ name: string; optional?: boolean }> }>;
};
const s = (x: unknown) => [[x]];

describe("dist/functions.js in a bare runtime", () => {
  const { registered, associateCalls } = loadBundle();

  test("registers every function in functions.json exactly once", () => {
    expect([...registered.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(associateCalls.length).toBe(registered.size);
  });

  test("is small: calculation code starts fast", () => {
    expect(fs.statSync(builtFile("functions.js")).size).toBeLessThan(60_000);
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
    const err = f(s(0), s(1), s(1), null);
    expect(err).toBeInstanceOf(CustomFunctionsError);
    expect((err as CustomFunctionsError).code).toBe("#DIV/0!");
  });

  test("RETAIN.CUSTOMER_COST by id", () => {
    const f = registered.get("CUSTOMER_COST")!;
    expect((f(s(1_617_000), s(75), s(500_000)) as number[][])[0][0]).toBeCloseTo(
      28_226.666666666668,
      8
    );
    expect(f(s(1_328_000), s(80), s(500_000))).toEqual([[22_850]]);
    expect((f(s("x"), s(80), null) as CustomFunctionsError).code).toBe("#VALUE!");
  });

  test("RETAIN.LTV by id", () => {
    const f = registered.get("LTV")!;
    expect((f(s(100), s(0.8), s(0.1), null, null) as number[][])[0][0]).toBeCloseTo(333.3333333, 6);
    expect((f(s(100), s(0.8), s(0.1), null, s(1)) as number[][])[0][0]).toBeCloseTo(366.6666667, 6);
    expect((f(s(100), s(1), s(0), null, null) as CustomFunctionsError).code).toBe("#NUM!");
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
    expect(
      (registered.get("SBG_FIT")!([[1000], [1000], [1000]], null) as CustomFunctionsError).code
    ).toBe("#NUM!");
  });

  test("a whole column with an empty tail spills with blanks", () => {
    const f = registered.get("CUSTOMER_COST")!;
    expect(f([[100], [null], [""]], [[4], [null], [""]], null)).toEqual([[25], [""], [""]]);
  });
});
