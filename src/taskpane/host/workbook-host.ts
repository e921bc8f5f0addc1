/**
 * The pane's only door to the workbook. Two implementations: Office.js inside Excel
 * (office-host.ts) and an in-browser stand-in for the standalone preview (preview-host.ts).
 * Components never touch Office.js; they get a WorkbookHost.
 */
export interface WorkbookHost {
  readonly kind: "excel" | "preview";
  /** BCP-47 display language: Office's inside Excel, the browser's outside (e.g. "zh-CN"). */
  readonly language: string;
  /** Office's theme inside Excel, the system's outside. */
  readonly theme: "light" | "dark";
  /** Calls back when the theme changes (Office theme or system preference). Returns an unsubscribe. */
  onThemeChange(listener: (theme: "light" | "dark") => void): () => void;
}
