import { Text } from "@fluentui/react-components";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { useTableStyles } from "../shared/table-styles";
import { DataFormatters } from "./data-format";
import { MAX_TABLE_PERIODS } from "./PeriodRetention";
import { ScrollRegion } from "../shared/ScrollRegion";

const MONEY = ["start", "won", "expansion", "contraction", "churn", "reactivation", "end"] as const;

/** Revenue movements per period with NRR and GRR (docs/definitions.md §8), headed by the latest complete period's. */
export function RevenueMovements({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const table = useTableStyles();
  const { t } = useLocale();
  const m = view.movements;
  if (!m) return null;
  const n = m.start.length;
  const from = Math.max(0, n - MAX_TABLE_PERIODS);
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
      <ScrollRegion label={t("data.movements.caption")}>
        <table className={table.table} data-testid="movements-table">
          <caption className={table.caption}>{t("data.movements.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t("data.retention.period")}
              </th>
              {MONEY.map((c) => (
                <th key={c} scope="col" className={table.colHead}>
                  {t(`data.movements.${c}` as MessageKey)}
                </th>
              ))}
              <th scope="col" className={table.colHead}>
                {t("data.movements.nrr")}
              </th>
              <th scope="col" className={table.colHead}>
                {t("data.movements.grr")}
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: n - from }, (_, k) => {
              const i = from + k;
              return (
                <tr key={i} data-period={i}>
                  <th scope="row" className={table.th} style={{ whiteSpace: "nowrap" }}>
                    {f.period(view.firstPeriod + i)}
                  </th>
                  {MONEY.map((c) => (
                    <td key={c} className={table.num} data-col={c}>
                      {f.money(m[c][i])}
                    </td>
                  ))}
                  <td className={table.num} data-col="nrr">
                    {f.percent(m.nrr[i])}
                  </td>
                  <td className={table.num} data-col="grr">
                    {f.percent(m.grr[i])}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <Text size={200}>{t("data.movements.definition")}</Text>
    </>
  );
}
