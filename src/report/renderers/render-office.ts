/**
 * Renders a sheet plan into the open workbook with Office.js: one batch (started by runExcel, so
 * a write waits while the user is editing a cell), 2 + n syncs (read the
 * sheet names; add the new sheet and learn its id; write everything in n requests, n = 1 unless the
 * plan is bigger than REQUEST_BUDGET_BYTES), whole 2-D arrays per block (or per run of rows),
 * calculation suspended until each write lands. Only ever adds a new sheet; never reads or changes
 * an existing one, and if the write fails it deletes only the sheet it added (found by id: a
 * co-author may have created a sheet with the same name in the meantime).
 */
import { runExcel } from "../../office/excel-run";
import { cellText } from "../cell-text";
import { STYLE_LOOKS } from "../plan-style";
import { uniqueSheetName } from "../sheet-name";
import {
  CellStyle,
  cellRef,
  excelNumberFormat,
  parseCellRef,
  PlanCell,
  rectangularRows,
  SheetPlan,
  TEXT_FORMAT,
} from "../sheet-plan";

/** Writes the plan to a new sheet named after `baseName` (made unique) and returns the name used. */
export async function writePlanToWorkbook(plan: SheetPlan, baseName: string): Promise<string> {
  let sheetName = "";
  let sheetId: string | undefined;
  let writeFailure: unknown;
  try {
    await runExcel(async (context) => {
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

      // Big plans go in several requests, each under Excel on the web's payload cap; calculation
      // is suspended for each, and the formatting, names and charts ride with the last one.
      const batches = writeBatches(plan);
      for (let i = 0; i < batches.length; i++) {
        context.application.suspendApiCalculationUntilNextSync();
        for (const piece of batches[i]) queueCells(sheet, piece, sheetName);
        if (i === batches.length - 1) {
          queueLayout(sheet, plan);
          sheet.activate();
        }
        try {
          // One request per batch on purpose: a big plan does not fit one request.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        } catch (error) {
          writeFailure = error;
          break;
        }
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

/** Excel on the web refuses requests over about 5 MB: each write stays well under it. */
export const REQUEST_BUDGET_BYTES = 4_000_000;

/** Rows of one block, written as whole 2-D arrays in one go. */
export interface CellPiece {
  address: string;
  rows: (PlanCell | null)[][];
  /** Estimated request size of its values, formats and formulas (JSON, UTF-8). */
  bytes: number;
}

/** A cell's share of a request: its number format, literal and formula, as JSON in UTF-8. */
function cellBytes(cell: PlanCell | null): number {
  if (!cell) return 15; // null in each of three arrays
  const formula = cell.kind === "formula" ? cell.formula : null;
  return utf8Length(JSON.stringify([numberFormatOf(cell), literalOf(cell), formula])) + 3;
}

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/**
 * The plan's cells in requests under REQUEST_BUDGET_BYTES: each block split into runs of rows
 * that fit, and the pieces packed into as few requests as they fit in. The formatting that
 * follows is small (a few commands per row of styles), so it joins the last request.
 */
export function writeBatches(plan: SheetPlan, budget = REQUEST_BUDGET_BYTES): CellPiece[][] {
  const batches: CellPiece[][] = [[]];
  let used = 0;
  const push = (piece: CellPiece) => {
    if (used + piece.bytes > budget && batches[batches.length - 1].length > 0) {
      batches.push([]);
      used = 0;
    }
    batches[batches.length - 1].push(piece);
    used += piece.bytes;
  };
  for (const block of plan.blocks) {
    const rows = rectangularRows(block);
    const origin = parseCellRef(block.topLeft);
    const width = rows[0]?.length ?? 1;
    let start = 0;
    let bytes = 0;
    const flush = (end: number) => {
      if (end <= start) return;
      const from = cellRef(origin.row + start, origin.column);
      const to = cellRef(origin.row + end - 1, origin.column + width - 1);
      push({ address: `${from}:${to}`, rows: rows.slice(start, end), bytes });
      start = end;
      bytes = 0;
    };
    for (let r = 0; r < rows.length; r++) {
      const rowBytes = rows[r].reduce((sum, cell) => sum + cellBytes(cell), 0);
      if (bytes + rowBytes > budget - used && r > start) flush(r);
      bytes += rowBytes;
    }
    flush(rows.length);
  }
  return batches;
}

/** Queues one piece: number formats, then values, then formulas; nothing here syncs. */
function queueCells(sheet: Excel.Worksheet, piece: CellPiece, sheetName: string): void {
  const range = sheet.getRange(piece.address);
  const { rows } = piece;
  const origin = parseCellRef(piece.address.split(":")[0]);
  // Text through the same gate as the .xlsx: no character a workbook cannot store, no overlong cell.
  const literal = (cell: PlanCell | null, r: number, c: number) =>
    cell?.kind === "text"
      ? cellText(
          cell.text,
          () => `sheet '${sheetName}' cell ${cellRef(origin.row + r, origin.column + c)}`
        )
      : literalOf(cell);
  // Number formats first: a text cell must be "@" before its value lands, so "=cmd" stays text.
  // null in a 2-D array leaves that cell alone (Office.js), so each property is one whole array.
  range.numberFormat = rows.map((row) => row.map(numberFormatOf)) as string[][];
  range.values = rows.map((row, r) => row.map((cell, c) => literal(cell, r, c))) as (
    string | number
  )[][];
  if (rows.some((row) => row.some((cell) => cell?.kind === "formula"))) {
    range.formulas = rows.map((row) =>
      row.map((cell) => (cell?.kind === "formula" ? cell.formula : null))
    ) as string[][];
  }
}

/** Queues the styles, widths, names, conditional formats, charts and page layout. */
function queueLayout(sheet: Excel.Worksheet, plan: SheetPlan): void {
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
  for (const scale of plan.conditionalFormats ?? []) {
    // A colour scale (ExcelApi 1.6): lowest, optional 50th percentile, highest.
    const format = sheet.getRange(scale.range).conditionalFormats.add("ColorScale");
    const { min, mid, max } = scale.colors;
    format.colorScale.criteria = {
      minimum: { type: "LowestValue", color: min },
      ...(mid ? { midpoint: { formula: "50", type: "Percentile", color: mid } } : {}),
      maximum: { type: "HighestValue", color: max },
    };
  }
  for (const chart of plan.charts) {
    const added = sheet.charts.add(
      chart.kind === "line" ? "Line" : "ColumnClustered",
      sheet.getRange(chart.dataRange),
      chart.seriesBy === "rows" ? "Rows" : "Columns"
    );
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
    return await runExcel(async (context) => {
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
