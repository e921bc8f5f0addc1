import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { AnalysisClient } from "../../data/analysis-client";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import { downloadAnalysisXlsx, writeAnalysisToSheet } from "../../services/analysis-actions";
import { SheetPreview } from "../SheetPreview";

const useStyles = makeStyles({
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/** The analysis as a live cohort workbook: a new sheet (Excel; a preview page outside it) or an .xlsx download. */
export function AnalysisWorkbook({ host, client }: { host: WorkbookHost; client: AnalysisClient }) {
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
      <Text size={200}>{t("data.workbook.intro")}</Text>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const { sheetName, previewHtml } = await writeAnalysisToSheet(host, client, language);
              if (previewHtml === undefined) return t("workbook.written", { name: sheetName });
              setPreview({ name: sheetName, html: previewHtml });
              return t("workbook.previewWritten", { name: sheetName });
            })
          }
        >
          {t("data.workbook.write")}
        </Button>
        {host.kind === "preview" && (
          <Button
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const file = t("data.workbook.fileName");
                await downloadAnalysisXlsx(client, language, file);
                return t("workbook.downloaded", { file });
              })
            }
          >
            {t("data.workbook.download")}
          </Button>
        )}
      </div>
      <Text role="status" data-testid="analysis-workbook-status">
        {status}
      </Text>
      {preview && (
        <SheetPreview name={preview.name} html={preview.html} testId="analysis-sheet-preview" />
      )}
    </>
  );
}
