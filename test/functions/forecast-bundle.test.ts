/*
 * RETAIN.SBG_FORECAST, RETAIN.BGNBD_FORECAST and SBG_FIT's stats in the built dist/functions.js,
 * loaded as the JavaScript-only custom functions runtime loads it and called by id with
 * arguments built in its own realm, as Excel hands them over: the metadata and Chinese
 * descriptions, the same results as the source, and the figures docs/functions-plan.md and
 * docs/functions-sbg.md print. Needs `npm run build`.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { evaluate, figureMismatch, ordersSheet, readDoc, tableCells } from "../docs/doc-formulas";
import { SBG_FORECAST } from "../../src/functions/forecast-functions";

const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{
    id: string;
    parameters: Array<{ name: string; optional?: boolean; dimensionality?: string }>;
  }>;
};
const chinese = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")) as {
  functions: Array<{ id: string; description: string }>;
};
const PLAN = readDoc("docs/functions-plan.md");

/** The first table after `marker` in a page, without its |---| line. */
function tableAfter(text: string, marker: string): string[][] {
  const lines = text.slice(text.indexOf(marker)).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i].startsWith("|"); i++)
    if (i !== start + 1) rows.push(tableCells(lines[i]));
  return rows;
}

/** A printed table (header row, "…" rows skipped) against a spill that has a header row. */
function compare(printed: string[][], spill: unknown[][]): string[] {
  const problems: string[] = [];
  expect(spill[0]).toEqual(printed[0]);
  for (const row of printed.slice(1)) {
    if (row[0] === "…") continue;
    const k = Number(row[0]);
    row.forEach((figure, j) => {
      const problem = figureMismatch(figure, spill[k][j]);
      if (problem) problems.push(`period ${k}, ${printed[0][j]}: ${problem}`);
    });
  }
  return problems;
}

describe("dist/functions.js: the forecasts as Excel calls them", () => {
  test("registered with their parameters, the optional ones last, and Chinese descriptions", () => {
    const params = (id: string) => metadata.functions.find((f) => f.id === id)!.parameters;
    expect(params("SBG_FORECAST").map((p) => [p.name, !!p.optional])).toEqual([
      ["survivors", false],
      ["periods", false],
      ["new_customers", true],
      ["interval", true],
      ["headers", true],
    ]);
    expect(params("BGNBD_FORECAST").map((p) => p.name)).toEqual([
      "frequency",
      "recency",
      "T",
      "periods",
      "bgnbd_params",
      "new_customers",
      "interval",
      "headers",
    ]);
    expect(params("SBG_FIT").map((p) => p.name)).toEqual([
      "survivors",
      "calibration_periods",
      "stats",
    ]);
    for (const id of ["SBG_FORECAST", "BGNBD_FORECAST"])
      expect(chinese.functions.find((f) => f.id === id)!.description).toMatch(/[\u4e00-\u9fff]/);
  });

  test("the sBG worked example: the bundle gives the source's table and the page's figures", () => {
    const sheet = ordersSheet(); // any sheet: the example's cells are typed in
    const triangle = [
      [1000, 631, 468, 382, 326],
      [900, 570, 420, 345, null],
      [1100, 690, 515, null, null],
      [950, 600, null, null, null],
    ];
    sheet.put("B2", triangle);
    sheet.put("H2", [[500, 500, 500, 500, 500, 500]]);
    const spill = evaluate("=RETAIN.SBG_FORECAST(B2:F5, 6, H2:M2, 0.8)", sheet) as unknown[][];
    expect(spill).toEqual(SBG_FORECAST(triangle, 6, [[500, 500, 500, 500, 500, 500]], 0.8));
    const printed = tableAfter(PLAN, "`=RETAIN.SBG_FORECAST(B2:F5, 6, H2:M2, 0.8)` spills");
    expect(compare(printed, spill)).toEqual([]);
    const wide = evaluate("=RETAIN.SBG_FORECAST(B2:F5, 6, H2:M2, 0.95)", sheet) as number[][];
    expect(PLAN).toContain(
      `the sixth month's range is ${wide[6][4].toLocaleString("en")} to ${wide[6][5].toLocaleString("en")}`
    );
    const block = evaluate("=RETAIN.SBG_FIT(B2:F5, , 1)", sheet) as number[][];
    expect(PLAN).toContain(
      `α = ${block[0][0].toFixed(4)} (standard error ${block[1][0].toFixed(4)}) and β = ${block[0][1].toFixed(4)}\n(${block[1][1].toFixed(4)}) from ${block[4][1].toLocaleString("en")} customers`
    );
  });

  test("SBG_FIT's stats on the regular cohort: the figures docs/functions-sbg.md prints", () => {
    const sheet = ordersSheet();
    sheet.put(
      "B2",
      [1000, 631, 468, 382, 326, 289, 262, 241, 223].map((v) => [v])
    );
    const g = evaluate("=RETAIN.SBG_FIT(B2:B10, 7, 1)", sheet) as number[][];
    expect(g.length).toBe(5);
    const text = readDoc("docs/functions-sbg.md");
    const f = (v: number) => v.toFixed(4);
    expect(text).toContain(
      `standard errors ${f(g[1][0])} and ${f(g[1][1])} (95% bounds ${f(g[2][0])}–${f(g[3][0])} and ${f(g[2][1])}–${f(g[3][1])})`
    );
  });

  test("the BG/NBD worked example on the sample shop: the page's table", () => {
    const sheet = ordersSheet();
    sheet.put("E1", evaluate("=RETAIN.RFM(A2:A20000, B2:B20000, C2:C20000, , 7)", sheet));
    sheet.put("K7", evaluate("=RETAIN.BGNBD_FIT(F1:F20000, G1:G20000, H1:H20000, , 1)", sheet));
    const formula =
      "=RETAIN.BGNBD_FORECAST(F1:F20000, G1:G20000, H1:H20000, 13, K7:N11, {10, 10, 10, 10}, 0.8)";
    expect(PLAN).toContain(`\`${formula}\``);
    const spill = evaluate(formula, sheet) as unknown[][];
    expect(spill.length).toBe(14);
    expect(compare(tableAfter(PLAN, formula), spill)).toEqual([]);
    // the row of parameters alone: the same points, and no interval without the block
    const points = evaluate(
      "=RETAIN.BGNBD_FORECAST(F1:F20000, G1:G20000, H1:H20000, 13, K7:N7, {10, 10, 10, 10}, , 0)",
      sheet
    ) as unknown[][];
    points.forEach((row, i) => expect(row).toEqual(spill[i + 1].slice(0, 4)));
  });
});
