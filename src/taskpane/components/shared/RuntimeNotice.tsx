import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { Language } from "../../i18n/strings";
import { Notice } from "./Notice";

const useStyles = makeStyles({
  dismiss: { marginBlockStart: tokens.spacingVerticalXS },
});

/** Where a dismissal is remembered, so the warning is shown once and not at every start. */
export const RUNTIME_NOTICE_KEY = "retain.functionsRuntimeNotice.dismissed";

/**
 * The notice's words. They live here rather than in en.json and zh-CN.json so that the warning
 * and its two languages stay one self-contained piece (it is shown before any view loads).
 */
const TEXT: Record<Language, { message: string; dismiss: string }> = {
  en: {
    message:
      "This Excel runs the RETAIN functions with a custom-functions runtime older than 1.3. An error value (such as #N/A) inside a range may turn a function's whole result into that error instead of #VALUE! in its own row, and the #VALUE! messages may not show. Updating Excel gives the behaviour the function reference describes.",
    dismiss: "Dismiss",
  },
  "zh-CN": {
    message:
      "此 Excel 运行 RETAIN 函数所用的自定义函数运行时低于 1.3 版。区域中的错误值（如 #N/A）可能使函数的整个结果变成该错误，而不是只在所在行显示 #VALUE!，#VALUE! 的说明也可能不显示。更新 Excel 后，函数的行为将与函数参考一致。",
    dismiss: "关闭",
  },
};

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
  const { language } = useLocale();
  const styles = useStyles();
  const [dismissed, setDismissed] = useState(() => storage()?.getItem(RUNTIME_NOTICE_KEY) === "1");
  if (!host.functionsRuntimeOutdated || dismissed) return null;
  const text = TEXT[language];
  return (
    <Notice intent="warning" testId="runtime-notice">
      <span>{text.message}</span>{" "}
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
        {text.dismiss}
      </Button>
    </Notice>
  );
}
