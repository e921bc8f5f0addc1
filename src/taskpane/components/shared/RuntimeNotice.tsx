import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  dismiss: { marginBlockStart: tokens.spacingVerticalXS },
});

/** Where a dismissal is remembered, so the warning is shown once and not at every start. */
export const RUNTIME_NOTICE_KEY = "retain.functionsRuntimeNotice.dismissed";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: the notice is dismissed for this session only
  }
}

/**
 * Warns, until dismissed, when the host reports an older custom-functions runtime
 * (host.functionsRuntimeOutdated, from isSetSupported("CustomFunctionsRuntime", "1.3")).
 */
export function RuntimeNotice({ host }: { host: WorkbookHost }) {
  // Its words are in en.json and zh-CN.json, the first screen's strings: shown before any view loads.
  const { t } = useLocale();
  const styles = useStyles();
  const [dismissed, setDismissed] = useState(() => storage()?.getItem(RUNTIME_NOTICE_KEY) === "1");
  if (!host.functionsRuntimeOutdated || dismissed) return null;
  return (
    <Notice intent="warning" testId="runtime-notice">
      <span>{t("app.runtimeNotice")}</span>{" "}
      <Button
        size="small"
        className={styles.dismiss}
        onClick={() => {
          try {
            storage()?.setItem(RUNTIME_NOTICE_KEY, "1");
          } catch {
            // full or blocked storage: dismissed for this session only
          }
          setDismissed(true);
        }}
      >
        {t("app.runtimeNoticeDismiss")}
      </Button>
    </Notice>
  );
}
