/**
 * A real spreadsheet engine recalculates the report: LibreOffice opens the .xlsx with every cached
 * formula result deliberately wrong, recalculates from scratch (forced by its profile), and each
 * named output (and every other formula) must equal the model's value to 1e-9 relative. It also
 * reads the report's native chart: converted to .ods, the chart must be a real chart object over
 * the planned cells, drawing the recalculated values.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import {
  cloneScenario,
  evaluateScenario,
  WORKED_EXAMPLE,
} from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildComparisonPlan, buildReportPlan } from "../../../src/report/plans/report-plan";
import { renderPlanToXlsx } from "../../../src/report/renderers/render-xlsx";
import { PlanChart, planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { parseStringPromise } from "xml2js";
import { convertWithLibreOffice, recalculateWithLibreOffice } from "../../support/libreoffice";
import { usingLibreOffice } from "../../support/libreoffice-suite";
import { sampleScenarios } from "../../support/scenario-arbitrary";
import { checkFormulas, formulaResults, loadWorkbook } from "../../support/xlsx-inspection";

const soffice = usingLibreOffice();
const date = new Date(2025, 0, 15);

/**
 * Every formula cell of each plan against the recalculated workbook's sheet at the same index (a
 * model value of exactly 0 may come back as a rounding residue under 1e-9).
 */
async function mismatches(
  xlsx: Uint8Array,
  plans: SheetPlan[]
): Promise<{ checkedNames: number; checkedFormulas: number; problems: string[] }> {
  const problems: string[] = [];
  let checkedNames = 0;
  let checkedFormulas = 0;
  for (const [index, plan] of plans.entries()) {
    const check = checkFormulas(plan, await formulaResults(xlsx, index), { zeroTolerance: 1e-9 });
    problems.push(...check.problems);
    checkedFormulas += check.checked.size;
    checkedNames += plan.names.filter((n) => check.checked.has(n.cell)).length;
  }
  return { checkedNames, checkedFormulas, problems };
}

describe("LibreOffice recalculates the report to the model's numbers", () => {
  it("for the worked example and 20 random scenarios, from deliberately wrong cached values", async () => {
    const scenarios = [WORKED_EXAMPLE, ...sampleScenarios(20)];
    const reports = scenarios.map((s) =>
      buildReportPlan(s, { labels: ENGLISH_REPORT_LABELS, date })
    );
    const plans = [...reports, buildComparisonPlan(scenarios.slice(0, 8), ENGLISH_REPORT_LABELS)];
    const recalculated = await recalculateWithLibreOffice(
      await renderPlanToXlsx(plans, { cachedResults: "wrong" })
    );

    const { checkedNames, checkedFormulas, problems } = await mismatches(recalculated, plans);
    expect(problems).toEqual([]);
    const namedFormulas = reports.flatMap((p) =>
      p.names.filter((n) =>
        [...planCells(p)].some(({ ref, cell }) => ref === n.cell && cell.kind === "formula")
      )
    );
    expect(namedFormulas.length).toBeGreaterThanOrEqual(21 * 29); // 29 named outputs per report, + Returning_Customers when linked
    expect(checkedNames).toBe(namedFormulas.length);
    expect(checkedFormulas).toBeGreaterThan(1000);
    console.info(
      `LibreOffice: ${checkedFormulas} formulas (${checkedNames} named outputs) in ${plans.length} sheets match the model to 1e-9`
    );

    // The names survive LibreOffice's round trip, still sheet-scoped.
    const workbookXml = await (
      await JSZip.loadAsync(recalculated)
    )
      .file("xl/workbook.xml")!
      .async("string");
    const totalProfitNames = [
      ...workbookXml.matchAll(/<definedName[^>]*localSheetId="(\d+)"[^>]*name="Total_Profit"/g),
    ].map((m) => Number(m[1]));
    expect(totalProfitNames.sort((a, b) => a - b)).toEqual(reports.map((_, i) => i));
  });

  it("for the workbook the report command writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-cli-"));
    try {
      const out = join(dir, "report.xlsx");
      execFileSync(
        process.execPath,
        [join(__dirname, "../../../bin/retention-report.js"), "--out", out],
        { stdio: "pipe" }
      );
      const recalculated = await recalculateWithLibreOffice(new Uint8Array(readFileSync(out)));
      const plan = buildReportPlan(WORKED_EXAMPLE, { labels: ENGLISH_REPORT_LABELS, date });
      expect((await mismatches(recalculated, [plan])).problems).toEqual([]);
      expect((await formulaResults(recalculated, 0)).get("D24")).toBe(705_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is a live model: change input cells in the written file and every output follows", async () => {
    const plan = buildReportPlan(WORKED_EXAMPLE, { labels: ENGLISH_REPORT_LABELS, date });
    const workbook = await loadWorkbook(await renderPlanToXlsx([plan]));
    const sheet = workbook.worksheets[0];
    const cellOf = (name: string) => plan.names.find((n) => n.name === name)!.cell;
    // What a user would type over the inputs: 100 new customers at 31,000.
    sheet.getCell(cellOf("New_Customers")).value = 100;
    sheet.getCell(cellOf("New_AverageBill")).value = 31_000;
    const edited = await formulaResults(
      await recalculateWithLibreOffice(new Uint8Array(await workbook.xlsx.writeBuffer())),
      0
    );

    const scenario = cloneScenario(WORKED_EXAMPLE);
    scenario.segments.new.customers = 100;
    scenario.segments.new.averageBill = 31_000;
    const model = evaluateScenario(scenario);
    const read = (name: string) => edited.get(cellOf(name)) as number;
    expect(read("New_Revenue")).toBe(3_100_000);
    expect(read("New_Profit")).toBeCloseTo(model.new.profit, 6);
    expect(read("New_CostPerCustomer")).toBeCloseTo(model.new.costPerCustomer, 9);
    expect(read("Total_Profit")).toBeCloseTo(model.total.profit, 6);
    expect(read("Total_Profit")).not.toBeCloseTo(705_000, 0);
  });
});

