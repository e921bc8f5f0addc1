import { makeStyles, tokens } from "@fluentui/react-components";
import { useLocale } from "../../i18n/locale-context";

const useStyles = makeStyles({
  frame: {
    width: "100%",
    height: "420px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: "#ffffff",
  },
});

// The sheet preview's own look: it is a separate document inside a sandboxed frame. Text wraps
// inside its column's width (a long note in column A would otherwise widen it past the frame and
// push every value out of sight); numbers, dates and column letters stay on one line.
const PREVIEW_CSS =
  "body{margin:0;font:12px system-ui,sans-serif;color:#000;background:#fff}table{border-collapse:collapse}th,td{border:1px solid #d0d0d0;padding:2px 4px;vertical-align:top;white-space:normal;overflow-wrap:anywhere;word-break:keep-all}td[style*='text-align:right'],thead th,tbody th{white-space:nowrap;overflow-wrap:normal}th{background:#f3f3f3;color:#333;font-weight:normal}";

/** A sheet written in the preview, shown as the page the HTML renderer made. */
export function SheetPreview({
  name,
  html,
  testId = "sheet-preview",
}: {
  name: string;
  html: string;
  testId?: string;
}) {
  const styles = useStyles();
  const { t, language } = useLocale();
  return (
    // sandbox="" : no scripts, no forms, no same-origin access. The HTML is escaped by renderPlanToHtml anyway.
    <iframe
      className={styles.frame}
      sandbox=""
      title={t("workbook.previewTitle", { name })}
      srcDoc={`<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeText(name)}</title><style>${PREVIEW_CSS}</style></head><body>${html}</body></html>`}
      data-testid={testId}
    />
  );
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
