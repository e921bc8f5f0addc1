import { OfficeScenarioStorage } from "../../scenarios/office-storage";
import type { WorkbookHost } from "./workbook-host";

/** Dark when the task pane's background is dark: Office exposes colours, not a theme name. */
export function themeFromColor(hex: string | undefined): "light" | "dark" {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex ?? "");
  if (!match) return "light";
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
}

/** The pane inside Excel: Office's display language and theme, the workbook through Office.js. */
export function createOfficeHost(office: typeof Office = Office): WorkbookHost {
  const theme = themeFromColor(office.context.officeTheme?.bodyBackgroundColor);
  return {
    kind: "excel",
    language: office.context.displayLanguage || "en-US",
    theme,
    scenarioStorage: new OfficeScenarioStorage(),
    async writeSheet(plan, baseName) {
      // The Office.js renderer loads on first use; most sessions never write.
      const { writePlanToWorkbook } = await import(
        /* webpackChunkName: "report-office" */ "../../report/render-office"
      );
      return { sheetName: await writePlanToWorkbook(plan, baseName) };
    },
    onThemeChange(listener) {
      // OfficeThemeChanged is not raised by every Excel build; where it is not, the theme stays as opened.
      const handler = (event: Office.OfficeThemeChangedEventArgs) =>
        listener(themeFromColor(event.officeTheme?.bodyBackgroundColor));
      try {
        office.context.document.addHandlerAsync(office.EventType.OfficeThemeChanged, handler);
      } catch {
        return () => {};
      }
      return () => {
        try {
          // The typings only know binding events here; the runtime takes any event's handler.
          office.context.document.removeHandlerAsync(office.EventType.OfficeThemeChanged, {
            handler,
          } as unknown as Office.RemoveHandlerOptions);
        } catch {
          // nothing to undo
        }
      };
    },
  };
}
