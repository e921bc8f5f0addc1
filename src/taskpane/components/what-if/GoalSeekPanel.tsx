import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { memo, useEffect, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { goalSeek, GoalSeekResult } from "../../../model/whatif/goal-seek";
import type { InputKey, OutputKey } from "../../../model/whatif/worked-example-model";
import {
  INPUT_SPECS,
  outputKind,
  WORKED_EXAMPLE_MODEL,
} from "../../../model/whatif/worked-example-model";
import { formatQuantity } from "../../format/format-number";
import { parseLocaleNumber, parseLocalePercent } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";
import { ButtonRow } from "../shared/ButtonRow";
import { NumberField } from "../shared/NumberField";
import { InputPicker, OutputPicker } from "../shared/Pickers";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface GoalSeekPanelProps {
  scenario: Scenario;
  onApply: (input: InputKey, value: number) => void;
}

/**
 * "Make OUTPUT equal TARGET by changing INPUT". Runs on request, not per keystroke: a seek
 * scans the whole sensible range, and its answer should not move while the user types.
 */
export const GoalSeekPanel = memo(function GoalSeekPanel({
  scenario,
  onApply,
}: GoalSeekPanelProps) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const [output, setOutput] = useState<OutputKey>("new.profit");
  const [input, setInput] = useState<InputKey>("segments.new.averageBill");
  const [targetText, setTargetText] = useState("0");
  const [result, setResult] = useState<GoalSeekResult<Scenario, InputKey> | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  // An answer found for other inputs would be wrong to apply.
  useEffect(() => setResult(null), [scenario]);
  // A percentage output's target is typed as a percentage, like the pane's other percent fields.
  const kind = outputKind(output);
  const rawTarget = parseLocaleNumber(targetText, locale);
  const target = kind === "fraction" ? parseLocalePercent(targetText, locale) : rawTarget;

  const inputText = (key: InputKey, v: number) =>
    formatQuantity(v, INPUT_SPECS[key].kind, scenario.currency, locale);
  const outputText = (v: number) => formatQuantity(v, kind, scenario.currency, locale);

  function find() {
    setApplied(null);
    setResult(goalSeek(WORKED_EXAMPLE_MODEL, scenario, output, target, input));
  }

  function apply(key: InputKey, value: number) {
    onApply(key, value);
    setApplied(t("goal.applied", { input: t(inputLabelKey(key)), value: inputText(key, value) }));
    setResult(null);
  }

  function describe(r: GoalSeekResult<Scenario, InputKey>): string {
    const inputName = t(inputLabelKey(r.input));
    switch (r.kind) {
      case "found": {
        const head = t("goal.found", {
          input: inputName,
          value: inputText(r.input, r.value),
          output: outputLabel(t, output),
          achieved: outputText(r.achieved),
        });
        if (!r.wholeNeighbours) return head;
        const options = r.wholeNeighbours
          .map((n) =>
            t("goal.wholeOption", {
              value: inputText(r.input, n.value),
              achieved: outputText(n.achieved),
            })
          )
          .join(t("goal.wholeSeparator"));
        return `${head} ${t("goal.whole", { options })}`;
      }
      case "unreachable": {
        const head = t("goal.unreachable", {
          input: inputName,
          lo: inputText(r.input, r.lo),
          hi: inputText(r.input, r.hi),
          target: outputText(target),
        });
        return r.closest
          ? `${head} ${t("goal.closest", { value: inputText(r.input, r.closest.value), achieved: outputText(r.closest.achieved) })}`
          : head;
      }
      case "invalid":
        return t(`goal.invalid.${r.reason}` as MessageKey, { input: inputName });
    }
  }

  return (
    <form
      className={styles.form}
      onSubmit={(event) => {
        event.preventDefault();
        find();
      }}
    >
      <OutputPicker
        label={t("goal.output")}
        value={output}
        onChange={(key) => (setOutput(key), setResult(null))}
      />
      <NumberField
        label={t("goal.target")}
        value={targetText}
        onChange={(text) => (setTargetText(text), setResult(null))}
        message={Number.isFinite(rawTarget) ? undefined : t("goal.targetInvalid")}
      />
      <InputPicker
        label={t("goal.input")}
        value={input}
        onChange={(key) => (setInput(key), setResult(null))}
      />
      <ButtonRow>
        <Button type="submit" appearance="primary" disabled={!Number.isFinite(rawTarget)}>
          {t("goal.find")}
        </Button>
        {result?.kind === "found" && (
          <Button onClick={() => apply(result.input, result.value)}>{t("goal.apply")}</Button>
        )}
        {result?.kind === "found" &&
          result.wholeNeighbours?.map((n) => (
            <Button key={n.value} onClick={() => apply(result.input, n.value)}>
              {t("goal.applyValue", { value: inputText(result.input, n.value) })}
            </Button>
          ))}
      </ButtonRow>
      <Text role="status" data-testid="goal-result">
        {result ? describe(result) : (applied ?? "")}
      </Text>
    </form>
  );
});
