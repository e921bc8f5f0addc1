/*
 * RETAIN.LOGRANK, RETAIN.RMST, RETAIN.NELSON_AALEN and MEDIAN_LIFETIME's stats in the built
 * dist/functions.js, loaded as the JavaScript-only custom functions runtime loads it and called
 * by id with arguments built in its own realm, as Excel hands them over: the metadata (matrix
 * results, the optional arguments last), the Chinese descriptions, and the same results as the
 * source. Needs `npm run build`.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { loadFunctionsBundle } from "../support/load-bundle";
import { LOGRANK, NELSON_AALEN, RMST } from "../../src/functions/survival-comparison-functions";
import { MEDIAN_LIFETIME } from "../../src/functions/survival-functions";
import { CustomFunctionsError } from "../support/custom-functions-global";

const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{
    id: string;
    parameters: Array<{ name: string; optional?: boolean }>;
    result: { dimensionality?: string };
  }>;
};
const chinese = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")) as {
  functions: Array<{ id: string; description: string }>;
};
const { registered, inRealm } = loadFunctionsBundle();
const call = (id: string, ...args: unknown[]) =>
  registered.get(id)!(...args.map((a) => (a === null ? null : inRealm(a))));

const col = (...cells: unknown[]) => cells.map((c) => [c]);
const durations = col("months", 1, 2, 2, 3, 4, 5, 6, 8, 3, 6, 9, 11, 12, 12, 12, 12);
const churned = col("churned", 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0);
const plans = col("plan", ...Array(8).fill("monthly"), ...Array(8).fill("annual"));

/** A result as plain values, errors as their code: comparable across the two realms. */
const plain = (result: unknown) =>
  JSON.parse(
    JSON.stringify(result, (_, v) =>
      v && typeof v === "object" && "code" in v && !Array.isArray(v) ? `error ${v.code}` : v
    )
  );

test("registered with their parameters, matrix results and Chinese descriptions", () => {
  const params = (id: string) =>
    metadata.functions.find((f) => f.id === id)!.parameters.map((p) => [p.name, !!p.optional]);
  expect(params("LOGRANK")).toEqual([
    ["durations", false],
    ["churned", false],
    ["groups", false],
    ["weighting", true],
    ["headers", true],
  ]);
  expect(params("RMST")).toEqual([
    ["durations", false],
    ["churned", false],
    ["horizon", false],
    ["groups", true],
  ]);
  expect(params("NELSON_AALEN")).toEqual([
    ["durations", false],
    ["churned", false],
    ["weights", true],
    ["headers", true],
  ]);
  expect(params("MEDIAN_LIFETIME").map(([name]) => name)).toEqual([
    "durations",
    "churned",
    "weights",
    "stats",
  ]);
  for (const id of ["LOGRANK", "RMST", "NELSON_AALEN", "MEDIAN_LIFETIME"]) {
    expect(metadata.functions.find((f) => f.id === id)!.result.dimensionality).toBe("matrix");
    expect(chinese.functions.find((f) => f.id === id)!.description).toMatch(/[\u4e00-\u9fff]/);
  }
});

test("the bundle gives what the source gives, titles skipped, errors as Excel errors", () => {
  expect(plain(call("LOGRANK", durations, churned, plans, 2))).toEqual(
    plain(LOGRANK(durations, churned, plans, 2))
  );
  expect(plain(call("RMST", durations, churned, 12, plans))).toEqual(
    plain(RMST(durations, churned, 12, plans))
  );
  expect(plain(call("NELSON_AALEN", durations, churned, null, 0))).toEqual(
    plain(NELSON_AALEN(durations, churned, null as never, 0))
  );
  expect(plain(call("MEDIAN_LIFETIME", durations, churned, null, true))).toEqual(
    plain(MEDIAN_LIFETIME(durations, churned, null as never, true))
  );
  const logrank = call("LOGRANK", durations, churned, plans) as unknown[][];
  expect(logrank[3][0]).toBe("monthly");
  expect(logrank[1][0]).toBeCloseTo(9.3144, 4);
  const bad = call(
    "RMST",
    durations,
    col("churned", ...Array(15).fill(1), "maybe"),
    12
  ) as unknown[][];
  expect((bad[0][0] as CustomFunctionsError).code).toBe("#VALUE!");
  expect((bad[0][0] as CustomFunctionsError).message).toBe(
    "churned row 17: 'maybe' is not 1/0 or TRUE/FALSE"
  );
});
