/**
 * Renders a sheet plan into the open workbook with Office.js: one batch (started by runExcel, so
 * a write waits while the user is editing a cell) of 2 + n + m + 1 syncs: read the sheet names;
 * add the new sheet and learn its id; the cells in n requests (whole 2-D arrays per block or run
 * of rows, calculation suspended until each lands); the layout (styles, widths, names, colour
 * scales, charts) in m requests of its own; the page setup alone, last. Each request stays under
 * REQUEST_BUDGET_BYTES, so n = m = 1 unless the plan is big. Only ever adds a new sheet; never
 * reads or changes an existing one, and if the write fails it deletes only the sheet it added
 * (found by id: a co-author may have created a sheet with the same name in the meantime). A
 * failed page setup is not a failed write: the sheet stays, and the caller hears why.
 */
import { runExcel } from "../../office/excel-run";
import { cellText } from "../cell-text";
import {
  cellRef,
  excelNumberFormat,
  parseCellRef,
  PlanCell,
  rectangularRows,
  SheetPlan,
  TEXT_FORMAT,
} from "../sheet-plan";
import { uniqueSheetName } from "../sheet-name";
import { layoutBatches, queuePageLayout } from "./office-layout";

export interface WriteOptions {
  /** Estimated bytes per request (tests lower it to see the layout split). */
  budget?: number;
  /** Told when the page setup failed; the sheet is written all the same. */
  onPageSetupSkipped?: (reason: string) => void;
}

/** Writes the plan to a new sheet named after `baseName` (made unique) and returns the name used. */
export async function writePlanToWorkbook(
  plan: SheetPlan,
  baseName: string,
  options: WriteOptions = {}
): Promise<string> {
  const budget = options.budget ?? REQUEST_BUDGET_BYTES;
  let sheetName = "";
  let sheetId: string | undefined;
  let writeFailure: unknown;
  let pageSetupFailure: unknown;
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

      // Each batch is queued whole, then sent in one sync. The cells come first, calculation
      // suspended for each of their requests; the layout follows in requests of its own.
      const requests: Array<() => void> = [
        ...writeBatches(plan, budget).map((pieces) => () => {
          context.application.suspendApiCalculationUntilNextSync();
          for (const piece of pieces) queueCells(sheet, piece, sheetName);
        }),
        ...layoutBatches(plan, budget).map((ops) => () => {
          for (const op of ops) op.queue(sheet);
        }),
      ];
      for (const queue of requests) {
        queue();
        try {
          // One request per batch on purpose: a big plan does not fit one request.
          // eslint-disable-next-line office-addins/no-context-sync-in-loop
          await context.sync();
        } catch (error) {
          writeFailure = error;
          return;
        }
      }
      try {
        queuePageLayout(sheet, plan);
        await context.sync();
      } catch (error) {
        pageSetupFailure = error;
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
  if (pageSetupFailure !== undefined) options.onPageSetupSkipped?.(messageOf(pageSetupFailure));
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
 * that fit, and the pieces packed into as few requests as they fit in. The layout that follows
 * has requests of its own (office-layout.ts).
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

function numberFormatOf(cell: PlanCell | null): string | null {
  if (!cell) return null;
  return cell.kind === "text" ? TEXT_FORMAT : excelNumberFormat(cell.format);
}

function literalOf(cell: PlanCell | null): string | number | null {
  if (cell?.kind === "text") return cell.text;
  if (cell?.kind === "number") return cell.value;
  return null;
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
