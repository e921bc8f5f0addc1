/**
 * Issue 22.7: text a workbook cannot store. A customer id or scenario name holding U+FFFF, U+FFFE,
 * a C0 control or an unpaired surrogate, written raw, made Excel repair the file and LibreOffice
 * drop every label after it; a literal "_x0041_" came back as "A". Every label must read back as
 * intended, in ExcelJS and in LibreOffice, and an overlong text is refused naming its cell.
 */
import { cloneScenario, WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { CellTextTooLongError, EXCEL_CELL_TEXT_LIMIT } from "../../../src/report/cell-text";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildReportPlan } from "../../../src/report/plans/report-plan";
import { renderPlanToXlsx } from "../../../src/report/renderers/render-xlsx";
import { planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { convertWithLibreOffice, recalculateWithLibreOffice } from "../../support/libreoffice";
import { usingLibreOffice } from "../../support/libreoffice-suite";
import { loadWorkbook } from "../../support/xlsx-inspection";

const soffice = usingLibreOffice();

/** [as the user gave it, as the workbook must show it] */
const LABELS: Array<[string, string]> = [
  ["C-1\uffffx", "C-1\ufffdx"],
  ["C-2\ufffe", "C-2\ufffd"],
  ["bell\u0007 and null\u0000", "bell\ufffd and null\ufffd"],
  ["lone \ud800 high", "lone \ufffd high"],
  ["lone \udc00 low", "lone \ufffd low"],
  ["pair 😀 kept", "pair 😀 kept"],
  ["_x0041_", "_x0041_"],
  ["a_x000D_b", "a_x000D_b"],
  ["_x005F_x0041_", "_x005F_x0041_"],
  ["tab\tand line\nkept", "tab\tand line\nkept"],
  ["the last label", "the last label"],
];

function labelsPlan(texts: string[]): SheetPlan {
  return {
    sheetName: "Labels",
    blocks: [{ topLeft: "A1", rows: texts.map((text) => [{ kind: "text", text }]) }],
    names: [],
    columnWidths: {},
    charts: [],
    print: { orientation: "portrait" },
  };
}

async function columnA(xlsx: Uint8Array, rows: number): Promise<unknown[]> {
  const sheet = (await loadWorkbook(xlsx)).worksheets[0];
  return Array.from({ length: rows }, (_, r) => sheet.getCell(r + 1, 1).value);
}

describe("text a workbook cannot store, in the .xlsx (issue 22.7)", () => {
  const plan = labelsPlan(LABELS.map(([given]) => given));
  const expected = LABELS.map(([, shown]) => shown);

  it("every label reads back from ExcelJS as intended", async () => {
    expect(await columnA(await renderPlanToXlsx(plan), LABELS.length)).toEqual(expected);
  });

  it("every label survives LibreOffice, in order, the last one included", async () => {
    // As CSV (UTF-8, every field quoted), so what LibreOffice read is seen without any OOXML
    // escaping of its own on the way back.
    const csv = await convertWithLibreOffice(
      await renderPlanToXlsx(plan),
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true",
      soffice
    );
    const fields = [...new TextDecoder().decode(csv).matchAll(/"((?:[^"]|"")*)"/g)].map((m) =>
      m[1].replace(/""/g, '"')
    );
    expect(fields).toEqual(expected);
  });

  it("a report for a scenario named with U+FFFF keeps every label after the name", async () => {
    const scenario = cloneScenario(WORKED_EXAMPLE);
    scenario.name = "Spring\uffff plan";
    const report = buildReportPlan(scenario, {
      labels: ENGLISH_REPORT_LABELS,
      date: new Date(2025, 0, 15),
    });
    const resaved = await recalculateWithLibreOffice(await renderPlanToXlsx(report), soffice);
    const sheet = (await loadWorkbook(resaved)).worksheets[0];
    let texts = 0;
    for (const { ref, cell } of planCells(report)) {
      if (cell.kind !== "text" || cell.text === "") continue;
      texts++;
      expect([ref, sheet.getCell(ref).value]).toEqual([
        ref,
        cell.text.replace(/\uffff/g, "\ufffd"),
      ]);
    }
    expect(texts).toBeGreaterThan(10);
  });

  it("text longer than Excel's 32,767-character cell is refused, naming the sheet and cell", async () => {
    const long = "x".repeat(EXCEL_CELL_TEXT_LIMIT + 1);
    const render = renderPlanToXlsx(labelsPlan(["fine", long]));
    await expect(render).rejects.toBeInstanceOf(CellTextTooLongError);
    await expect(renderPlanToXlsx(labelsPlan(["fine", long]))).rejects.toThrow(
      /sheet 'Labels' cell A2 holds 32,768 characters; an Excel cell holds at most 32,767/
    );
    // exactly at the limit is written whole
    const atLimit = "y".repeat(EXCEL_CELL_TEXT_LIMIT);
    expect(await columnA(await renderPlanToXlsx(labelsPlan([atLimit])), 1)).toEqual([atLimit]);
  });
});
