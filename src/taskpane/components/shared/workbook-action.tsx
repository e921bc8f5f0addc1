import { Text } from "@fluentui/react-components";
import { useState } from "react";
import type { WrittenSheet } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import { SheetPreview } from "./SheetPreview";

/**
 * What writing to the workbook (or downloading) goes through: one action at a time (`busy`), its
 * outcome or failure as the status line, and outside Excel the preview of the sheet written.
 */
export function useWorkbookAction() {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [preview, setPreview] = useState<{ name: string; html: string } | null>(null);

  /** Runs an action that answers with its status line. */
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

  /** Where a sheet was written; in the preview (no Excel), the sheet is shown as well. */
  async function written(sheet: Promise<WrittenSheet>): Promise<string> {
    const { sheetName, previewHtml, pageSetupSkipped } = await sheet;
    if (previewHtml === undefined) {
      const done = t("workbook.written", { name: sheetName });
      // The sheet is complete; only its print settings are missing.
      return pageSetupSkipped === undefined
        ? done
        : `${done} ${t("workbook.pageSetupSkipped", { detail: pageSetupSkipped })}`;
    }
    setPreview({ name: sheetName, html: previewHtml });
    return t("workbook.previewWritten", { name: sheetName });
  }

  return { busy, status, preview, run, written };
}

/** The status line and the written sheet's preview. */
export function WorkbookOutcome({
  action,
  statusTestId,
  previewTestId,
}: {
  action: ReturnType<typeof useWorkbookAction>;
  statusTestId: string;
  previewTestId?: string;
}) {
  const { status, preview } = action;
  return (
    <>
      <Text role="status" data-testid={statusTestId}>
        {status}
      </Text>
      {preview && <SheetPreview name={preview.name} html={preview.html} testId={previewTestId} />}
    </>
  );
}