/** xml2js trees are untyped. */
type Xml = any;

/** A range as ODF writes it: 'Sheet'.A1:'Sheet'.A3 (apostrophes in the name doubled). */
function odfRange(sheet: string, from: string, to: string): string {
  const quoted = `'${sheet.split("'").join("''")}'`;
  return `${quoted}.${from}:${quoted}.${to}`;
}

/** The columns a chart reads, as [letter, first row, last row]: categories first, then each series. */
function chartColumns(chart: PlanChart): [string, number, number][] {
  const m = /^([A-Z])(\d+):([A-Z])(\d+)$/.exec(chart.dataRange)!;
  const columns: [string, number, number][] = [];
  for (let c = m[1].charCodeAt(0); c <= m[3].charCodeAt(0); c++)
    columns.push([String.fromCharCode(c), Number(m[2]), Number(m[4])]);
  return columns;
}

/** Where each draw:frame sits in an ODS table: the anchor cell ("F2") by walking rows and repeated cells. */
function framesByCell(table: Xml): Map<string, Xml[]> {
  const frames = new Map<string, Xml[]>();
  let row = 0;
  const rowsOf = (node: Xml): Xml[] =>
    (node.$$ ?? []).flatMap((child: Xml) =>
      child["#name"] === "table:table-row"
        ? [child]
        : /^table:table-(header-)?rows$|^table:table-row-group$/.test(child["#name"])
          ? rowsOf(child)
          : []
    );
  for (const tableRow of rowsOf(table)) {
    const rowRepeat = Number(tableRow.$?.["table:number-rows-repeated"] ?? 1);
    let column = 0;
    for (const c of tableRow.$$ ?? []) {
      const found = (c.$$ ?? []).filter((x: Xml) => x["#name"] === "draw:frame");
      if (found.length > 0) frames.set(`${String.fromCharCode(65 + column)}${row + 1}`, found);
      column += Number(c.$?.["table:number-columns-repeated"] ?? 1);
    }
    row += rowRepeat;
  }
  return frames;
}

