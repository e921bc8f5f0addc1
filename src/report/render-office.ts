/**
 * Renders a sheet plan into the open workbook with Office.js: one Excel.run, three syncs (read the
 * sheet names; add the new sheet and learn its id; write everything), whole 2-D arrays per block,
 * calculation suspended until the write lands. Only ever adds a new sheet; never reads or changes
 * an existing one, and if the write fails it deletes only the sheet it added (found by id: a
 * co-author may have created a sheet with the same name in the meantime).
 */
import { STYLE_LOOKS } from "./plan-style";
import { uniqueSheetName } from "./sheet-name";
import {
  blockAddress,
  CellStyle,
  cellRef,
  excelNumberFormat,
  parseCellRef,
  PlanCell,
  rectangularRows,
  SheetPlan,
  TEXT_FORMAT,
} from "./sheet-plan";

/** Writes the plan to a new sheet named after `baseName` (made unique) and returns the name used. */
export async function writePlanToWorkbook(plan: SheetPlan, baseName: string): Promise<string> {
  let sheetName = "";
  let sheetId: string | undefined;
  let writeFailure: unknown;
  try {
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();

      sheetName = uniqueSheetName(
        baseName,
        sheets.items.map((s) => s.name)
      );
      // The sheet is added on its own first, so its id is known before anything can fail half-way.
      const sheet = sheets.add(sheetName);
      sheet.load("id");
      await context.sync();
      sheetId = sheet.id;

      context.application.suspendApiCalculationUntilNextSync();
      queuePlan(sheet, plan);
      sheet.activate();
      try {
        await context.sync();
      } catch (error) {
        writeFailure = error;
      }
    });
  } catch (error) {
    throw new Error(`Could not write the report: ${messageOf(error)}`);
  }
  if (writeFailure !== undefined) {
    const removed = sheetId !== undefined && (await removeSheet(sheetId));
    const aftermath = removed
      ? "The partly written sheet was removed."
      : `The sheet "${sheetName}" may be incomplete: delete it and try again.`;
    throw new Error(
      `Could not write the report to "${sheetName}": ${messageOf(writeFailure)}. ${aftermath}`
    );
  }
  return sheetName;
}

/** Queues every command of the plan on the new sheet; nothing here syncs. */
function queuePlan(sheet: Excel.Worksheet, plan: SheetPlan): void {
  for (const block of plan.blocks) {
    const range = sheet.getRange(blockAddress(block));
    const rows = rectangularRows(block);
    // Number formats first: a text cell must be "@" before its value lands, so "=cmd" stays text.
    // null in a 2-D array leaves that cell alone (Office.js), so each property is one whole array.
    range.numberFormat = rows.map((row) => row.map(numberFormatOf)) as string[][];
    range.values = rows.map((row) => row.map(literalOf)) as (string | number)[][];
    if (rows.some((row) => row.some((cell) => cell?.kind === "formula"))) {
      range.formulas = rows.map((row) =>
        row.map((cell) => (cell?.kind === "formula" ? cell.formula : null))
      ) as string[][];
    }
  }
  for (const [style, runs] of styleRuns(plan)) {
    const look = STYLE_LOOKS[style];
    for (const run of runs) {
      const format = sheet.getRange(run).format;
      if (look.bold) format.font.bold = true;
      if (look.italic) format.font.italic = true;
      if (look.size) format.font.size = look.size;
      if (look.color) format.font.color = look.color;
      if (look.fill) format.fill.color = look.fill;
    }
  }
  for (const [column, characters] of Object.entries(plan.columnWidths)) {
    sheet.getRange(`${column}:${column}`).format.columnWidth = charactersToPoints(characters);
  }
  for (const { name, cell } of plan.names) sheet.names.add(name, sheet.getRange(cell));
  for (const chart of plan.charts) {
    const added = sheet.charts.add("ColumnClustered", sheet.getRange(chart.dataRange), "Columns");
    added.title.text = chart.title;
    chart.seriesNames.forEach((name, i) => (added.series.getItemAt(i).name = name));
    added.setPosition(chart.position.from, chart.position.to);
  }
  // Page layout is ExcelApi 1.9, the minimum manifest.xml declares.
  sheet.pageLayout.orientation = plan.print.orientation === "landscape" ? "Landscape" : "Portrait";
  // One page wide and as many tall as it takes (0 = automatic, as the .xlsx's fitToHeight 0):
  // left unset, Excel may keep a fit-to-one-page-tall and squeeze a long sheet onto one page.
  sheet.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
}

function numberFormatOf(cell: PlanCell | null): string | null {
  if (!cell) return null;
  return cell.kind === "text" ? TEXT_FORMAT : excelNumberFormat(cell.format);
}

function literalOf(cell: PlanCell | null): string | number | null {
  if (cell?.kind === "text") return cell.text;
  if (cell?.kind === "number") return cell.value;
  return null;
}

/** Cells of each style as horizontal runs ("B22:D22"), so formatting takes few range objects. */
export function styleRuns(plan: SheetPlan): Map<CellStyle, string[]> {
  const runs = new Map<CellStyle, string[]>();
  for (const block of plan.blocks) {
    const origin = parseCellRef(block.topLeft);
    block.rows.forEach((row, r) => {
      let c = 0;
      while (c < row.length) {
        const style = row[c]?.style;
        if (!style) {
          c++;
          continue;
        }
        let end = c;
        while (end + 1 < row.length && row[end + 1]?.style === style) end++;
        const from = cellRef(origin.row + r, origin.column + c);
        const to = cellRef(origin.row + r, origin.column + end);
        if (!runs.has(style)) runs.set(style, []);
        runs.get(style)!.push(from === to ? from : `${from}:${to}`);
        c = end + 1;
      }
    });
  }
  return runs;
}

/** Excel column widths are characters of the default font; Office.js wants points (≈ 7 px per character + 5 px padding, 0.75 pt per px). */
function charactersToPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75);
}

/**
 * Best effort: deletes the sheet this call created, by its id and never by name (the name may
 * belong to a co-author's sheet by now). The id is checked again before deleting.
 */
async function removeSheet(id: string): Promise<boolean> {
  try {
    return await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(id);
      sheet.load("id");
      await context.sync();
      if (sheet.isNullObject) return true; // already gone
      if (sheet.id !== id) return false;
      sheet.delete();
      await context.sync();
      return true;
    });
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
