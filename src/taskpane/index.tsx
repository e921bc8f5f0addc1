import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { createOfficeHost } from "./host/office-host";
import { browserLanguage, createPreviewHost } from "./host/preview-host";
import type { WorkbookHost } from "./host/workbook-host";
import { loadLanguage, resolveLanguage } from "./i18n/strings";

// Marks for scripts/bench-pane.ts: how long the bundle took to evaluate, and when Office was ready.
performance.mark("pane:bundle-evaluated");

/**
 * Entry: inside Excel, Office.onReady reports the host and the pane talks to the workbook
 * through Office.js; anywhere else (no host, or Office.js unreachable) it runs as the preview.
 */
async function start(host: WorkbookHost): Promise<void> {
  performance.mark("pane:office-ready");
  const container = document.getElementById("root");
  if (!container) throw new Error("taskpane.html has no #root element");
  // If the Chinese strings fail to load the pane still opens, in English.
  await loadLanguage(resolveLanguage(host.language)).catch(() => undefined);
  const root = createRoot(container);
  // The first screen renders here and now, not in a scheduler task queued behind whatever else
  // is waiting (chunk loads, Office.js's own timers).
  flushSync(() => root.render(<App host={host} />));
}

// While Office starts, fetch the strings the pane most likely needs: Office's display language
// is usually the browser's. start() loads the right ones if not (the chunk is fetched once).
// (ICU's number formatting, which the first screen also needs, is set up by warm-up.js.)
void loadLanguage(resolveLanguage(browserLanguage())).catch(() => undefined);

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => start(info.host ? createOfficeHost() : createPreviewHost()));
} else {
  void start(createPreviewHost());
}
