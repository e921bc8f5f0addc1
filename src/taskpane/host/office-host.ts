import { OfficeScenarioStorage, PLAN_SCENARIO_SETTING_KEY } from "../../scenarios/office-storage";
import type { WorkbookDateSystem } from "./date-system";
import type { WorkbookHost } from "./workbook-host";

/** Dark when the task pane's background is dark: Office exposes colours, not a theme name. */
export function themeFromColor(hex: string | undefined): "light" | "dark" {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex ?? "");
  if (!match) return "light";
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
}

/**
 * False where Excel's custom-functions runtime is older than 1.3: error values inside ranges and
 * the functions' own #VALUE! messages may not behave as the function reference says. Unknown
 * (Office.js not reporting sets) counts as current: the pane warns only on a clear answer.
 */
export function functionsRuntimeIsCurrent(office: typeof Office): boolean {
  try {
    return office.context.requirements?.isSetSupported("CustomFunctionsRuntime", "1.3") !== false;
  } catch {
    return true;
  }
}

/** The pane inside Excel: Office's display language and theme, the workbook through Office.js. */
export function createOfficeHost(office: typeof Office = Office): WorkbookHost {
  const readTheme = () => themeFromColor(office.context.officeTheme?.bodyBackgroundColor);
  const theme = readTheme();
  // Asked of Excel once per session, by the first read or write that needs it. Its code loads
  // then too: the first screen never needs it.
  const dateSystemCode = () => import(/* webpackChunkName: "date-system" */ "./date-system");
  let dates: Promise<WorkbookDateSystem> | undefined;
  const workbookDates = () =>
    (dates ??= dateSystemCode().then((code) => new code.WorkbookDateSystem()));
  return {
    kind: "excel",
    language: office.context.displayLanguage || "en-US",
    theme,
    scenarioStorage: new OfficeScenarioStorage(),
    planScenarioStorage: new OfficeScenarioStorage(PLAN_SCENARIO_SETTING_KEY),
    functionsRuntimeOutdated: !functionsRuntimeIsCurrent(office),
    dateSystem: async () => (await workbookDates()).detect(),
    async writeSheet(plan, baseName) {
      // The Office.js renderer loads on first use; most sessions never write.
      const [{ writePlanToWorkbook }, { planIn1904System }, system] = await Promise.all([
        import(/* webpackChunkName: "report-office" */ "../../report/renderers/render-office"),
        dateSystemCode(),
        workbookDates().then((d) => d.detect()),
      ]);
      // Plans hold 1900-system dates; a 1904 workbook shows the same days 1,462 serials lower.
      const written = system === "1904" ? planIn1904System(plan) : plan;
      let pageSetupSkipped: string | undefined;
      const sheetName = await writePlanToWorkbook(written, baseName, {
        onPageSetupSkipped: (reason) => (pageSetupSkipped = reason),
      });
      return pageSetupSkipped === undefined ? { sheetName } : { sheetName, pageSetupSkipped };
    },
    tables: {
      // The reader loads on first use, like the renderer.
      async list() {
        const reader = await import(/* webpackChunkName: "table-reader" */ "./office-table-reader");
        return reader.listWorkbookTables();
      },
      async read(source, options) {
        const [reader, workbook] = await Promise.all([
          import(/* webpackChunkName: "table-reader" */ "./office-table-reader"),
          workbookDates(),
        ]);
        return reader.readRowsInBlocks(source, options, workbook);
      },
    },
    onThemeChange(listener) {
      // Excel raises no theme event (OfficeThemeChanged is Outlook's, Mailbox 1.14). The shared
      // runtime keeps the pane alive while it is hidden, so the theme is read again whenever the
      // pane is shown (Office.addin.onVisibilityModeChanged, SharedRuntime 1.1).
      let current = theme;
      const reread = () => {
        const next = readTheme();
        if (next !== current) listener((current = next));
      };
      let unsubscribed = false;
      let remove: (() => Promise<void>) | undefined;
      const forget = (r: () => Promise<void>) => r().catch(() => undefined);
      try {
        office.addin
          .onVisibilityModeChanged((message) => {
            if (message.visibilityMode === office.VisibilityMode.taskpane) reread();
          })
          .then((r) => {
            if (unsubscribed) void forget(r);
            else remove = r;
          })
          .catch(() => undefined); // no shared runtime: the theme stays as opened
      } catch {
        // Office.addin missing (no shared runtime): the theme stays as opened.
      }
      return () => {
        unsubscribed = true;
        if (remove) void forget(remove);
      };
    },
  };
}
