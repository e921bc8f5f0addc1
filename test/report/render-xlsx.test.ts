import { Workbook } from "exceljs";
import JSZip from "jszip";
import { cloneScenario, WORKED_EXAMPLE } from "../../src/model/scenario";
import { ENGLISH_REPORT_LABELS } from "../../src/report/report-labels";
import { buildComparisonPlan, buildReportPlan } from "../../src/report/report-plan";
import { renderPlanToXlsx } from "../../src/report/render-xlsx";

const hostile = cloneScenario(WORKED_EXAMPLE);
hostile.name = '=HYPERLINK("http://evil","click")';
const plan = buildReportPlan(hostile, { labels: ENGLISH_REPORT_LABELS, date: new Date(2025, 0, 15) });

async function load(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe("renderPlanToXlsx", () => {
  it("writes formulas with the model's values cached, and inputs as numbers", async () => {
    const sheet = (await load(await renderPlanToXlsx([plan]))).getWorksheet("Retention model")!;
    expect(sheet.getCell("B8").value).toBe(1_617_000);
    expect(sheet.getCell("B22").value).toEqual({ formula: "B10*B11", result: 2_250_000 });
    expect(sheet.getCell("D24").value).toEqual({ formula: "D22-D23", result: 705_000 });
    expect(sheet.getCell("B22").numFmt).toBe('#,##0.00 "₽"');
    expect(sheet.getCell("D25").numFmt).toBe("0.00%");
    expect(sheet.getColumn("A").width).toBe(52);
  });

  it("writes user text as a text cell, not a formula", async () => {
    const bytes = await renderPlanToXlsx([plan]);
    const sheet = (await load(bytes)).getWorksheet("Retention model")!;
    expect(sheet.getCell("B2").value).toBe('=HYPERLINK("http://evil","click")');
    expect(sheet.getCell("B2").numFmt).toBe("@");
    const xml = await (await JSZip.loadAsync(bytes)).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toMatch(/<c r="B2"[^>]* t="s"/);
    expect(xml).not.toContain("HYPERLINK");
  });

  it("makes the defined names sheet-scoped, so two report sheets can share a workbook", async () => {
    const bytes = await renderPlanToXlsx([plan, plan, buildComparisonPlan([WORKED_EXAMPLE, hostile], ENGLISH_REPORT_LABELS)]);
    const workbookXml = await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toContain('<sheet sheetId="2" name="Retention model (2)"');
    const names = [...workbookXml.matchAll(/<definedName name="([^"]+)" localSheetId="(\d+)">([^<]+)<\/definedName>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(names).toContainEqual(["New_Profit", "0", "&apos;Retention model&apos;!$B$24"]);
    expect(names).toContainEqual(["New_Profit", "1", "&apos;Retention model (2)&apos;!$B$24"]);
    expect(names).toContainEqual(["Total_Profit", "1", "&apos;Retention model (2)&apos;!$D$24"]);
    expect(names.length).toBe(plan.names.length * 2);
    // No workbook-wide names at all.
    expect(workbookXml).not.toMatch(/<definedName name="[^"]+">/);
  });

  it("can cache stale results on purpose (for recalculation tests)", async () => {
    const sheet = (await load(await renderPlanToXlsx(plan, { cachedResults: "wrong" }))).getWorksheet(1)!;
    expect(sheet.getCell("D24").value).toEqual({ formula: "D22-D23", result: 2 * 705_000 + 1 });
  });

  it("caches #DIV/0! where the model's value is not finite", async () => {
    const free = cloneScenario(WORKED_EXAMPLE);
    free.segments.new.marketingSpend = 0; // CAC 0 → LTV:CAC divides by zero
    const p = buildReportPlan(free, { labels: ENGLISH_REPORT_LABELS, date: new Date(2025, 0, 15) });
    const sheet = (await load(await renderPlanToXlsx(p))).getWorksheet(1)!;
    expect(sheet.getCell("B39").value).toEqual({ formula: "B37/B38", result: { error: "#DIV/0!" } });
  });
});
