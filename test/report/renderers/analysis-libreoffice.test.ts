/**
 * LibreOffice and the "Cohort analysis" workbook: opened with every cached formula result
 * deliberately wrong and recalculated from scratch, every formula equals the model's value to
 * 1e-9 ("" where the sheet's guard shows nothing); the heat map is a colour-scale conditional
 * format LibreOffice imports as one; the cohort curves are a line chart over the share rows; and
 * an edit of α or β in the file moves the projection.
 */
import JSZip from "jszip";
import { survival } from "../../../src/model/sbg/sbg-curve";
import { analysisPlan } from "../../../src/report/plans/analysis-plan";
import { renderPlanToXlsx } from "../../../src/report/renderers/render-xlsx";
import { planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { convertWithLibreOffice, recalculateWithLibreOffice } from "../../support/libreoffice";
import { usingLibreOffice } from "../../support/libreoffice-suite";
import { checkFormulas, formulaResults, loadWorkbook } from "../../support/xlsx-inspection";
import {
  ordersAnalysis,
  sampleOrders,
  sampleSubscriptions,
  syntheticOrderRows,
} from "../analysis-support";

usingLibreOffice();

const plans: SheetPlan[] = [
  analysisPlan(sampleOrders()),
  analysisPlan(sampleSubscriptions(), { sheetName: "Subscriptions" }),
  analysisPlan(ordersAnalysis(syntheticOrderRows(7, 80, 14), "quarter", false), {
    sheetName: "No amounts",
  }),
];

describe("LibreOffice recalculates the cohort analysis to the model's numbers", () => {
  it("every formula, from deliberately wrong cached values", async () => {
    const recalculated = await recalculateWithLibreOffice(
      await renderPlanToXlsx(plans, { cachedResults: "wrong" })
    );
    const problems: string[] = [];
    let numbers = 0;
    let texts = 0;
    for (const [index, plan] of plans.entries()) {
      const check = checkFormulas(plan, await formulaResults(recalculated, index));
      problems.push(...check.problems);
      numbers += check.numbers;
      texts += check.texts;
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(numbers).toBeGreaterThan(900);
    expect(texts).toBeGreaterThan(3); // each sheet's first period has S = 0
    console.info(
      `LibreOffice: ${numbers} numeric and ${texts} empty-text formulas match the model`
    );
  });

  it("reads the heat map as a colour-scale conditional format and the cohort curves as a line chart", async () => {
    const plan = plans[0];
    const xlsx = await renderPlanToXlsx(plan);
    const ods = await JSZip.loadAsync(await convertWithLibreOffice(xlsx, "ods"));
    const content = await ods.file("content.xml")!.async("string");
    const formats = [
      ...content.matchAll(
        /<calcext:conditional-format calcext:target-range-address="([^"]+)">([\s\S]*?)<\/calcext:conditional-format>/g
      ),
    ];
    expect(formats).toHaveLength(1);
    const [from, to] = plan.conditionalFormats![0].range.split(":");
    expect(formats[0][1].replace(/&apos;/g, "'")).toBe(
      `'Cohort analysis'.${from}:'Cohort analysis'.${to}`
    );
    const entries = [
      ...formats[0][2].matchAll(
        /<calcext:color-scale-entry calcext:value="([^"]*)" calcext:type="([^"]*)" calcext:color="([^"]*)"\/>/g
      ),
    ].map((m) => [m[2], m[1], m[3]]);
    expect(entries).toEqual([
      ["minimum", "0", "#f8696b"],
      ["percentile", "50", "#ffeb84"],
      ["maximum", "0", "#63be7b"],
    ]);

    const charts = Object.keys(ods.files).filter((f) => /^Object \d+\/content\.xml$/.test(f));
    expect(charts).toHaveLength(1);
    const chart = await ods.file(charts[0])!.async("string");
    expect(chart).toMatch(/<chart:chart [^>]*chart:class="chart:line"/);
    const series = [...chart.matchAll(/chart:values-cell-range-address="([^"]+)"/g)].map((m) =>
      m[1].replace(/&apos;/g, "'")
    );
    const [, firstRow] = /^B(\d+)/.exec(plan.charts[0].dataRange)!;
    const lastColumn = /:([A-Z]+)\d+$/.exec(plan.charts[0].dataRange)![1];
    expect(series).toEqual(
      plan.charts[0].seriesNames.map((_, i) => {
        const row = Number(firstRow) + 1 + i;
        return `'Cohort analysis'.B${row}:'Cohort analysis'.${lastColumn}${row}`;
      })
    );
  });

  it("moves the projection when α and β are edited in the file", async () => {
    const plan = plans[0];
    const workbook = await loadWorkbook(await renderPlanToXlsx(plan));
    const cellOf = (name: string) => plan.names.find((n) => n.name === name)!.cell;
    const sheet = workbook.worksheets[0];
    sheet.getCell(cellOf("Sbg_Alpha")).value = 0.9;
    sheet.getCell(cellOf("Sbg_Beta")).value = 3;
    const edited = await formulaResults(
      await recalculateWithLibreOffice(new Uint8Array(await workbook.xlsx.writeBuffer())),
      0
    );
    const projection = [...planCells(plan)].filter(
      ({ cell }) => cell.kind === "formula" && /\*\(\$B\$\d+\+A\d+-1\)/.test(cell.formula)
    );
    expect(projection.length).toBeGreaterThan(12);
    projection.forEach(({ ref }, i) => {
      expect(edited.get(ref)).toBeCloseTo(survival(0.9, 3, i + 1), 12);
    });
  });
});
