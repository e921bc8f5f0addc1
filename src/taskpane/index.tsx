import { flushSync } from "react-dom";
import { createRoot, Root } from "react-dom/client";
import { associateOnFirstCall } from "../functions/associate-on-first-call";
import { FUNCTION_IDS, loadFunctionTable } from "../functions/lazy-function-table";
import { WORKED_EXAMPLE } from "../model/economics/scenario";
import { App } from "./components/shell/App";
import { formatForInput, formatQuantity, settleNumberFormats } from "./format/format-number";
import { PLAIN_FORMAT_LOCALES } from "./format/plain-number-format";
import { createOfficeHost } from "./host/office-host";
import { browserLanguage, createPreviewHost } from "./host/preview-host";
import { createProvisionalHost, readRememberedHost, rememberHost } from "./host/remembered-host";
import type { WorkbookHost } from "./host/workbook-host";
import { loadLanguage, resolveLanguage } from "./i18n/strings";

// Marks for bench/pane/bench-pane.ts: when the bundle had run, when the first render started, and
// when Office was ready.
performance.mark("pane:bundle-evaluated");

/**
 * The RETAIN.* custom functions: this page is their runtime (the shared runtime). Every id is
 * associated here, while the page loads and never after an await (Excel can fail the first
 * call of a function associated late); their code loads on the first call, or once the first
 * screen is up (loadFunctionsWhenIdle). Without Office.js (the preview offline) there is none.
 */
const customFunctions =
  typeof CustomFunctions !== "undefined"
    ? associateOnFirstCall(FUNCTION_IDS, loadFunctionTable, (id, fn) =>
        CustomFunctions.associate(id, fn)
      )
    : null;

/** After the first screen, when the page has nothing else to do: the functions' code, so a call finds it. */
function loadFunctionsWhenIdle(): void {
  if (!customFunctions) return;
  whenIdle(() => void customFunctions.load().catch(() => undefined)); // the next call retries
}

/** The pane's one React root, and what it renders: the latest host, and whether ICU rewrote numbers. */
let root: Root | null = null;
let shownHost: WorkbookHost | null = null;
let numberFormatsSettled = false;
const render = () =>
  root!.render(<App host={shownHost!} numberFormatsSettled={numberFormatsSettled} />);

/** Renders the pane (again) on `host`, once its language's strings are in. */
async function show(host: WorkbookHost): Promise<void> {
  // If the Chinese strings fail to load the pane still opens, in English.
  await loadLanguage(resolveLanguage(host.language)).catch(() => undefined);
  shownHost = host;
  if (root) return render();
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  root = createRoot(container);
  performance.mark("pane:render-start");
  // The first screen renders here and now, not in a scheduler task queued behind whatever else
  // is waiting (chunk loads, Office.js's own timers).
  flushSync(render);
  whenIdle(() => {
    // The first screen's numbers were written without ICU (format-number.ts): should ICU write
    // one differently, the pane renders again with ICU's.
    if (settleNumberFormats()) return;
    numberFormatsSettled = true;
    render();
  });
  loadFunctionsWhenIdle();
}

/**
 * Entry: inside Excel, Office.onReady reports the host and the pane talks to the workbook
 * through Office.js; anywhere else (no host, or Office.js unreachable) it runs as the preview.
 * From the second opening on, the first screen is already up by then, on the last session's
 * language and theme (remembered-host.ts): it renders again on the real host.
 */
function officeReady(host: WorkbookHost, firstScreen: Promise<void> | null): void {
  performance.mark("pane:office-ready");
  rememberHost(host, storage());
  void (firstScreen ?? Promise.resolve()).then(() => show(host));
}

/** The browser's storage for this origin, or undefined where the page may not use it. */
function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Runs `task` when the page has nothing else to do (within 3 s). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(task, { timeout: 3000 });
  else setTimeout(task, 1000);
}

/**
 * Building an Intl.NumberFormat costs far more than using one, and the first screen needs
 * several (money, percentages, ratios, counts, input texts). In a locale whose numbers the
 * first screen writes without ICU (plain-number-format.ts) there is nothing to build. Otherwise
 * Office.js is still starting when the bundle has run: build them in that wait, for the
 * language Office most likely reports. If Office is ready first, this runs after the first
 * render, when they exist already.
 */
function warmUpFormatters(locale: string): void {
  if (PLAIN_FORMAT_LOCALES.includes(locale)) return;
  for (const kind of ["money", "fraction", "ratio", "count"] as const)
    formatQuantity(1, kind, WORKED_EXAMPLE.currency, locale);
  formatForInput(1, locale);
}

// While Office starts, fetch the strings the pane most likely needs: Office's display language
// is usually the browser's. show() loads the right ones if not (the chunk is fetched once).
void loadLanguage(resolveLanguage(browserLanguage())).catch(() => undefined);
setTimeout(() => warmUpFormatters(browserLanguage()), 0);

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  const remembered = readRememberedHost(storage());
  const firstScreen = remembered ? show(createProvisionalHost(remembered)) : null;
  Office.onReady((info) =>
    officeReady(info.host ? createOfficeHost() : createPreviewHost(), firstScreen)
  );
} else {
  void show(createPreviewHost());
}
