/**
 * Reads the user's selected range or an Excel table in row blocks with Office.js. Excel on the
 * web refuses a request or response above about 5 MB, so a block never carries more than
 * PAYLOAD_CAP bytes of values: the first block is a small probe, and each next block is sized
 * from the largest bytes-per-row seen so far. One Excel.run; syncs = 1 (the range's size) + one
 * per block. Only ever reads: nothing in the workbook is changed.
 */

/** What to read: the selection, or a table by name (its header row included). */
export type RangeSource = { kind: "selection" } | { kind: "table"; name: string };

export interface TableInfo {
  name: string;
  worksheet: string;
}

export interface ReadRowsOptions {
  /** Each block as it arrives; `firstRow` is the sheet row number (1-based) of rows[0]. */
  onBlock: (rows: unknown[][], firstRow: number) => void | Promise<void>;
  onProgress?: (rowsRead: number, totalRows: number) => void;
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

export class ReadCancelledError extends Error {
  constructor() {
    super("reading was cancelled");
    this.name = "ReadCancelledError";
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

export async function readRowsInBlocks(
  source: RangeSource,
  options: ReadRowsOptions
): Promise<ReadRowsResult> {
  const cap = options.payloadCap ?? PAYLOAD_CAP;
  return Excel.run(async (context) => {
    const range =
      source.kind === "table"
        ? context.workbook.tables.getItem(source.name).getRange()
        : context.workbook.getSelectedRange();
    // Whole columns selected (A:C) are a million rows: only the used part of them is read.
    const used = range.getUsedRangeOrNullObject(true);
    used.load("address,rowCount,columnCount,rowIndex,columnIndex");
    await context.sync();
    if (used.isNullObject) return { address: "", rows: 0, columns: 0 };
    const { address, rowCount, columnCount, rowIndex, columnIndex } = used;
    const sheet = used.worksheet;
    let read = 0;
    let bytesPerRow = 0;
    let blockRows = PROBE_ROWS;
    while (read < rowCount) {
      if (options.signal?.aborted) throw new ReadCancelledError();
      const count = Math.min(blockRows, rowCount - read);
      const block = sheet.getRangeByIndexes(rowIndex + read, columnIndex, count, columnCount);
      block.load("values");
      // One request per block is the point: a single request for everything could exceed the cap.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      const values = block.values;
      bytesPerRow = Math.max(bytesPerRow, payloadBytes(values) / count);
      blockRows = blockRowsFor(bytesPerRow, cap);
      await options.onBlock(values, rowIndex + read + 1);
      read += count;
      options.onProgress?.(read, rowCount);
    }
    return { address, rows: rowCount, columns: columnCount };
  });
}

/** The workbook's tables, for the pane's "Excel table" choice. One sync. */
export async function listWorkbookTables(): Promise<TableInfo[]> {
  return Excel.run(async (context) => {
    const tables = context.workbook.tables;
    tables.load("items/name,items/worksheet/name");
    await context.sync();
    return tables.items.map((t) => ({ name: t.name, worksheet: t.worksheet.name }));
  });
}
