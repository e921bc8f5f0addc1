import type { SheetPlan } from "../../report/sheet-plan";
import type { ScenarioStorage } from "../../scenarios/scenario-store";
import type { DateSystem } from "./date-system";
import type {
  RangeSource,
  ReadNote,
  ReadRowsOptions,
  ReadRowsResult,
  TableInfo,
} from "./office-table-reader";

export type { DateSystem, RangeSource, ReadNote, ReadRowsOptions, ReadRowsResult, TableInfo };

/** The workbook's data, for "Your data": its tables, and the selection or a table read in row blocks. */
export interface WorkbookTables {
  list(): Promise<TableInfo[]>;
  /**
   * Reads in blocks under Excel on the web's payload limit (office-table-reader.ts); never writes.
   * Rejects with MultiAreaSelectionError on a selection of several areas.
   */
  read(source: RangeSource, options: ReadRowsOptions): Promise<ReadRowsResult>;
}

/** What writing a sheet produced: its name, and in the preview the sheet as (escaped) HTML to show on the page. */
export interface WrittenSheet {
  sheetName: string;
  previewHtml?: string;
  /** Why Excel refused the page setup (print orientation, fit to width); the sheet is written. */
  pageSetupSkipped?: string;
}

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
  /**
   * Calls back when the theme changes: inside Excel, Office's theme as read when the pane is shown
   * again (Excel has no theme event); outside, the system preference. Returns an unsubscribe.
   */
  onThemeChange(listener: (theme: "light" | "dark") => void): () => void;
  /** Writes a report plan: a new worksheet inside Excel; in the preview, HTML the page shows. */
  writeSheet(plan: SheetPlan, baseName: string): Promise<WrittenSheet>;
  /** Where saved scenarios live: the workbook's settings inside Excel, the browser's storage in the preview. */
  readonly scenarioStorage: ScenarioStorage;
  /** Where the Plan view's saved plans live, beside the scenarios; absent: the view saves none. */
  readonly planScenarioStorage?: ScenarioStorage;
  /** Inside Excel, the data to analyse; absent in the preview (no workbook: files and pasted ranges instead). */
  readonly tables?: WorkbookTables;
  /**
   * The workbook's date system, asked of Excel once per session (date-system.ts). The host's own
   * reads and writes already shift 1904 dates: the model and the plans only ever see the 1900
   * system. Absent: the 1900 system (the preview, files).
   */
  dateSystem?(): Promise<DateSystem>;
  /**
   * True inside an Excel whose custom-functions runtime is older than 1.3 (error values in
   * ranges, #VALUE! messages): the pane warns once. Absent or false: nothing to warn about.
   */
  readonly functionsRuntimeOutdated?: boolean;
  /**
   * True while Office.js is still starting and the first screen is shown from the last session's
   * language and theme (remembered-host.ts): nothing that reads or writes the workbook is shown.
   */
  readonly provisional?: boolean;
}
