import { Component, ReactNode, Suspense } from "react";
import { useLocale } from "../../i18n/locale-context";

/**
 * Charts live in a separate chunk (recharts is larger than the rest of the pane together):
 * they load after the pane is interactive, and a failed load costs only the picture, since
 * every chart's numbers are also in a table. load={false} shows the loading line without
 * rendering the chart yet (the first screen: see useFirstScreenShown).
 */
export function LazyChart({ children, load = true }: { children: ReactNode; load?: boolean }) {
  const { t } = useLocale();
  const loading = <p>{t("charts.loading")}</p>;
  if (!load) return loading;
  return (
    <ChartErrorBoundary>
      <Suspense fallback={loading}>{children}</Suspense>
    </ChartErrorBoundary>
  );
}

class ChartErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
