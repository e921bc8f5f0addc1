/**
 * Renders sheet plans to an .xlsx with ExcelJS (Node and browser). Formulas carry the model's
 * value as their cached result, so viewers that do not recalculate still show the right numbers;
 * the workbook also asks Excel to recalculate fully on load.
 *
 * Charts: ExcelJS cannot write charts, so once it has written the package, xlsx-chart.ts adds
 * each plan's charts as native Excel chart parts (reading the sheet's cells, with the plan's
 * values cached).
 */
import { Workbook, Worksheet } from "exceljs";
import { xlsxCellText, xmlSafeText } from "../cell-text";
import { STYLE_LOOKS } from "../plan-style";
import { uniqueSheetName } from "../sheet-name";
import { addChartsToXlsx, quoteSheetName, WrittenSheet } from "./xlsx-chart";
import {
  absoluteRef,
  cellRef,
  excelNumberFormat,
  parseCellRef,
  PlanCell,
  SheetPlan,
  TEXT_FORMAT,
} from "../sheet-plan";

export interface XlsxOptions {
  /**
   * "model" (default) caches the model's values; "wrong" caches a deliberately wrong value
   * (2 × value + 1) for every formula, for tests that must prove a spreadsheet engine really
   * recalculated. (ExcelJS omits a cached 0, so 0 would not prove anything.)
   */
  cachedResults?: "model" | "wrong";
}

/** A defined name scoped to one sheet, as ExcelJS's workbook model writes it (localSheetId = sheet index). */
interface ScopedName {
  name: string;
  ranges: string[];
  localSheetId: number;
}

export async function renderPlanToXlsx(
  plans: SheetPlan | SheetPlan[],
  options: XlsxOptions = {}
): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.creator = "Retention economics add-in";
  workbook.calcProperties.fullCalcOnLoad = true;
  const scopedNames: ScopedName[] = [];
  const written: WrittenSheet[] = [];
  (Array.isArray(plans) ? plans : [plans]).forEach((plan, index) => {
    const name = uniqueSheetName(
      plan.sheetName,
      written.map((w) => w.name)
    );
    written.push({ name, plan });
    const sheet = workbook.addWorksheet(name);
    writePlan(sheet, plan, options);
    const quoted = quoteSheetName(name);
    for (const n of plan.names)
      scopedNames.push({
        name: n.name,
        ranges: [`${quoted}!${absoluteRef(n.cell)}`],
        localSheetId: index,
      });
  });
  addSheetScopedNames(workbook, scopedNames);
  const buffer = await workbook.xlsx.writeBuffer();
  return addChartsToXlsx(new Uint8Array(buffer as ArrayBuffer), written);
}

function writePlan(sheet: Worksheet, plan: SheetPlan, options: XlsxOptions): void {
  for (const [column, width] of Object.entries(plan.columnWidths))
    sheet.getColumn(column).width = width;
  // One page wide, as many tall as it takes (fitToHeight 0 = automatic).
  Object.assign(sheet.pageSetup, {
    orientation: plan.print.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  });
  for (const scale of plan.conditionalFormats ?? []) {
    const argb = (hex: string) => ({ argb: `FF${hex.slice(1)}` });
    const { min, mid, max } = scale.colors;
    sheet.addConditionalFormatting({
      ref: scale.range,
      rules: [
        {
          type: "colorScale",
          priority: 1,
          cfvo: mid
            ? [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }]
            : [{ type: "min" }, { type: "max" }],
          color: (mid ? [min, mid, max] : [min, max]).map(argb),
        },
      ],
    });
  }
  for (const block of plan.blocks) {
    const origin = parseCellRef(block.topLeft);
    block.rows.forEach((row, r) =>
      row.forEach((planCell, c) => {
        if (planCell)
          writeCell(sheet, origin.row + r + 1, origin.column + c + 1, planCell, options);
      })
    );
  }
}

function writeCell(
  sheet: Worksheet,
  row: number,
  column: number,
  planCell: PlanCell,
  options: XlsxOptions
): void {
  const cell = sheet.getCell(row, column);
  const where = () => `sheet '${sheet.name}' cell ${cellRef(row - 1, column - 1)}`;
  switch (planCell.kind) {
    case "text":
      // A JS string is always a text cell in ExcelJS (formulas are objects), so "=HYPERLINK(…)" stays text.
      cell.value = xlsxCellText(planCell.text, where);
      cell.numFmt = TEXT_FORMAT;
      break;
    case "number":
      cell.value = planCell.value;
      cell.numFmt = excelNumberFormat(planCell.format);
      break;
    case "blank":
      cell.numFmt = excelNumberFormat(planCell.format);
      break;
    case "formula": {
      const expected =
        options.cachedResults === "wrong" ? 2 * planCell.expected + 1 : planCell.expected;
      const result =
        planCell.expectedText !== undefined
          ? options.cachedResults === "wrong"
            ? "wrong"
            : xlsxCellText(planCell.expectedText, where)
          : Number.isFinite(expected)
            ? expected
            : { error: "#DIV/0!" as const };
      cell.value = { formula: xmlSafeText(planCell.formula.replace(/^=/, "")), result };
      cell.numFmt = excelNumberFormat(planCell.format);
      break;
    }
  }
  const look = planCell.style ? STYLE_LOOKS[planCell.style] : undefined;
  if (!look) return;
  const argb = (hex: string) => `FF${hex.slice(1)}`;
  if (look.bold || look.italic || look.size || look.color) {
    cell.font = {
      bold: look.bold,
      italic: look.italic,
      size: look.size,
      color: look.color ? { argb: argb(look.color) } : undefined,
    };
  }
  if (look.fill)
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look.fill) } };
}

/**
 * ExcelJS's public API (workbook.definedNames, cell.names) only makes workbook-wide names, which
 * would clash when two report sheets sit in one file. Its workbook model does write
 * `localSheetId` (it uses it for print areas), so the names are appended to the model it
 * serialises. test/report/render-xlsx.test.ts checks the XML, so an ExcelJS change is caught.
 */
function addSheetScopedNames(workbook: Workbook, names: ScopedName[]): void {
  const descriptor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(workbook), "model");
  if (!descriptor?.get || !descriptor.set)
    throw new Error(
      "ExcelJS no longer exposes its workbook model: sheet-scoped names cannot be written"
    );
  const { get, set } = descriptor;
  Object.defineProperty(workbook, "model", {
    configurable: true,
    get() {
      const model = get.call(this);
      model.definedNames = [...(model.definedNames ?? []), ...names];
      return model;
    },
    set(value) {
      set.call(this, value);
    },
  });
}
