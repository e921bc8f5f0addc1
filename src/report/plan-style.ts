/** The look of each cell style, shared by the renderers so Excel, the .xlsx and the HTML agree. */
import { CellStyle } from "./sheet-plan";

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
