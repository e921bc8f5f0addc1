import { Button, Text } from "@fluentui/react-components";
import { useId, useState } from "react";
import { useLocale } from "../../../i18n/locale-context";
import type { MessageKey } from "../../../i18n/strings";
import type { LifetimeView } from "../../../worker/protocol";
import { Notice } from "../../shared/Notice";
import { NumberTable } from "../../shared/NumberTable";
import type { DataFormatters } from "../data-format";

/** Each parameter's key for its one-line meaning (data.lifetime.meaning.*). */
const MEANING: Record<string, string> = {
  r: "r",
  α: "alpha",
  a: "a",
  b: "b",
  p: "p",
  q: "q",
  γ: "gamma",
  s: "s",
  β: "beta",
};
/** The models' parameter names as the pane writes them. */
const SYMBOL: Record<string, string> = { alpha: "α", beta: "β", gamma: "γ", delta: "δ" };

/**
 * The two models' fitted parameters, each with a line on what it means, behind an "Advanced"
 * disclosure (a finance user needs the figures, not the symbols); and how many customers the
 * spend model used (or why none), always shown.
 */
export function LifetimeParameters({
  view,
  units,
  f,
}: {
  view: LifetimeView;
  /** The time unit's name, plural ("weeks"): α is in it. */
  units: string;
  f: DataFormatters;
}) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const { purchases: p, spend: s } = view;
  const purchases = t("data.lifetime.model.purchases", { model: p.label });
  const spend = t("data.lifetime.model.spend");
  // Symbol, model, value and the key of its meaning: BG/BB's α … δ mean other things (and its
  // γ is not Gamma-Gamma's).
  const parameters: [string, string, number | null, string][] = [
    ...p.parameterNames.map((name, i): [string, string, number | null, string] => [
      SYMBOL[name] ?? name,
      purchases,
      p.parameters[i],
      p.model === "BGBB" ? `bgbb.${name}` : MEANING[SYMBOL[name] ?? name],
    ]),
    ["p", spend, s?.p ?? null, "p"],
    ["q", spend, s?.q ?? null, "q"],
    ["γ", spend, s?.gamma ?? null, "gamma"],
  ];
  return (
    <>
      <div>
        <Button
          appearance="subtle"
          aria-expanded={open}
          aria-controls={regionId}
          data-testid="lifetime-advanced"
          onClick={() => setOpen((o) => !o)}
        >
          {/* A disclosure triangle, decorative: aria-expanded says the state. */}
          <span aria-hidden="true">{open ? "▾ " : "▸ "}</span>
          {t("data.lifetime.advanced")}
        </Button>
      </div>
      <div id={regionId} hidden={!open}>
        {open && (
          <NumberTable
            caption={t("data.lifetime.parameters")}
            testId="lifetime-parameters"
            rows={parameters.map(([name, model]) => `${model} ${name}`)}
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
              {
                key: "meaning",
                header: t("data.lifetime.meaning"),
                cell: (i) =>
                  t(`data.lifetime.meaning.${parameters[i][3]}` as MessageKey, { units }),
                text: true,
              },
            ]}
          />
        )}
      </div>
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
