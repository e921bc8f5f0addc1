import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { AnalysisClient } from "../../worker/analysis-client";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { LifetimeChoices } from "../../state/customer-lifetime-settings";
import { defaultLifetimeChoices, lifetimeOptions } from "../../state/customer-lifetime-settings";
import { useSettledValue } from "../../state/use-settled-value";
import { Notice } from "../shared/Notice";
import { DataFormatters } from "./data-format";
import { LifetimeResults } from "./customer-lifetime/LifetimeResults";
import { LifetimeSettingsForm } from "./customer-lifetime/LifetimeSettingsForm";
import { ModelChoice } from "./customer-lifetime/ModelChoice";
import { DEFAULT_LIFETIME_MODEL, LifetimeModelName } from "../../../model/buyers/customer-lifetime";
import { useLifetimeFit } from "./customer-lifetime/use-lifetime-fit";
import { unitsName } from "./unit-name";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface CustomerLifetimePanelProps {
  /** The analysis on screen (AnalysisView.analysis): the worker fits the orders it read. */
  analysis: number;
  client: AnalysisClient;
  host: WorkbookHost;
  f: DataFormatters;
}

/**
 * "Customers who may have left": a purchase model (MBG/NBD by default, BG/NBD, Pareto/NBD, or
 * BG/BB on opportunities of a year, a quarter or a month; ModelChoice) and Gamma-Gamma (docs/definitions.md §10) fitted in the worker to the orders,
 * with the time unit, holdout, horizon and discount rate the user states
 * (LifetimeSettingsForm); the fit's figures and the model checks in LifetimeResults. Only formatting here and there:
 * every number is the model's.
 */
export default function CustomerLifetimePanel({
  analysis,
  client,
  host,
  f,
}: CustomerLifetimePanelProps) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const [choices, setChoices] = useState<LifetimeChoices>(() => defaultLifetimeChoices(locale));
  const [model, setModel] = useState<LifetimeModelName>(DEFAULT_LIFETIME_MODEL);
  const options = useMemo(() => lifetimeOptions(choices, locale, model), [choices, locale, model]);
  // BG/BB's figures are in opportunities (years …), the other models' in the time unit.
  const unit = model === "BGBB" ? choices.opportunity : choices.unit;
  // Typing a horizon refits once the typing pauses, not on every keystroke.
  const wanted = useSettledValue(options ? JSON.stringify({ unit, options }) : null);
  const { fit, shown } = useLifetimeFit(client, analysis, wanted);

  return (
    <div className={styles.panel} data-testid="customer-lifetime-panel">
      <Text size={200}>{t("data.lifetime.intro")}</Text>
      <ModelChoice value={model} onChange={setModel} />
      <LifetimeSettingsForm choices={choices} setChoices={setChoices} model={model} f={f} />
      <Text role="status" size={200} data-testid="lifetime-status">
        {fit.kind === "fitting"
          ? fit.rows > 0
            ? t("data.lifetime.fittingRows", { rows: f.count(fit.rows) })
            : t("data.lifetime.fitting")
          : ""}
      </Text>
      {fit.kind === "failed" && (
        <Notice intent="warning" testId="lifetime-error">
          {t("data.lifetime.failed", { detail: fit.message })}
        </Notice>
      )}
      {shown && (
        <LifetimeResults
          view={shown.view}
          units={unitsName(t, shown.unit)}
          horizonUnits={unitsName(t, shown.unit, shown.view.options.horizon)}
          f={f}
          host={host}
          client={client}
          busy={!options || fit.kind !== "done"}
        />
      )}
    </div>
  );
}
