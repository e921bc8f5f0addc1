/**
 * A real spreadsheet engine recalculates the report: LibreOffice opens the .xlsx with every cached
 * formula result deliberately wrong, recalculates from scratch (forced by its profile), and each
 * named output (and every other formula) must equal the model's value to 1e-9 relative.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import JSZip from "jszip";
import { cloneScenario, evaluateScenario, WORKED_EXAMPLE } from "../../src/model/scenario";
import { ENGLISH_REPORT_LABELS } from "../../src/report/report-labels";
import { buildComparisonPlan, buildReportPlan } from "../../src/report/report-plan";
import { renderPlanToXlsx } from "../../src/report/render-xlsx";
import { planCells, SheetPlan } from "../../src/report/sheet-plan";
import { findSoffice, recalculateWithLibreOffice } from "../support/libreoffice";
import { sampleScenarios } from "../support/scenario-arbitrary";

jest.setTimeout(240_000);

const soffice = findSoffice();
const date = new Date(2025, 0, 15);

async function load(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

function numberIn(value: unknown): number | { error: string } | undefined {
  if (typeof value === "number") return value;
  if (value && typeof value === "object" && "result" in value) return numberIn((value as { result: unknown }).result);
  if (value && typeof value === "object" && "error" in value) return value as { error: string };
  return undefined;
}

/** Compares every formula cell of each plan with the recalculated workbook's sheet at the same index. */
function mismatches(workbook: Workbook, plans: SheetPlan[]): { checkedNames: number; checkedFormulas: number; problems: string[] } {
  const problems: string[] = [];
  let checkedNames = 0;
  let checkedFormulas = 0;
  plans.forEach((plan, index) => {
    const sheet = workbook.worksheets[index];
    const named = new Set(plan.names.map((n) => n.cell));
    for (const { ref, cell } of planCells(plan)) {
      if (cell.kind !== "formula") continue;
      const actual = numberIn(sheet.getCell(ref).value);
      checkedFormulas++;
      if (named.has(ref)) checkedNames++;
      if (!Number.isFinite(cell.expected)) {
        if (!(actual && typeof actual === "object" && actual.error === "#DIV/0!")) problems.push(`${sheet.name}!${ref}: expected #DIV/0!, got ${JSON.stringify(actual)}`);
        continue;
      }
      if (typeof actual !== "number" || Math.abs(actual - cell.expected) > 1e-9 * Math.max(Math.abs(cell.expected), 1e-300)) {
        if (!(typeof actual === "number" && cell.expected === 0 && Math.abs(actual) < 1e-9)) problems.push(`${sheet.name}!${ref} ${cell.formula}: LibreOffice ${JSON.stringify(actual)}, model ${cell.expected}`);
      }
    }
  });
  return { checkedNames, checkedFormulas, problems };
}

// No skipping: npm test installs LibreOffice when it is missing (scripts/system-deps.js).
beforeAll(() => {
  if (!soffice) throw new Error("LibreOffice (soffice) not found: run npm test, which installs it, or set SOFFICE_PATH");
});

describe("LibreOffice recalculates the report to the model's numbers", () => {
  it("for the worked example and 20 random scenarios, from deliberately wrong cached values", async () => {
    const scenarios = [WORKED_EXAMPLE, ...sampleScenarios(20)];
    const reports = scenarios.map((s) => buildReportPlan(s, { labels: ENGLISH_REPORT_LABELS, date }));
    const plans = [...reports, buildComparisonPlan(scenarios.slice(0, 8), ENGLISH_REPORT_LABELS)];
    const recalculated = await recalculateWithLibreOffice(await renderPlanToXlsx(plans, { cachedResults: "wrong" }));

    const { checkedNames, checkedFormulas, problems } = mismatches(await load(recalculated), plans);
    expect(problems).toEqual([]);
    const namedFormulas = reports.flatMap((p) => p.names.filter((n) => [...planCells(p)].some(({ ref, cell }) => ref === n.cell && cell.kind === "formula")));
    expect(namedFormulas.length).toBeGreaterThanOrEqual(21 * 29); // 29 named outputs per report, + Returning_Customers when linked
    expect(checkedNames).toBe(namedFormulas.length);
    expect(checkedFormulas).toBeGreaterThan(1000);
    console.info(`LibreOffice: ${checkedFormulas} formulas (${checkedNames} named outputs) in ${plans.length} sheets match the model to 1e-9`);

    // The names survive LibreOffice's round trip, still sheet-scoped.
    const workbookXml = await (await JSZip.loadAsync(recalculated)).file("xl/workbook.xml")!.async("string");
    const totalProfitNames = [...workbookXml.matchAll(/<definedName[^>]*localSheetId="(\d+)"[^>]*name="Total_Profit"/g)].map((m) => Number(m[1]));
    expect(totalProfitNames.sort((a, b) => a - b)).toEqual(reports.map((_, i) => i));
  });

  it("for the workbook the report command writes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-cli-"));
    try {
      const out = join(dir, "report.xlsx");
      execFileSync(process.execPath, [join(__dirname, "../../bin/retention-report.js"), "--out", out], { stdio: "pipe" });
      const recalculated = await recalculateWithLibreOffice(new Uint8Array(readFileSync(out)));
      const plan = buildReportPlan(WORKED_EXAMPLE, { labels: ENGLISH_REPORT_LABELS, date });
      const workbook = await load(recalculated);
      expect(mismatches(workbook, [plan]).problems).toEqual([]);
      expect(numberIn(workbook.worksheets[0].getCell("D24").value)).toBe(705_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is a live model: change input cells in the written file and every output follows", async () => {
    const plan = buildReportPlan(WORKED_EXAMPLE, { labels: ENGLISH_REPORT_LABELS, date });
    const workbook = await load(await renderPlanToXlsx([plan]));
    const sheet = workbook.worksheets[0];
    const cellOf = (name: string) => plan.names.find((n) => n.name === name)!.cell;
    // What a user would type over the inputs: 100 new customers at 31,000.
    sheet.getCell(cellOf("New_Customers")).value = 100;
    sheet.getCell(cellOf("New_AverageBill")).value = 31_000;
    const edited = await load(await recalculateWithLibreOffice(new Uint8Array(await workbook.xlsx.writeBuffer())));

    const scenario = cloneScenario(WORKED_EXAMPLE);
    scenario.segments.new.customers = 100;
    scenario.segments.new.averageBill = 31_000;
    const model = evaluateScenario(scenario);
    const read = (name: string) => numberIn(edited.worksheets[0].getCell(cellOf(name)).value) as number;
    expect(read("New_Revenue")).toBe(3_100_000);
    expect(read("New_Profit")).toBeCloseTo(model.new.profit, 6);
    expect(read("New_CostPerCustomer")).toBeCloseTo(model.new.costPerCustomer, 9);
    expect(read("Total_Profit")).toBeCloseTo(model.total.profit, 6);
    expect(read("Total_Profit")).not.toBeCloseTo(705_000, 0);
  });
});
