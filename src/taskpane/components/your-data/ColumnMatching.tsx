import { Field, makeStyles, Select, Switch, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { DataShape } from "../../../model/history/analysis";
import { ColumnRole, OPTIONAL_ROLES, SHAPE_ROLES } from "../../../model/reading/column-matching";
import { DATE_FORMATS, DateFormat } from "../../../model/reading/date-formats";
import { PERIOD_UNITS, PeriodUnit } from "../../../model/history/periods";
import type { AnalysisSettings } from "../../worker/protocol";
import { columnLetter } from "../../worker/row-errors";
import { parseLocaleNumber } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { NumberField } from "../shared/NumberField";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(140px, 100%), 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
});

const NONE = "-1";

export interface ColumnMatchingProps {
  settings: AnalysisSettings;
  /** The first rows read (the header among them when there is one). */
  sample: unknown[][];
  onChange: (patch: Partial<AnalysisSettings>) => void;
  onShape: (shape: DataShape) => void;
}

/** The proposed reading of the table: shape, a column per role, date format, interval and window; each can be changed. */
export function ColumnMatching({ settings, sample, onChange, onShape }: ColumnMatchingProps) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const [windowText, setWindowText] = useState(String(settings.window));
  const width = sample.reduce((w, r) => Math.max(w, r.length), 0);
  const header = settings.hasHeader ? sample[0] : null;
  const columnName = (c: number) => {
    const title = header ? String(header[c] ?? "").trim() : "";
    return title
      ? t("data.match.columnNamed", { letter: columnLetter(c), name: title })
      : t("data.match.column", { letter: columnLetter(c) });
  };
  const windowValue = parseLocaleNumber(windowText, locale);
  const windowOk = Number.isInteger(windowValue) && windowValue >= 1 && windowValue <= 120;

  return (
    <div className={styles.grid} data-testid="column-matching">
      <Field label={t("data.match.shape")} className={styles.field}>
        <Select
          className={styles.select}
          value={settings.shape}
          onChange={(_, d) => onShape(d.value as DataShape)}
        >
          <option value="orders">{t("data.shape.orders")}</option>
          <option value="subscriptions">{t("data.shape.subscriptions")}</option>
        </Select>
      </Field>
      {SHAPE_ROLES[settings.shape].map((role: ColumnRole) => (
        <Field
          key={role}
          label={t(`data.role.${role}` as MessageKey)}
          className={styles.field}
          validationState={
            settings.columns[role] < 0 && !OPTIONAL_ROLES.has(role) ? "error" : "none"
          }
          validationMessage={
            settings.columns[role] < 0 && !OPTIONAL_ROLES.has(role)
              ? t("data.match.required")
              : undefined
          }
        >
          <Select
            className={styles.select}
            value={String(settings.columns[role])}
            onChange={(_, d) =>
              onChange({ columns: { ...settings.columns, [role]: Number(d.value) } })
            }
          >
            <option value={NONE}>
              {OPTIONAL_ROLES.has(role) ? t("data.match.noneOptional") : t("data.match.choose")}
            </option>
            {Array.from({ length: width }, (_, c) => (
              <option key={c} value={String(c)}>
                {columnName(c)}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      <Field label={t("data.match.dateFormat")} className={styles.field}>
        <Select
          className={styles.select}
          value={settings.dateFormat ?? "iso"}
          onChange={(_, d) => onChange({ dateFormat: d.value as DateFormat })}
        >
          {DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`data.dateFormat.${f}` as MessageKey)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("data.match.interval")} className={styles.field}>
        <Select
          className={styles.select}
          value={settings.unit}
          onChange={(_, d) => onChange({ unit: d.value as PeriodUnit })}
        >
          {PERIOD_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`data.interval.${u}` as MessageKey)}
            </option>
          ))}
        </Select>
      </Field>
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
    </div>
  );
}
