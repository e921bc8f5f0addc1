import { Text } from "@fluentui/react-components";
import { memo } from "react";
import { pAliveIsExcelFormula } from "../../../../model/buyers/customer-lifetime";
import { formatSerialDate } from "../../../format/period-label";
import type { WorkbookHost } from "../../../host/workbook-host";
import { useLocale } from "../../../i18n/locale-context";
import type { AnalysisClient } from "../../../worker/analysis-client";
import type { LifetimeView } from "../../../worker/protocol";
import { PlanWorkbook } from "../../shared/PlanWorkbook";
import type { DataFormatters } from "../data-format";
import { AtRiskCustomers } from "./AtRiskCustomers";
import { HoldoutCheck } from "./HoldoutCheck";
import { LifetimeParameters } from "./LifetimeParameters";
import { ModelChecks } from "./ModelChecks";
import { PAliveSection } from "./PAliveSection";
import { TopCustomers } from "./TopCustomers";

const WORKBOOK_KEYS = {
  intro: "data.lifetime.workbookIntro",
  write: "data.lifetime.write",
  download: "data.lifetime.download",
  fileName: "data.lifetime.fileName",
} as const;
/** Pareto/NBD's P(alive) and BG/BB's sums have no formula Excel can compute: the sheet says so. */
const VALUES_WORKBOOK_KEYS = {
  ...WORKBOOK_KEYS,
  intro: "data.lifetime.workbookIntroValues",
} as const;

/**
 * One fit's figures: the parameters, how P(alive) spreads, the most valuable customers, the
 * holdout check, and "Write customers to sheet" (src/report/plans/customer-lifetime-plan.ts,
 * built by the worker). Memoised: the next fit's progress redraws the status line, not every
 * table and the chart.
 */
export const LifetimeResults = memo(function LifetimeResults({
  view,
  units,
  horizonUnits,
  f,
  host,
  client,
  busy,
}: {
  view: LifetimeView;
  /** The time unit's name, plural ("weeks"). */
  units: string;
  /** The unit's name in the form the horizon's count takes ("1 week", "52 weeks"). */
  horizonUnits: string;
  f: DataFormatters;
  host: WorkbookHost;
  client: AnalysisClient;
  /** A fit is running or an input is invalid: the sheet would not match what is shown. */
  busy: boolean;
}) {
  const { t, locale } = useLocale();
  return (
    <>
      <Text data-testid="lifetime-summary">
        {t("data.lifetime.summary", {
          customers: f.count(view.customers),
          date: formatSerialDate(view.calibrationEnd, locale),
        })}
      </Text>
      <LifetimeParameters view={view} units={units} f={f} />
      <PAliveSection view={view} f={f} />
      <TopCustomers view={view} units={units} horizonUnits={horizonUnits} f={f} />
      <AtRiskCustomers view={view} units={units} f={f} />
      {view.holdout && <HoldoutCheck view={view} holdout={view.holdout} f={f} />}
      <ModelChecks view={view} f={f} />
      <PlanWorkbook
        host={host}
        plan={(language) => client.lifetimePlan(language)}
        keys={pAliveIsExcelFormula(view.purchases.model) ? WORKBOOK_KEYS : VALUES_WORKBOOK_KEYS}
        testIdPrefix="lifetime"
        disabled={busy}
      />
    </>
  );
});
