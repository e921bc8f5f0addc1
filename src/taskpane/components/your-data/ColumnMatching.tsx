import { Switch } from "@fluentui/react-components";
import { useState } from "react";
import type { DataShape } from "../../../model/history/analysis";
import { ColumnRole, OPTIONAL_ROLES, SHAPE_ROLES } from "../../../model/reading/column-matching";
import { DATE_FORMATS, DateFormat } from "../../../model/reading/date-formats";
import { DecimalMark, detectDecimalMark } from "../../../model/reading/number-text";
import { PERIOD_UNITS, PeriodUnit } from "../../../model/history/periods";
import type { AnalysisSettings } from "../../worker/protocol";
import { columnLetter } from "../../../model/reading/column-letter";
import { parseLocaleNumber } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { ChoiceField } from "../shared/ChoiceField";
import { FieldGrid } from "../shared/FieldGrid";
import { NumberField } from "../shared/NumberField";
import { Notice } from "../shared/Notice";

const NONE = "-1";

export interface ColumnMatchingProps {
  settings: AnalysisSettings;
  /** The first rows read (the header among them when there is one). */
  sample: unknown[][];
  onChange: (patch: Partial<AnalysisSettings>) => void;
  onShape: (shape: DataShape) => void;
}

/**
 * The proposed reading of the table: shape, a column per role, decimal mark, date format,
 * interval and window; each can be changed. The proposal's doubts show as warnings above.
 */
export function ColumnMatching({ settings, sample, onChange, onShape }: ColumnMatchingProps) {
  const { t, locale } = useLocale();
  const [windowText, setWindowText] = useState(String(settings.window));
  const width = sample.reduce((w, r) => Math.max(w, r.length), 0);
  const header = settings.hasHeader ? sample[0] : null;
  const columns = Array.from({ length: width }, (_, c) => {
    const title = header ? String(header[c] ?? "").trim() : "";
    const letter = columnLetter(c);
    return {
      value: String(c),
      label: title
        ? t("data.match.columnNamed", { letter, name: title })
        : t("data.match.column", { letter }),
    };
  });
  const windowValue = parseLocaleNumber(windowText, locale);
  const windowOk = Number.isInteger(windowValue) && windowValue >= 1 && windowValue <= 120;
  const missing = (role: ColumnRole) => settings.columns[role] < 0 && !OPTIONAL_ROLES.has(role);

  return (
    <>
      {(settings.warnings ?? []).map((w) => (
        <Notice key={w} intent="warning" testId={`data-warning-${w}`}>
          {t(`data.warning.${w}` as MessageKey, {
            mark: t(settings.decimal === "," ? "data.decimal.comma" : "data.decimal.point"),
          })}
        </Notice>
      ))}
      <FieldGrid testId="column-matching">
        <ChoiceField
          label={t("data.match.shape")}
          value={settings.shape}
          choices={[
            { value: "orders", label: t("data.shape.orders") },
            { value: "subscriptions", label: t("data.shape.subscriptions") },
          ]}
          onChange={(v) => onShape(v as DataShape)}
        />
        {SHAPE_ROLES[settings.shape].map((role: ColumnRole) => (
          <ChoiceField
            key={role}
            label={t(`data.role.${role}` as MessageKey)}
            value={String(settings.columns[role])}
            choices={[
              {
                value: NONE,
                label: t(
                  OPTIONAL_ROLES.has(role) ? "data.match.noneOptional" : "data.match.choose"
                ),
              },
              ...columns,
            ]}
            message={missing(role) ? t("data.match.required") : undefined}
            onChange={(v) => {
              const columns = { ...settings.columns, [role]: Number(v) };
              // The user checked the columns: the proposal's warnings go; a new amount column's
              // decimal mark is told from its own values.
              const patch: Partial<AnalysisSettings> = { columns, warnings: [] };
              if (role === "amount" || role === "revenue")
                patch.decimal = detectDecimalMark(
                  sample.slice(settings.hasHeader ? 1 : 0).map((r) => r[Number(v)]),
                  locale
                ).decimal;
              onChange(patch);
            }}
          />
        ))}
        {(settings.columns.amount >= 0 || settings.columns.revenue >= 0) && (
          <ChoiceField
            label={t("data.match.decimal")}
            value={settings.decimal ?? "."}
            choices={[
              { value: ".", label: t("data.decimal.point") },
              { value: ",", label: t("data.decimal.comma") },
            ]}
            onChange={(v) =>
              onChange({
                decimal: v as DecimalMark,
                warnings: (settings.warnings ?? []).filter((w) => w !== "decimal-guessed"),
              })
            }
          />
        )}
        <ChoiceField
          label={t("data.match.dateFormat")}
          value={settings.dateFormat ?? "iso"}
          choices={DATE_FORMATS.map((f) => ({
            value: f,
            label: t(`data.dateFormat.${f}` as MessageKey),
          }))}
          onChange={(v) =>
            onChange({
              dateFormat: v as DateFormat,
              warnings: (settings.warnings ?? []).filter((w) => w !== "date-order-guessed"),
            })
          }
        />
        <ChoiceField
          label={t("data.match.interval")}
          value={settings.unit}
          choices={PERIOD_UNITS.map((u) => ({
            value: u,
            label: t(`data.interval.${u}` as MessageKey),
          }))}
          onChange={(v) => onChange({ unit: v as PeriodUnit })}
        />
        {settings.shape === "orders" && (
          <NumberField
            label={t("data.match.window")}
            hint={t("data.match.windowHint")}
            value={windowText}
            message={windowOk ? undefined : t("data.match.windowInvalid")}
            onChange={(text) => {
              setWindowText(text);
              const n = parseLocaleNumber(text, locale);
              if (Number.isInteger(n) && n >= 1 && n <= 120) onChange({ window: n });
            }}
          />
        )}
        <Switch
          checked={settings.hasHeader}
          label={t("data.match.hasHeader")}
          onChange={(_, d) => onChange({ hasHeader: d.checked })}
        />
      </FieldGrid>
    </>
  );
}
