/** The look of each cell style, shared by the renderers so Excel, the .xlsx and the HTML agree. */
import { CellStyle, columnLetter, NumberFormat, parseCellRef, PlanBlock } from "./sheet-plan";

export interface StyleLook {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** Font colour, #RRGGBB. */
  color?: string;
  /** Fill colour, #RRGGBB. */
  fill?: string;
}

/** Finance convention: inputs blue on light yellow, formulas black on grey. */
export const STYLE_LOOKS: Record<CellStyle, StyleLook> = {
  title: { bold: true, size: 14 },
  header: { bold: true, fill: "#DDEBF7" },
  label: {},
  input: { color: "#0000FF", fill: "#FFF2CC" },
  output: { fill: "#F2F2F2" },
  note: { italic: true, color: "#595959" },
};

/**
 * A fitted parameter's format: the cell keeps the full value, the reader sees 4 significant
 * digits (0.2431, 12.08, 4,137), not the 14 decimals a fit produces.
 */
export function significantFormat(value: number, digits = 4): NumberFormat {
  if (!Number.isFinite(value) || value === 0) return { kind: "decimal", decimals: digits - 1 };
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return { kind: "decimal", decimals: Math.max(0, Math.min(10, digits - 1 - magnitude)) };
}

/** Columns never grow past this (Excel width units): a longer header is cut, as Excel would. */
export const MAX_HEADER_WIDTH = 60;

const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** A text's width in Excel's units: CJK and full-width characters take two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/**
 * Column widths wide enough for each table header (a "header" cell with a cell to its right,
 * which would cut its text off; a header alone in its row spills over empty cells and is left
 * as it is): the plan's widths, widened, never narrowed, and at most MAX_HEADER_WIDTH. In the
 * plan, so every renderer follows.
 */
export function widenForHeaders(
  blocks: PlanBlock[],
  widths: Record<string, number>
): Record<string, number> {
  const result = { ...widths };
  for (const block of blocks) {
    const origin = parseCellRef(block.topLeft);
    for (const row of block.rows) {
      row.forEach((cell, c) => {
        if (cell?.kind !== "text" || cell.style !== "header" || !row[c + 1]) return;
        const column = columnLetter(origin.column + c);
        const wanted = Math.min(MAX_HEADER_WIDTH, textWidth(cell.text) + 2);
        if (wanted > (result[column] ?? 8.43)) result[column] = wanted;
      });
    }
  }
  return result;
}
