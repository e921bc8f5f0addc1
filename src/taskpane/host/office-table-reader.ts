/**
 * Reads the user's selected range or an Excel table in row blocks with Office.js. Excel on the
 * web refuses a request or response above about 5 MB, so a block never carries more than
 * PAYLOAD_CAP bytes (its values, and their formats when they come too): the first block is a
 * small probe, and each next block is sized from the largest bytes-per-row seen so far. Rows
 * further down may be larger than any seen (a long text column that starts after the probe): when
 * Excel refuses a block as too large, the block is halved and asked again, and blocks stay at most
 * that size for the rest of the read.
 *
 * In a 1904 workbook (date-system.ts) each block's number formats come with its values, and
 * dates move to 1900-system serials before anyone sees them.
 *
 * One Excel.run; syncs = 1 (the range's size) + one per block (+ one per refused block, + one
 * the first time in a session, to learn the date system). Only ever reads: nothing in the
 * workbook is changed.
 */
import { cellRef } from "../../report/sheet-plan";
import { datesTo1900System, WorkbookDateSystem } from "./date-system";
import { runExcel } from "../../office/excel-run";

/** What to read: the selection, or a table by name (its header row included, its total row not). */
export type RangeSource = { kind: "selection" } | { kind: "table"; name: string };

export interface TableInfo {
  name: string;
  worksheet: string;
}

/** Why the read slowed down, for the progress line. */
export interface ReadNote {
  /** The rows of the block Excel last refused as too large. */
  refusedRows: number;
  /** Blocks are now at most this many rows. */
  smallerBlocks: number;
}

export interface ReadRowsOptions {
  /** Each block as it arrives; `firstRow` is the sheet row number (1-based) of rows[0]. */
  onBlock: (rows: unknown[][], firstRow: number) => void | Promise<void>;
  /** After each block, and when Excel refused one (`note` then stays on every later call). */
  onProgress?: (rowsRead: number, totalRows: number, note?: ReadNote) => void;
  /** Aborting stops before the next block is requested. */
  signal?: AbortSignal;
  /** Bytes of values per block (default PAYLOAD_CAP). */
  payloadCap?: number;
}

export interface ReadRowsResult {
  /** The address read, e.g. "Orders!A1:C2401"; "" when the source was empty. */
  address: string;
  rows: number;
  columns: number;
}

/** Well under Excel on the web's ~5 MB per request, leaving room for the response's envelope. */
export const PAYLOAD_CAP = 4_000_000;
/** The first block: small, so its size can be measured before anything big is asked for. */
export const PROBE_ROWS = 100;
/** Blocks never exceed this many rows, so progress moves and Cancel answers. */
export const MAX_BLOCK_ROWS = 50_000;
/** Room for rows larger than those measured so far. */
const SAFETY = 1.25;
/** Office.js's codes for a request or response over Excel's payload limit. */
const PAYLOAD_ERRORS = new Set([
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
]);

export class ReadCancelledError extends Error {
  constructor() {
    super("reading was cancelled");
    this.name = "ReadCancelledError";
  }
}

/** The selection has several areas (Ctrl+click): the pane reads one rectangle. */
export class MultiAreaSelectionError extends Error {
  constructor(readonly areas: string) {
    super(
      `the selection has several areas (${areas}). Select one rectangular range, with its header row, and try again.`
    );
    this.name = "MultiAreaSelectionError";
  }
}

/** Bytes a block of values takes as JSON (UTF-8), as it travels between Excel and the pane. */
export function payloadBytes(values: unknown[][]): number {
  return new TextEncoder().encode(JSON.stringify(values)).length;
}

/** Rows per block for a measured size per row. */
export function blockRowsFor(bytesPerRow: number, cap: number): number {
  return Math.max(1, Math.min(MAX_BLOCK_ROWS, Math.floor(cap / (bytesPerRow * SAFETY))));
}

/** True for Excel's refusal of a request or response as too large (Excel on the web). */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && PAYLOAD_ERRORS.has(code);
}

/**
 * Error cells as the error values the model names by row ("#N/A is not a customer id"), not as
 * their text, which would read as an id. Rows without an error are passed on as they are.
 */
export function withErrorCells(
  values: unknown[][],
  types: readonly (readonly string[])[] | undefined
): unknown[][] {
  if (!types) return values;
  for (let r = 0; r < values.length; r++) {
    const rowTypes = types[r];
    if (!rowTypes || !rowTypes.includes("Error")) continue;
    values[r] = values[r].map((cell, c) =>
      rowTypes[c] === "Error" ? { type: "Error", basicValue: String(cell) } : cell
    );
  }
  return values;
}

