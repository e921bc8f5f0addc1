/*
 * The first Intl.NumberFormat a page builds costs tens of milliseconds (V8 sets up the locale
 * data; every later one, any locale or style, costs a fraction of one), and the pane's first
 * screen is numbers. taskpane.html loads this script `async`, ahead of Office.js: it runs while
 * the page waits for Office.js and its host files to download, not inside the first render.
 * Nothing here is kept: the formatters themselves are built by format-number.ts.
 */
import { PLAIN_FORMAT_LOCALES } from "./format/plain-number-format";

const language = navigator.language || "en-US";
// Where the first screen writes its numbers without ICU, ICU loads later, when the pane is idle.
if (!PLAIN_FORMAT_LOCALES.includes(language))
  new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(1);
