import { Text } from "@fluentui/react-components";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { DataFormatters } from "./data-format";
import { PeriodTable } from "./PeriodTable";

const MONEY = ["start", "won", "expansion", "contraction", "churn", "reactivation", "end"] as const;
const RATES = ["nrr", "grr"] as const;

/** Revenue movements per period with NRR and GRR (docs/definitions.md §8), headed by the latest complete period's. */
export function RevenueMovements({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const { t } = useLocale();
  const m = view.movements;
  if (!m) return null;
  const latest = view.latest ? view.latest.period - view.firstPeriod : -1;
  return (
    <>
      {latest >= 0 && (
        <Text weight="semibold" data-testid="latest-nrr">
          {t("data.movements.latest", {
            period: f.period(view.firstPeriod + latest),
            nrr: f.percent(m.nrr[latest]),
            grr: f.percent(m.grr[latest]),
          })}
        </Text>
      )}
      <PeriodTable
        view={view}
        f={f}
        periods={m.start.length}
        caption={t("data.movements.caption")}
        testId="movements-table"
        columns={[
          ...MONEY.map((c) => ({
            key: c,
            header: t(`data.movements.${c}` as MessageKey),
            cell: (i: number) => f.money(m[c][i]),
          })),
          ...RATES.map((c) => ({
            key: c,
            header: t(`data.movements.${c}`),
            cell: (i: number) => f.percent(m[c][i]),
          })),
        ]}
      />
      <Text size={200}>{t("data.movements.definition")}</Text>
    </>
  );
}