/** The rectangle to read: 0-based sheet indexes, and its address for messages. */
interface Region {
  sheet: Excel.Worksheet;
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * A table's rows: the header row (when shown) sits right above the data body; the total row,
 * below it, is not data and is never read. getHeaderRowRange() is not asked for: with the header
 * row hidden there is none, and Office.js documents no null object for that case. One sync.
 */
async function locateTable(context: Excel.RequestContext, name: string): Promise<Region | null> {
  const table = context.workbook.tables.getItem(name);
  table.load("showHeaders");
  const body = table.getDataBodyRange();
  body.load("address,rowIndex,columnIndex,columnCount");
  const filled = body.getUsedRangeOrNullObject(true);
  filled.load("rowIndex,rowCount");
  await context.sync();
  const top = table.showHeaders ? body.rowIndex - 1 : body.rowIndex;
  const bottom = filled.isNullObject ? body.rowIndex - 1 : filled.rowIndex + filled.rowCount - 1;
  if (bottom < top) return null;
  const sheetName = body.address.slice(0, body.address.lastIndexOf("!"));
  const last = body.columnIndex + body.columnCount - 1;
  return {
    // A navigation property: a proxy to call getRangeByIndexes on, nothing to load.
    // eslint-disable-next-line office-addins/load-object-before-read
    sheet: body.worksheet,
    address: `${sheetName}!${cellRef(top, body.columnIndex)}:${cellRef(bottom, last)}`,
    rowIndex: top,
    columnIndex: body.columnIndex,
    rowCount: bottom - top + 1,
    columnCount: body.columnCount,
  };
}

/**
 * The selection's used part. getSelectedRange() throws on a multi-area selection (Ctrl+click);
 * getSelectedRanges() (ExcelApi 1.9) says how many areas there are, so the pane can ask for one.
 * Whole columns selected (A:C) are a million rows: only the used part of them is read. One sync.
 */
async function locateSelection(context: Excel.RequestContext): Promise<Region | null> {
  const selection = context.workbook.getSelectedRanges();
  selection.load("areaCount,address");
  const used = selection.areas.getItemAt(0).getUsedRangeOrNullObject(true);
  used.load("address,rowCount,columnCount,rowIndex,columnIndex");
  await context.sync();
  if (selection.areaCount > 1) throw new MultiAreaSelectionError(selection.address);
  if (used.isNullObject) return null;
  return {
    sheet: used.worksheet,
    address: used.address,
    rowIndex: used.rowIndex,
    columnIndex: used.columnIndex,
    rowCount: used.rowCount,
    columnCount: used.columnCount,
  };
}

export async function readRowsInBlocks(
  source: RangeSource,
  options: ReadRowsOptions,
  dates: WorkbookDateSystem = new WorkbookDateSystem()
): Promise<ReadRowsResult> {
  const cap = options.payloadCap ?? PAYLOAD_CAP;
  return runExcel(async (context) => {
    const shiftDates = (await dates.inContext(context)) === "1904";
    const region =
      source.kind === "table"
        ? await locateTable(context, source.name)
        : await locateSelection(context);
    if (!region) return { address: "", rows: 0, columns: 0 };
    const { sheet, address, rowCount, columnCount, rowIndex, columnIndex } = region;
    let read = 0;
    let bytesPerRow = 0;
    let blockRows = PROBE_ROWS;
    // Lowered for the rest of the read each time Excel refuses a block as too large.
    let limit = MAX_BLOCK_ROWS;
    let note: ReadNote | undefined;
    while (read < rowCount) {
      if (options.signal?.aborted) throw new ReadCancelledError();
      const count = Math.min(blockRows, limit, rowCount - read);
      const block = sheet.getRangeByIndexes(rowIndex + read, columnIndex, count, columnCount);
      // The formats only where dates are to be shifted: they double what a block carries.
      // valueTypes: an error cell's value is the text "#N/A"; only its type tells it from text.
      if (shiftDates) block.load("values,valueTypes,numberFormat");
      else block.load("values,valueTypes");
      try {
        // One request per block is the point: a single request for everything could exceed the cap.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      } catch (error) {
        if (!isPayloadTooLarge(error)) throw error;
        if (count === 1)
          throw new Error(
            `row ${rowIndex + read + 1} alone is more than Excel can send in one request`
          );
        limit = Math.floor(count / 2);
        note = { refusedRows: count, smallerBlocks: limit };
        options.onProgress?.(read, rowCount, note);
        continue;
      }
      const values = withErrorCells(
        shiftDates ? datesTo1900System(block.values, block.numberFormat) : block.values,
        block.valueTypes
      );
      const bytes =
        payloadBytes(values) +
        payloadBytes(block.valueTypes) +
        (shiftDates ? payloadBytes(block.numberFormat) : 0);
      bytesPerRow = Math.max(bytesPerRow, bytes / count);
      blockRows = blockRowsFor(bytesPerRow, cap);
      await options.onBlock(values, rowIndex + read + 1);
      read += count;
      options.onProgress?.(read, rowCount, note);
    }
    return { address, rows: rowCount, columns: columnCount };
  });
}

/** The workbook's tables, for the pane's "Excel table" choice. One sync. */
export async function listWorkbookTables(): Promise<TableInfo[]> {
  return runExcel(async (context) => {
    const tables = context.workbook.tables;
    tables.load("items/name,items/worksheet/name");
    await context.sync();
    return tables.items.map((t) => ({ name: t.name, worksheet: t.worksheet.name }));
  });
}
