import { Text } from "@fluentui/react-components";
import { useLocale } from "../../../i18n/locale-context";
import type { LifetimeView } from "../../../worker/protocol";
import { Notice } from "../../shared/Notice";
import { NumberTable } from "../../shared/NumberTable";
import type { DataFormatters } from "../data-format";

/** The two models' fitted parameters, and how many customers the spend model used (or why none). */
export function LifetimeParameters({ view, f }: { view: LifetimeView; f: DataFormatters }) {
  const { t } = useLocale();
  const { purchases: p, spend: s } = view;
  const purchases = t("data.lifetime.model.purchases");
  const spend = t("data.lifetime.model.spend");
  const parameters: [string, string, number | null][] = [
    ["r", purchases, p.r],
    ["α", purchases, p.alpha],
    ["a", purchases, p.a],
    ["b", purchases, p.b],
    ["p", spend, s?.p ?? null],
    ["q", spend, s?.q ?? null],
    ["γ", spend, s?.gamma ?? null],
  ];
  return (
    <>
      <NumberTable
        caption={t("data.lifetime.parameters")}
        testId="lifetime-parameters"
        rows={parameters.map(([name]) => name)}
        rowProps={(i) => ({ "data-parameter": parameters[i][0] })}
        rowHeader={{ header: t("data.lifetime.parameter"), cell: (i) => parameters[i][0] }}
        columns={[
          {
            key: "model",
            header: t("data.lifetime.model"),
            cell: (i) => parameters[i][1],
            text: true,
          },
          {
            key: "value",
            header: t("data.lifetime.value"),
            cell: (i) => {
              const value = parameters[i][2];
              return value === null ? "–" : f.decimal(value, 4);
            },
          },
        ]}
      />
      {s ? (
        <Text size={200} data-testid="lifetime-spend">
          {t("data.lifetime.spendUsed", { customers: f.count(s.customersUsed) })}
        </Text>
      ) : (
        <Notice intent="warning" testId="lifetime-spend-problem">
          {t("data.lifetime.spendProblem", { detail: view.spendProblem ?? "" })}
        </Notice>
      )}
    </>
  );
}
