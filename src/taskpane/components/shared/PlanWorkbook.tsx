import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { SheetPlan } from "../../../report/sheet-plan";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { Language, MessageKey } from "../../i18n/strings";
import { downloadPlanXlsx, writePlanToSheet } from "../../services/plan-actions";
import { SheetPreview } from "./SheetPreview";

const useStyles = makeStyles({
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

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
  const styles = useStyles();
  const { t, language } = useLocale();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [preview, setPreview] = useState<{ name: string; html: string } | null>(null);

  async function run(action: () => Promise<string>) {
    setBusy(true);
    try {
      setStatus(await action());
    } catch (error) {
      setStatus(t("workbook.failed", { detail: (error as Error)?.message ?? String(error) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Text size={200}>{t(keys.intro)}</Text>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={busy || disabled}
          onClick={() =>
            void run(async () => {
              const { sheetName, previewHtml } = await writePlanToSheet(host, plan(language));
              if (previewHtml === undefined) return t("workbook.written", { name: sheetName });
              setPreview({ name: sheetName, html: previewHtml });
              return t("workbook.previewWritten", { name: sheetName });
            })
          }
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
      </div>
      <Text role="status" data-testid={`${testIdPrefix}-workbook-status`}>
        {status}
      </Text>
      {preview && (
        <SheetPreview
          name={preview.name}
          html={preview.html}
          testId={`${testIdPrefix}-sheet-preview`}
        />
      )}
    </>
  );
}
