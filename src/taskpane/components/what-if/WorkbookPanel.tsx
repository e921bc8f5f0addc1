import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Scenario } from "../../../model/economics/scenario";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import { SheetPreview } from "../shared/SheetPreview";
import {
  downloadScenarioXlsx,
  writeComparison,
  writeScenarioReport,
} from "../../services/report-actions";

const useStyles = makeStyles({
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface WorkbookPanelProps {
  host: WorkbookHost;
  scenario: Scenario;
  savedScenarios: Scenario[];
  /** False while any input is invalid: nothing is written then. */
  canWrite: boolean;
}

/** Writing the model to the workbook (inside Excel) or showing and downloading it (preview). */
export function WorkbookPanel({ host, scenario, savedScenarios, canWrite }: WorkbookPanelProps) {
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

  async function write(written: Promise<{ sheetName: string; previewHtml?: string }>) {
    const { sheetName, previewHtml } = await written;
    if (previewHtml === undefined) return t("workbook.written", { name: sheetName });
    setPreview({ name: sheetName, html: previewHtml });
    return t("workbook.previewWritten", { name: sheetName });
  }

  return (
    <>
      {!canWrite && <Text>{t("workbook.blocked")}</Text>}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={!canWrite || busy}
          onClick={() => void run(() => write(writeScenarioReport(host, scenario, language)))}
        >
          {t("workbook.write")}
        </Button>
        {host.kind === "preview" && (
          <Button
            disabled={!canWrite || busy}
            onClick={() =>
              void run(async () => {
                const file = `${scenario.name.replace(/[\\/:*?"<>|]+/g, " ").trim() || "scenario"}.xlsx`;
                await downloadScenarioXlsx(scenario, language, file);
                return t("workbook.downloaded", { file });
              })
            }
          >
            {t("workbook.download")}
          </Button>
        )}
        <Button
          disabled={savedScenarios.length < 2 || busy}
          onClick={() => void run(() => write(writeComparison(host, savedScenarios, language)))}
        >
          {t("workbook.compare")}
        </Button>
      </div>
      <Text size={200}>{t("workbook.compareHint")}</Text>
      <Text role="status" data-testid="workbook-status">
        {status}
      </Text>
      {preview && <SheetPreview name={preview.name} html={preview.html} />}
    </>
  );
}
