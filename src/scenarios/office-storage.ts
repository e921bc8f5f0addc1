/**
 * Scenario storage inside the workbook, through Excel's workbook settings (ExcelApi 1.4).
 *
 * Why settings rather than a custom XML part: settings are saved inside the file with the
 * workbook (so they travel with it and survive save and reopen, including autosave in Excel on
 * the web), they are scoped to this add-in (other add-ins cannot read or clobber them), and in
 * Excel on the web co-authors' changes to them are propagated (Office raises settingsChanged in
 * co-authoring), whereas custom XML parts get no change notification there. One setting holds
 * the whole versioned JSON document, written in a single call, so a reader never sees half a
 * list. The value is kept as a string so this add-in's schema, not Office, decides what is valid.
 */
import { runExcel } from "../office/excel-run";
import { ScenarioStorage } from "./scenario-store";

export const SCENARIO_SETTING_KEY = "retentionEconomics.scenarios";
/** The Plan view's scenarios: a document of their own, so neither kind can misread the other. */
export const PLAN_SCENARIO_SETTING_KEY = "retentionEconomics.planScenarios";

export class OfficeScenarioStorage implements ScenarioStorage {
  constructor(private readonly key = SCENARIO_SETTING_KEY) {}

  async read(): Promise<string | null> {
    return runExcel(async (context) => {
      const setting = context.workbook.settings.getItemOrNullObject(this.key);
      setting.load("value");
      await context.sync();
      if (setting.isNullObject) return null;
      const value: unknown = setting.value;
      // Anything not written by write() (another type) is handed on as JSON for the schema to judge.
      return typeof value === "string" ? value : JSON.stringify(value ?? null);
    });
  }

  async write(text: string): Promise<void> {
    await runExcel(async (context) => {
      context.workbook.settings.add(this.key, text);
      await context.sync();
    });
  }

  /**
   * Follows changes to the settings (workbook.settings.onSettingsChanged, ExcelApi 1.4): Excel on
   * the web raises it when a co-author's change to them arrives. Best effort: where the host
   * refuses the registration, the list is still read afresh before every change.
   */
  subscribe(onChange: () => void): () => void {
    let stopped = false;
    let registration:
      OfficeExtension.EventHandlerResult<Excel.SettingsChangedEventArgs> | undefined;
    const registered = runExcel(async (context) => {
      registration = context.workbook.settings.onSettingsChanged.add(async () => {
        if (!stopped) onChange();
      });
      await context.sync();
    }).catch(() => undefined);
    return () => {
      stopped = true;
      void registered
        .then(async () => {
          const result = registration;
          if (!result) return;
          // Removed through the context it was added with (Office.js requires the same one).
          await runExcel(async (context) => {
            result.remove();
            await context.sync();
          }, result.context);
        })
        .catch(() => undefined);
    };
  }
}
