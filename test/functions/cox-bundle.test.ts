/*
 * RETAIN.COX_FIT in the built dist/functions.js, loaded as the JavaScript-only custom functions
 * runtime loads it and called with arguments built in its own realm, as Excel hands them over:
 * its metadata and Chinese description, whole columns with a header row on a sheet, the same
 * block as the source, and its errors. Needs `npm run build`.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { errorCode, evaluate, ordersSheet } from "../docs/doc-formulas";
import { COX_FIT } from "../../src/functions/cox-functions";
import { seededRandom } from "../support/seeded-random";

const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{
    id: string;
    parameters: Array<{ name: string; optional?: boolean; dimensionality?: string }>;
  }>;
};
const chinese = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")) as {
  functions: Array<{ id: string; description: string; parameters: Array<{ description: string }> }>;
};

/** 300 customers with a plan (text), seats and a flag, typed into columns H:L under titles. */
function surveySheet() {
  const u = seededRandom(1919);
  const sheet = ordersSheet();
  const rows: Array<[number, number, string, number, boolean]> = [];
  for (let i = 0; i < 300; i++) {
    const plan = ["monthly", "annual", "trial"][Math.floor(u() * u() * 3)];
    const seats = 1 + Math.floor(u() * 20);
    const flag = u() < 0.4;
    const rate =
      0.08 * Math.exp((plan === "annual" ? -0.9 : plan === "trial" ? 0.5 : 0) + 0.03 * seats);
    const churn = -Math.log(u()) / rate;
    const censor = 6 + Math.floor(u() * 30);
    rows.push([
      Math.max(1, Math.ceil(Math.min(churn, censor))),
      churn <= censor ? 1 : 0,
      plan,
      seats,
      flag,
    ]);
  }
  sheet.put("H1", [["months", "churned", "plan", "seats", "discount"], ...rows]);
  return { sheet, rows };
}

describe("dist/functions.js: RETAIN.COX_FIT as Excel calls it", () => {
  test("registered with its parameters, the optional ones last, and Chinese descriptions", () => {
    const f = metadata.functions.find((g) => g.id === "COX_FIT")!;
    expect(f.parameters.map((p) => [p.name, !!p.optional, p.dimensionality ?? "scalar"])).toEqual([
      ["durations", false, "matrix"],
      ["churned", false, "matrix"],
      ["covariates", false, "matrix"],
      ["ties", true, "scalar"],
      ["stats", true, "scalar"],
    ]);
    const zh = chinese.functions.find((g) => g.id === "COX_FIT")!;
    expect(zh.description).toMatch(/[\u4e00-\u9fff]/);
    for (const p of zh.parameters) expect(p.description).toMatch(/[\u4e00-\u9fff]/);
  });

  test("whole columns with a header row: the bundle's block is the source's, names on top", () => {
    const { sheet, rows } = surveySheet();
    for (const [ties, stats] of [
      [0, 1],
      [1, 1],
      [0, 0],
    ]) {
      const spill = evaluate(
        `=RETAIN.COX_FIT(H:H, I:I, J:L, ${ties}, ${stats})`,
        sheet
      ) as unknown[][];
      const source = COX_FIT(
        [["months"], ...rows.map((r) => [r[0]])],
        [["churned"], ...rows.map((r) => [r[1]])],
        [["plan", "seats", "discount"], ...rows.map((r) => [r[2], r[3], r[4]])],
        ties,
        stats
      );
      expect(JSON.parse(JSON.stringify(spill))).toEqual(JSON.parse(JSON.stringify(source)));
      expect(spill[0].slice(0, 4)).toEqual(["plan = annual", "plan = trial", "seats", "discount"]);
      expect(spill.length).toBe(stats ? 6 : 2);
      if (stats) {
        expect(errorCode(spill[1][4])).toBe("#N/A");
        expect(spill[5][2]).toBe(4); // degrees of freedom
      }
    }
  });

  test("errors: #NUM! for a constant column and for ties 2, #VALUE! for ranges of different lengths", () => {
    const { sheet } = surveySheet();
    sheet.put("N1", [["region"], ...Array.from({ length: 300 }, () => ["EU"])]);
    expect(
      errorCode((evaluate("=RETAIN.COX_FIT(H:H, I:I, N:N)", sheet) as unknown[][])[0][0])
    ).toBe("#NUM!");
    expect(
      errorCode((evaluate("=RETAIN.COX_FIT(H:H, I:I, J:L, 2)", sheet) as unknown[][])[0][0])
    ).toBe("#NUM!");
    const short = evaluate("=RETAIN.COX_FIT(H1:H301, I1:I301, J1:L300)", sheet) as unknown[][];
    expect(errorCode(short[0][0])).toBe("#VALUE!");
    expect((short[0][0] as { message: string }).message).toMatch(
      /covariates must have one row per customer/
    );
  });
});
