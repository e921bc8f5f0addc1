/**
 * A sheet plan: everything a report sheet contains, as plain data. Three renderers
 * (Office.js, ExcelJS .xlsx, HTML) draw the same plan, so all three show the same model.
 * No Office.js, ExcelJS or DOM here.
 */
import { columnLetter } from "../model/reading/column-letter";
import { serialFromLocalDate } from "../model/reading/excel-dates";

/** How a number is shown. Renderers turn it into an Excel format code (excelNumberFormat) or text (HTML). */
export type NumberFormat =
  | { kind: "general" }
  | { kind: "currency"; currency: string }
  | { kind: "percent" }
  | { kind: "count" }
  /** Fixed decimals: 2 unless `decimals` says (a fitted parameter's come from significantFormat in plan-style.ts). */
  | { kind: "decimal"; decimals?: number }
  | { kind: "date" };

export type CellStyle = "title" | "header" | "label" | "input" | "output" | "note";

/**
 * One cell. `text` is always literal text: a string like "=HYPERLINK(...)" or "+cmd" must land
 * as those characters (renderers force text). Formulas start with "=", use A1 references and
 * native Excel functions only, and carry the model's value so viewers that do not recalculate
 * (HTML, cached .xlsx results) show the right number.
 */
export type PlanCell =
  | { kind: "text"; text: string; style?: CellStyle }
  | { kind: "number"; value: number; format: NumberFormat; style?: CellStyle }
  /** An input left empty on purpose (e.g. periods = unlimited), formatted for what the user may type. */
  | { kind: "blank"; format: NumberFormat; style?: CellStyle }
  | {
      kind: "formula";
      formula: string;
      expected: number;
      /** When the formula's result is text (e.g. "" where a ratio has no base), that text; `expected` is then NaN. */
      expectedText?: string;
      format: NumberFormat;
      style?: CellStyle;
    };

/** A rectangle of cells written in one go (one 2-D array per property). null = leave empty. */
export interface PlanBlock {
  /** Top-left cell, A1 style without $ (e.g. "A6"). */
  topLeft: string;
  rows: (PlanCell | null)[][];
}

/** A sheet-scoped defined name for one cell. */
export interface PlanName {
  name: string;
  /** A1 reference without $ and without sheet (e.g. "B7"). */
  cell: string;
}

/**
 * A clustered column or line chart over `dataRange`. By columns (the default): categories in the
 * first column, one series per further column. By rows: categories in the first row, one series
 * per further row.
 */
export interface PlanChart {
  kind: "clusteredColumn" | "line";
  title: string;
  /** e.g. "A25:C27". */
  dataRange: string;
  seriesBy?: "columns" | "rows";
  seriesNames: string[];
  /** Where it sits, as a cell range (top-left to bottom-right). */
  position: { from: string; to: string };
}

/**
 * A colour scale over a range (a heat map): lowest value in `colors.min`, highest in `colors.max`,
 * the 50th percentile in `colors.mid` when given. Empty and text cells are not coloured.
 */
export interface PlanColorScale {
  kind: "colorScale";
  /** e.g. "B40:M60". */
  range: string;
  colors: { min: string; mid?: string; max: string };
}

export interface SheetPlan {
  /** The sheet's preferred name (the renderer makes it unique). */
  sheetName: string;
  blocks: PlanBlock[];
  names: PlanName[];
  /** Width in characters (Excel's column width unit), by column letter. */
  columnWidths: Record<string, number>;
  charts: PlanChart[];
  /** Native conditional formats (none when omitted). */
  conditionalFormats?: PlanColorScale[];
  /**
   * How the sheet prints. Always fitted to one page wide (as many pages tall as it takes), so a
   * chart beside the tables is never cut in two; landscape when the sheet is wider than tall.
   */
  print: { orientation: "portrait" | "landscape" };
}

/** 0 → "A", 25 → "Z", 26 → "AA" (the model's, for the plans and renderers that import it from here). */
export { columnLetter };

/** "AB12" → { row: 11, column: 27 } (0-based). */
export function parseCellRef(ref: string): { row: number; column: number } {
  const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!match) throw new Error(`not a cell reference: ${ref}`);
  let column = 0;
  for (const ch of match[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, column: column - 1 };
}

/** 0-based row/column → "B7". */
export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

/** "B7" → "$B$7". */
export function absoluteRef(ref: string): string {
  const { row, column } = parseCellRef(ref);
  return `$${columnLetter(column)}$${row + 1}`;
}

/** The block's address, e.g. "A6:D10". */
export function blockAddress(block: PlanBlock): string {
  const { row, column } = parseCellRef(block.topLeft);
  const width = Math.max(1, ...block.rows.map((r) => r.length));
  const bottomRight = cellRef(row + Math.max(1, block.rows.length) - 1, column + width - 1);
  return `${block.topLeft}:${bottomRight}`;
}

/** The block's rows padded to a rectangle (renderers need whole 2-D arrays). */
export function rectangularRows(block: PlanBlock): (PlanCell | null)[][] {
  const width = Math.max(1, ...block.rows.map((r) => r.length));
  return block.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
}

/** Every non-empty cell with its address, block by block. */
export function* planCells(plan: SheetPlan): Generator<{ ref: string; cell: PlanCell }> {
  for (const block of plan.blocks) {
    const origin = parseCellRef(block.topLeft);
    const rows = block.rows;
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < rows[r].length; c++) {
        const cell = rows[r][c];
        if (cell) yield { ref: cellRef(origin.row + r, origin.column + c), cell };
      }
    }
  }
}

/** The cell at an address, or undefined. */
export function cellAt(plan: SheetPlan, ref: string): PlanCell | undefined {
  for (const entry of planCells(plan)) if (entry.ref === ref) return entry.cell;
  return undefined;
}

const CURRENCY_SYMBOLS: Record<string, { symbol: string; before: boolean }> = {
  USD: { symbol: "$", before: true },
  EUR: { symbol: "€", before: false },
  GBP: { symbol: "£", before: true },
  RUB: { symbol: "₽", before: false },
  CNY: { symbol: "¥", before: true },
  JPY: { symbol: "¥", before: true },
};

/**
 * The Excel number format code. Currency codes are user data: only a plain 3-letter code
 * reaches the format string (quoted), so nothing a user types can break the format.
 */
export function excelNumberFormat(format: NumberFormat): string {
  switch (format.kind) {
    case "general":
      return "General";
    case "percent":
      return "0.00%";
    case "count":
      // General, not #,##0: a linked returning-customer count can be fractional (rate × start).
      return "General";
    case "decimal": {
      const decimals = Math.max(0, Math.min(15, Math.round(format.decimals ?? 2)));
      return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
    }
    case "date":
      return "yyyy-mm-dd";
    case "currency": {
      const code = format.currency.toUpperCase();
      if (!/^[A-Z]{3}$/.test(code)) return "#,##0.00";
      const known = CURRENCY_SYMBOLS[code];
      const symbol = known?.symbol ?? code;
      return known?.before ? `"${symbol}"#,##0.00` : `#,##0.00 "${symbol}"`;
    }
  }
}

/** The number format for text cells: Excel keeps whatever is entered as literal text. */
export const TEXT_FORMAT = "@";

/** Excel's date serial number (days since 1899-12-30) for the calendar date of `date` in local time. */
export function excelDateSerial(date: Date): number {
  return serialFromLocalDate(date);
}
