import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Scenario } from "../../model/scenario";
import type { WorkbookHost } from "../host/workbook-host";
import { useLocale } from "../i18n/locale-context";
import {
  downloadScenarioXlsx,
  writeComparison,
  writeScenarioReport,
} from "../services/report-actions";

const useStyles = makeStyles({
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  frame: {
    width: "100%",
    height: "420px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: "#ffffff",
  },
});

// The sheet preview's own look: it is a separate document inside a sandboxed frame.
const PREVIEW_CSS =
  "body{margin:0;font:12px system-ui,sans-serif;color:#000;background:#fff}table{border-collapse:collapse}th,td{border:1px solid #d0d0d0;padding:2px 4px;white-space:nowrap}th{background:#f3f3f3;color:#333;font-weight:normal}";

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
      {preview && (
        // sandbox="" : no scripts, no forms, no same-origin access. The HTML is escaped by renderPlanToHtml anyway.
        <iframe
          className={styles.frame}
          sandbox=""
          title={t("workbook.previewTitle", { name: preview.name })}
          srcDoc={`<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeText(preview.name)}</title><style>${PREVIEW_CSS}</style></head><body>${preview.html}</body></html>`}
          data-testid="sheet-preview"
        />
      )}
    </>
  );
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
