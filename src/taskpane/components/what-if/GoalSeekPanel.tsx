import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { memo, useEffect, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { goalSeek, GoalSeekResult } from "../../../model/whatif/goal-seek";
import type { InputKey } from "../../../model/whatif/worked-example-model";
import { parseLocaleNumber, parseLocalePercent } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { ButtonRow } from "../shared/ButtonRow";
import { NumberField } from "../shared/NumberField";
import { KeyPicker } from "../shared/Pickers";
import type { WhatIfBinding } from "./whatif-binding";
import { useWorkedExampleBinding } from "./worked-example-binding";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

export interface WhatIfGoalSeekProps<State, Input extends string, Output extends string> {
  binding: WhatIfBinding<State, Input, Output>;
  state: State;
  /** Sets an input to a value the seek found; without it the panel offers no "Apply". */
  onApply?: (input: Input, value: number) => void;
}

/**
 * "Make OUTPUT equal TARGET by changing INPUT", on any what-if model. Runs on request, not per
 * keystroke: a seek scans the whole sensible range, and its answer should not move while the
 * user types.
 */
function WhatIfGoalSeekPanel<State, Input extends string, Output extends string>({
  binding,
  state,
  onApply,
}: WhatIfGoalSeekProps<State, Input, Output>) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const { model, format, inputLabel, outputLabel, testIdPrefix } = binding;
  const [output, setOutput] = useState<Output>(binding.initial.goal.output);
  const [input, setInput] = useState<Input>(binding.initial.goal.input);
  const [targetText, setTargetText] = useState("0");
  const [result, setResult] = useState<GoalSeekResult<State, Input> | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  // An answer found for other inputs would be wrong to apply.
  useEffect(() => setResult(null), [state]);
  // A percentage output's target is typed as a percentage, like the pane's other percent fields.
  const kind = model.outputKind(output);
  const rawTarget = parseLocaleNumber(targetText, locale);
  const target = kind === "fraction" ? parseLocalePercent(targetText, locale) : rawTarget;

  const inputText = (key: Input, v: number) => format(v, model.inputSpecs[key].kind);
  const outputText = (v: number) => format(v, kind);

  function find() {
    setApplied(null);
    setResult(goalSeek(model, state, output, target, input));
  }

  function apply(key: Input, value: number) {
    onApply?.(key, value);
    setApplied(t("goal.applied", { input: inputLabel(key), value: inputText(key, value) }));
    setResult(null);
  }

  function describe(r: GoalSeekResult<State, Input>): string {
    const inputName = inputLabel(r.input);
    switch (r.kind) {
      case "found": {
        const head = t("goal.found", {
          input: inputName,
          value: inputText(r.input, r.value),
          output: outputLabel(output),
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
      <KeyPicker
        label={t("goal.output")}
        value={output}
        keys={model.outputs}
        labelOf={outputLabel}
        onChange={(key) => (setOutput(key), setResult(null))}
      />
      <NumberField
        label={t("goal.target")}
        value={targetText}
        onChange={(text) => (setTargetText(text), setResult(null))}
        message={Number.isFinite(rawTarget) ? undefined : t("goal.targetInvalid")}
      />
      <KeyPicker
        label={t("goal.input")}
        value={input}
        keys={model.inputs}
        labelOf={inputLabel}
        onChange={(key) => (setInput(key), setResult(null))}
      />
      <ButtonRow>
        <Button type="submit" appearance="primary" disabled={!Number.isFinite(rawTarget)}>
          {t("goal.find")}
        </Button>
        {onApply && result?.kind === "found" && (
          <Button onClick={() => apply(result.input, result.value)}>{t("goal.apply")}</Button>
        )}
        {onApply &&
          result?.kind === "found" &&
          result.wholeNeighbours?.map((n) => (
            <Button key={n.value} onClick={() => apply(result.input, n.value)}>
              {t("goal.applyValue", { value: inputText(result.input, n.value) })}
            </Button>
          ))}
      </ButtonRow>
      <Text role="status" data-testid={`${testIdPrefix}goal-result`}>
        {result ? describe(result) : (applied ?? "")}
      </Text>
    </form>
  );
}

/** Goal seek over any what-if model (memo keeps the panel's type parameters). */
export const WhatIfGoalSeek = memo(WhatIfGoalSeekPanel) as typeof WhatIfGoalSeekPanel;

export interface GoalSeekPanelProps {
  scenario: Scenario;
  onApply: (input: InputKey, value: number) => void;
}

/** The worked example's goal seek. */
export const GoalSeekPanel = memo(function GoalSeekPanel({
  scenario,
  onApply,
}: GoalSeekPanelProps) {
  const binding = useWorkedExampleBinding(scenario.currency);
  return <WhatIfGoalSeek binding={binding} state={scenario} onApply={onApply} />;
});
