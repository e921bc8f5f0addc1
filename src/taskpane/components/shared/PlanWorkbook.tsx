import { Button, Text } from "@fluentui/react-components";
import type { SheetPlan } from "../../../report/sheet-plan";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { Language, MessageKey } from "../../i18n/strings";
import { downloadPlanXlsx, writePlanToSheet } from "../../services/plan-actions";
import { ButtonRow } from "./ButtonRow";
import { useWorkbookAction, WorkbookOutcome } from "./workbook-action";

export interface PlanWorkbookProps {
  host: WorkbookHost;
  /** The sheet's plan in a language, built by the worker on request. */
  plan: (language: Language) => Promise<SheetPlan>;
  /** The strings: an intro line, the write and download buttons, the download's file name. */
  keys: { intro: MessageKey; write: MessageKey; download: MessageKey; fileName: MessageKey };
  /** Test ids' prefix: `<prefix>-workbook-status`, `<prefix>-sheet-preview`. */
  testIdPrefix: string;
  /** The buttons wait while this is true (e.g. a fit is running). */
  disabled?: boolean;
}

/** A sheet plan as a new sheet (Excel; a preview page outside it) or an .xlsx download. */
export function PlanWorkbook({ host, plan, keys, testIdPrefix, disabled }: PlanWorkbookProps) {
  const { t, language } = useLocale();
  const action = useWorkbookAction();
  const { busy, run, written } = action;
  return (
    <>
      <Text size={200}>{t(keys.intro)}</Text>
      <ButtonRow>
        <Button
          appearance="primary"
          disabled={busy || disabled}
          onClick={() => void run(() => written(writePlanToSheet(host, plan(language))))}
        >
          {t(keys.write)}
        </Button>
        {host.kind === "preview" && (
          <Button
            disabled={busy || disabled}
            onClick={() =>
              void run(async () => {
                const file = t(keys.fileName);
                await downloadPlanXlsx(plan(language), file);
                return t("workbook.downloaded", { file });
              })
            }
          >
            {t(keys.download)}
          </Button>
        )}
      </ButtonRow>
      <WorkbookOutcome
        action={action}
        statusTestId={`${testIdPrefix}-workbook-status`}
        previewTestId={`${testIdPrefix}-sheet-preview`}
      />
    </>
  );
}
