/** The look of each cell style, shared by the renderers so Excel, the .xlsx and the HTML agree. */
import { CellStyle, NumberFormat } from "./sheet-plan";

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
