/*
 * The model-check functions in the built dist/functions.js, loaded as the JavaScript-only custom
 * functions runtime loads it and called by id with arguments built in its own realm, as Excel
 * hands them over: the metadata and Chinese descriptions, and the worked example of
 * docs/functions-buyers.md ("Checking a buyer model") on the sample orders, figure by figure,
 * each spill feeding the next as on the sheet. Needs `npm run build`.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { evaluate, figureMismatch, ordersSheet, readDoc, tableCells } from "../docs/doc-formulas";

const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{ id: string; parameters: Array<{ name: string; optional?: boolean }> }>;
};
const chinese = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")) as {
  functions: Array<{ id: string; description: string }>;
};
const DOC = readDoc("docs/functions-buyers.md");
const EXAMPLE = DOC.slice(DOC.indexOf("### Worked example: is BG/NBD good enough"));

/** The first table after `marker`, without its |---| line. */
function tableAfter(text: string, marker: string): string[][] {
  const lines = text.slice(text.indexOf(marker)).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i].startsWith("|"); i++)
    if (i !== start + 1) rows.push(tableCells(lines[i]));
  return rows;
}

describe("dist/functions.js: the model checks as Excel calls them", () => {
  test("registered with their parameters, the optional ones last, and Chinese descriptions", () => {
    const params = (id: string) =>
      metadata.functions.find((f) => f.id === id)!.parameters.map((p) => [p.name, !!p.optional]);
    expect(params("HOLDOUT_SUMMARY")).toEqual([
      ["customers", false],
      ["dates", false],
      ["calibration_end", false],
      ["holdout_end", false],
      ["interval", true],
      ["headers", true],
    ]);
    expect(params("REPEAT_HISTOGRAM").map(([n]) => n)).toEqual([
      "frequency",
      "T",
      "model",
      "params",
      "max_x",
      "headers",
    ]);
    expect(params("MODEL_COMPARE").filter(([, o]) => o)).toEqual([
      ["weights", true],
      ["headers", true],
    ]);
    for (const id of [
      "HOLDOUT_SUMMARY",
      "REPEAT_HISTOGRAM",
      "HOLDOUT_BY_FREQUENCY",
      "REPEAT_TRACKING",
      "MODEL_COMPARE",
    ])
      expect(chinese.functions.find((f) => f.id === id)!.description).toMatch(/[\u4e00-\u9fff]/);
  });

  describe("the worked example, as the page prints it", () => {
    const sheet = ordersSheet();
    const formulas = new Map(
      [...EXAMPLE.matchAll(/^\| ([A-Z]+\d+) \| `(=[^`]+)`/gm)].map((m) => [m[1], m[2]])
    );
    // On the sheet, in the page's order: each spill lands where the next formulas read it.
    for (const cell of ["E1", "L2", "L8", "L18", "L28", "S1"])
      sheet.put(cell, evaluate(formulas.get(cell)!, sheet));
    const spill = (ref: string) => sheet.range(ref);

    test("the summary and the fit on the calibration period", () => {
      const summary = spill("E1:J269");
      expect(spill("E270:E270")[0][0]).toBeNull();
      const [, customers] = /^(\d+) customers had bought by the end of 2024/m.exec(EXAMPLE)!;
      expect(summary.length - 1).toBe(Number(customers));
      const c336 = summary.find((r) => r[0] === "C-000336")!;
      expect(c336.slice(1)).toEqual([7, 37, 52, 4, 181 / 7]);
      const [, r, alpha, a, b] =
        /fit is r = ([\d.]+), α = ([\d.]+),\s+a = ([\d.]+), b = ([\d.]+)/.exec(EXAMPLE)!;
      const fit = spill("L2:O2")[0];
      [r, alpha, a, b].forEach((p, i) => expect(figureMismatch(p, fit[i])).toBeNull());
    });

    test("the histogram and the holdout by frequency", () => {
      const histogram = tableAfter(EXAMPLE, "The histogram (rounded)");
      expect(spill("L8:N8")[0]).toEqual(histogram[0]);
      histogram.slice(1).forEach((row, k) => {
        const computed = spill(`L${9 + k}:N${9 + k}`)[0];
        expect(String(computed[0])).toBe(row[0]);
        row
          .slice(1)
          .forEach((figure, j) => expect(figureMismatch(figure, computed[j + 1])).toBeNull());
      });
      const byFrequency = tableAfter(EXAMPLE, "by calibration frequency:");
      expect(spill("L18:O18")[0]).toEqual(byFrequency[0]);
      byFrequency.slice(1).forEach((row, k) => {
        const computed = spill(`L${19 + k}:O${19 + k}`)[0];
        expect(String(computed[0])).toBe(row[0]);
        row
          .slice(1)
          .forEach((figure, j) => expect(figureMismatch(figure, computed[j + 1])).toBeNull());
      });
    });

    test("log-likelihood, AIC and BIC, in the text and in MODEL_COMPARE's example", () => {
      const row = spill("L29:Q29")[0];
      const [, ll, aic, bic] =
        /log-likelihood is (−[\d,]+\.\d+), so AIC = ([\d,]+\.\d+) and\s+BIC = ([\d,]+\.\d+)/.exec(
          EXAMPLE
        )!;
      expect(row[0]).toBe("BG/NBD");
      expect(figureMismatch(ll, row[2])).toBeNull();
      expect(figureMismatch(aic, row[3])).toBeNull();
      expect(figureMismatch(bic, row[4])).toBeNull();
      // The fit's own log-likelihood (row 5 of its stats block) is the same number.
      expect(figureMismatch(ll, spill("L6:L6")[0][0])).toBeNull();
      const printed = /`=RETAIN\.MODEL_COMPARE\([^`]+\)` \| ([^|]+) \|/.exec(DOC)![1].split(", ");
      expect(printed.map((f, j) => figureMismatch(f, row[j]))).toEqual(printed.map(() => null));
    });

    test("the tracking's totals at the calibration end and the holdout end", () => {
      const tracking = spill("S1:W100").filter((r) => r[0] !== null);
      expect(tracking[0]).toEqual([
        "period end",
        "actual",
        "expected",
        "cumulative actual",
        "cumulative expected",
      ]);
      const [, calActual, calExpected, endActual, endExpected, holdActual, holdExpected] =
        /reaches ([\d,]+) repeat purchases at 2024-12-31 against ([\d,.]+) expected, and ([\d,]+)\s+against ([\d,.]+) at 2025-06-30: the holdout's ([\d,]+) purchases against ([\d,.]+) expected/.exec(
          EXAMPLE
        )!;
      const cal = tracking.find((r) => figureMismatch("2024-12-31", r[0]) === null)!;
      const end = tracking[tracking.length - 1];
      expect(figureMismatch("2025-06-30", end[0])).toBeNull();
      expect(figureMismatch(calActual, cal[3])).toBeNull();
      expect(figureMismatch(calExpected, cal[4])).toBeNull();
      expect(figureMismatch(endActual, end[3])).toBeNull();
      expect(figureMismatch(endExpected, end[4])).toBeNull();
      expect(figureMismatch(holdActual, (end[3] as number) - (cal[3] as number))).toBeNull();
      expect(figureMismatch(holdExpected, (end[4] as number) - (cal[4] as number))).toBeNull();
      expect(tracking.length - 1).toBe(79);
      // The holdout's actual total is the summary's holdout purchases, summed.
      const holdout = spill("I2:I269").reduce((s, r) => s + (r[0] as number), 0);
      expect(holdout).toBe(Number(holdActual.replace(/,/g, "")));
    });
  });
});
