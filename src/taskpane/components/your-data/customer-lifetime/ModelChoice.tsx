import { Field, makeStyles, Select, Text } from "@fluentui/react-components";
import { useId } from "react";
import {
  ALL_LIFETIME_MODELS,
  LifetimeModelName,
  lifetimeBuyerModel,
} from "../../../../model/buyers/customer-lifetime";
import { useLocale } from "../../../i18n/locale-context";
import type { MessageKey } from "../../../i18n/strings";

const useStyles = makeStyles({
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
});

/** The models the registry has: the continuous-time ones, then BG/BB on opportunities. */
export const AVAILABLE_MODELS: readonly LifetimeModelName[] = ALL_LIFETIME_MODELS.filter(
  (name) => lifetimeBuyerModel(name) !== null
);

/**
 * The purchase model: MBG/NBD first and by default, BG/NBD, Pareto/NBD, and BG/BB for purchases
 * at fixed opportunities (one a year, a quarter or a month), with a line on when to choose which.
 */
export function ModelChoice({
  value,
  onChange,
}: {
  value: LifetimeModelName;
  onChange: (model: LifetimeModelName) => void;
}) {
  const styles = useStyles();
  const { t } = useLocale();
  const hintId = useId();
  return (
    <>
      <Field label={t("data.lifetime.buyerModel")} className={styles.field}>
        <Select
          className={styles.select}
          value={value}
          data-testid="lifetime-model"
          aria-describedby={hintId}
          onChange={(_, d) => onChange(d.value as LifetimeModelName)}
        >
          {AVAILABLE_MODELS.map((name) => (
            <option key={name} value={name}>
              {t(`data.lifetime.buyerModel.${name}` as MessageKey)}
            </option>
          ))}
        </Select>
      </Field>
      <Text size={200} id={hintId} data-testid="lifetime-model-hint">
        {t("data.lifetime.buyerModel.hint")} {t("data.lifetime.buyerModel.bgbbHint")}
      </Text>
    </>
  );
}
