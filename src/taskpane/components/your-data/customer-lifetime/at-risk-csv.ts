/**
 * The at-risk list as CSV for a campaign tool. Cells are quoted when they hold a comma, a quote
 * or a line break, and a cell that starts with =, +, -, @ (or a tab or carriage return) gets a
 * leading ' so that a spreadsheet opening the file shows it as text instead of running it as a
 * formula. Numbers are written plainly (a dot, no grouping) so that any tool reads them back.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell, safe against formula injection. */
export function csvCell(value: string | number): string {
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and the rows, CRLF-separated (RFC 4180). */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Hands the text to the browser as a download (nothing is sent anywhere). */
export function saveCsv(text: string, fileName: string): void {
  // A byte-order mark, so that Excel reads the file as UTF-8 (ids and headers in Chinese).
  const url = URL.createObjectURL(new Blob(["\ufeff", text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