describe("LibreOffice reads the report's native chart", () => {
  it("as a chart object at the planned cells, over the planned ranges, drawing the recalculated values", async () => {
    const bobsName = "Bob's model";
    const report = buildReportPlan(WORKED_EXAMPLE, { labels: ENGLISH_REPORT_LABELS, date });
    const bobs: SheetPlan = { ...report, sheetName: bobsName };
    const plans = [report, buildComparisonPlan([WORKED_EXAMPLE], ENGLISH_REPORT_LABELS), bobs];
    const chart = report.charts[0];
    expect(report.charts).toHaveLength(1);

    // Type over one input (new customers 75 → 100) in the file itself (ExcelJS would drop the chart),
    // so only a chart wired to the cells, not one replaying its cached numbers, shows the edit.
    const zip = await JSZip.loadAsync(await renderPlanToXlsx(plans));
    const customersCell = report.names.find((n) => n.name === "New_Customers")!.cell;
    for (const sheetPath of ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml"]) {
      const xml = await zip.file(sheetPath)!.async("string");
      const edited = xml.replace(
        new RegExp(`(<c r="${customersCell}"[^>]*>)<v>75</v>`),
        "$1<v>100</v>"
      );
      expect(edited).not.toBe(xml);
      zip.file(sheetPath, edited);
    }
    const edited = cloneScenario(WORKED_EXAMPLE);
    edited.segments.new.customers = 100;
    const expectedPlan = buildReportPlan(edited, { labels: ENGLISH_REPORT_LABELS, date });
    const xlsx = await zip.generateAsync({ type: "uint8array" });

    const ods = await JSZip.loadAsync(await convertWithLibreOffice(xlsx, "ods"));
    const content = await parseStringPromise(await ods.file("content.xml")!.async("string"), {
      explicitChildren: true,
      preserveChildrenOrder: true,
    });
    const tables: Xml[] =
      content["office:document-content"]["office:body"][0]["office:spreadsheet"][0]["table:table"];
    expect(tables.map((t) => t.$["table:name"])).toEqual([
      "Retention model",
      ENGLISH_REPORT_LABELS.comparisonSheetName,
      bobsName,
    ]);
    expect(framesByCell(tables[1]).size).toBe(0);

    for (const [index, sheet] of [
      [0, "Retention model"],
      [2, bobsName],
    ] as const) {
      const frames = framesByCell(tables[index]);
      expect([...frames.keys()]).toEqual([chart.position.from]);
      const [frame] = frames.get(chart.position.from)!;
      expect(frame.$["table:end-cell-address"]).toBe(
        `'${sheet.split("'").join("''")}'.${chart.position.to}`
      );
      const object = frame["draw:object"][0];
      const objectPath = object.$["xlink:href"].replace(/^\.\//, "");

      const sub = await parseStringPromise(
        await ods.file(`${objectPath}/content.xml`)!.async("string")
      );
      const odfChart =
        sub["office:document-content"]["office:body"][0]["office:chart"][0]["chart:chart"][0];
      expect(odfChart.$["chart:class"]).toBe("chart:bar");
      expect(odfChart["chart:title"][0]["text:p"][0]).toBe(chart.title);
      expect(odfChart["chart:legend"]).toHaveLength(1);
      // Columns, not horizontal bars (LibreOffice marks those chart:vertical="true").
      const styles = sub["office:document-content"]["office:automatic-styles"][0]["style:style"];
      const plotArea = odfChart["chart:plot-area"][0];
      const plotStyle = styles.find(
        (st: Xml) => st.$["style:name"] === plotArea.$["chart:style-name"]
      );
      const plotProperties = plotStyle["style:chart-properties"][0].$;
      expect(plotProperties["chart:vertical"] ?? "false").toBe("false");
      // Clustered, not stacked.
      expect([
        plotProperties["chart:stacked"] ?? "false",
        plotProperties["chart:percentage"] ?? "false",
      ]).toEqual(["false", "false"]);

      const [categories, ...seriesColumns] = chartColumns(chart);
      const range = ([column, first, last]: [string, number, number]) =>
        odfRange(sheet, `${column}${first}`, `${column}${last}`);
      expect(
        plotArea["chart:axis"].find((a: Xml) => a.$["chart:dimension"] === "x")[
          "chart:categories"
        ][0].$["table:cell-range-address"]
      ).toBe(range(categories));
      const series = plotArea["chart:series"];
      expect(series.map((s: Xml) => s.$["chart:values-cell-range-address"])).toEqual(
        seriesColumns.map(range)
      );
      expect(series.map((s: Xml) => s.$["chart:class"])).toEqual(
        seriesColumns.map(() => "chart:bar")
      );
      expect(
        series.map((s: Xml) => s.$["loext:label-string"] ?? s.$["chart:label-cell-address"])
      ).toEqual(chart.seriesNames.map((n) => `"${n}"`));

      // The chart's own data table: what it draws. Every point is the edited model's value.
      const rows = odfChart["table:table"][0]["table:table-rows"][0]["table:table-row"];
      const drawn = rows.map((r: Xml) =>
        r["table:table-cell"].slice(1).map((c: Xml) => Number(c.$["office:value"]))
      );
      const valuesOf = (p: SheetPlan) =>
        Array.from({ length: categories[2] - categories[1] + 1 }, (_, i) =>
          seriesColumns.map(([column]) => {
            const found = [...planCells(p)].find(
              (c) => c.ref === `${column}${categories[1] + i}`
            )!.cell;
            return found.kind === "formula" ? found.expected : NaN;
          })
        );
      const expected = valuesOf(expectedPlan);
      expect(drawn.length).toBe(expected.length);
      drawn.forEach((row: number[], i: number) =>
        row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 6))
      );
      // The new customers' three points moved with the edit (the cached ones did not).
      const changed = valuesOf(report)
        .flat()
        .filter((v, k) => Math.abs(v - drawn.flat()[k]) > 1);
      expect(changed).toHaveLength(3);
    }

    // And LibreOffice writes it back out as an Excel chart over the same cells.
    const resaved = await JSZip.loadAsync(await recalculateWithLibreOffice(xlsx));
    const chartParts = Object.keys(resaved.files).filter((p) =>
      /^xl\/charts\/chart\d+\.xml$/.test(p)
    );
    expect(chartParts).toHaveLength(2);
    const formulas = (
      await Promise.all(chartParts.map((p) => resaved.file(p)!.async("string")))
    ).flatMap((xml) => {
      expect(xml).toContain('<c:barDir val="col"/>');
      return [...xml.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    });
    expect(formulas).toEqual(
      expect.arrayContaining([`'Retention model'!$B$26:$B$28`, `'Bob''s model'!$C$26:$C$28`])
    );
  });
});

describe("LibreOffice prints the report", () => {
  it("on one landscape page: the chart beside the tables is not cut in two", async () => {
    const report = buildReportPlan(WORKED_EXAMPLE, { labels: ENGLISH_REPORT_LABELS, date });
    const pdf = Buffer.from(
      await convertWithLibreOffice(await renderPlanToXlsx(report), "pdf", soffice)
    ).toString("latin1");
    const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages).toHaveLength(1);
    const [, , width, height] = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/
      .exec(pdf)!
      .slice(1)
      .map(Number);
    expect(width).toBeGreaterThan(height);
  });
});
