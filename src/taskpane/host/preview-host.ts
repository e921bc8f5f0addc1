import { BROWSER_PLAN_STORAGE_KEY, BrowserScenarioStorage } from "../../scenarios/memory-storage";
import type { WorkbookHost } from "./workbook-host";

/**
 * The stand-in used outside Office: language and theme come from the browser (or the
 * ?lang= / ?theme= query, handy for trying the Chinese pane or dark mode anywhere).
 */
/** The browser's language, or the ?lang= query's. */
export function browserLanguage(win: Window = window): string {
  return (
    new URLSearchParams(win.location.search).get("lang") ||
    win.navigator.languages?.[0] ||
    win.navigator.language ||
    "en-US"
  );
}

export function createPreviewHost(win: Window = window): WorkbookHost {
  const query = new URLSearchParams(win.location.search);
  const dark = win.matchMedia?.("(prefers-color-scheme: dark)");
  const forcedTheme = query.get("theme");
  const theme =
    forcedTheme === "dark" || forcedTheme === "light"
      ? forcedTheme
      : dark?.matches
        ? "dark"
        : "light";
  return {
    kind: "preview",
    language: browserLanguage(win),
    theme,
    // localStorage when the browser allows it, memory otherwise: scenarios stay on this machine.
    scenarioStorage: new BrowserScenarioStorage(),
    planScenarioStorage: new BrowserScenarioStorage(undefined, BROWSER_PLAN_STORAGE_KEY),
    async writeSheet(plan) {
      // No workbook here: the sheet is rendered (escaped) for the page to show instead.
      const { renderPlanToHtml } = await import(
        /* webpackChunkName: "report-html" */ "../../report/renderers/render-html"
      );
      return { sheetName: plan.sheetName, previewHtml: renderPlanToHtml(plan) };
    },
    onThemeChange(listener) {
      if (forcedTheme || !dark) return () => {};
      const onChange = (event: MediaQueryListEvent) => listener(event.matches ? "dark" : "light");
      dark.addEventListener("change", onChange);
      return () => dark.removeEventListener("change", onChange);
    },
  };
}
