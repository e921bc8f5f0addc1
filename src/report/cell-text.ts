/**
 * The one gate every text of a sheet plan passes on its way into a workbook (the .xlsx and the
 * Office.js renderers alike), so a customer id or scenario name can neither break the file nor
 * silently change:
 * - characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF;
 *   unpaired surrogates) become U+FFFD. Written raw, they make Excel repair the file and make
 *   LibreOffice drop every label after them; ExcelJS itself silently drops C0 controls and DEL.
 * - text longer than Excel's cell limit is refused with what and where, never cut.
 * In the .xlsx, OOXML also reads `_xHHHH_` as an escaped character (ExcelJS and Excel decode it),
 * so a literal "_x0041_" in user text is written with its underscore escaped as `_x005F_`.
 */

/** Excel's limit on the characters in one cell. */
export const EXCEL_CELL_TEXT_LIMIT = 32_767;

const NOT_XML =
  // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A cell's text exceeds Excel's limit: the message names the text's place and its length. */
export class CellTextTooLongError extends Error {
  constructor(where: string, length: number) {
    super(
      `${where} holds ${length.toLocaleString("en-US")} characters; an Excel cell holds at most ` +
        `${EXCEL_CELL_TEXT_LIMIT.toLocaleString("en-US")}: shorten it`
    );
    this.name = "CellTextTooLongError";
  }
}

/** `text` with every character XML 1.0 (and so a workbook) cannot store replaced by U+FFFD. */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML, "\ufffd");
}

/** Where a cell is, e.g. "sheet 'Report' cell B7"; built only for the message. */
export type CellPlace = () => string;

/** The text a cell at `where` will hold; refuses overlong text. */
export function cellText(text: string, where: CellPlace): string {
  const safe = xmlSafeText(text);
  if (safe.length > EXCEL_CELL_TEXT_LIMIT) throw new CellTextTooLongError(where(), safe.length);
  return safe;
}

/** cellText, escaped for OOXML's string type: a literal `_xHHHH_` keeps its underscore. */
export function xlsxCellText(text: string, where: CellPlace): string {
  return cellText(text, where).replace(/_(?=x[0-9a-fA-F]{4}_)/g, "_x005F_");
}
