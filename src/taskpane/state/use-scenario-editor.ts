import { useMemo, useReducer } from "react";
import { Scenario, scenarioProblems } from "../../model/economics/scenario";
import { InputKey, OutputKey } from "../../model/whatif/worked-example-model";
import { evaluateOutputs } from "../../model/whatif/worked-example-outputs";
import type { MessageKey } from "../i18n/strings";
import { EditorAction, editorReducer, EditorState, initialEditorState } from "./editor-state";
import { fieldMessages } from "./validation";

export interface ScenarioEditor {
  state: EditorState;
  dispatch: (action: EditorAction) => void;
  /** Every output of the scenario; null where it depends on an invalid field. */
  outputs: Record<OutputKey, number | null>;
  baselineOutputs: Record<OutputKey, number | null>;
  /** Inline message per invalid field. */
  messages: Partial<Record<InputKey, MessageKey>>;
  /** False while any field is invalid: nothing may be written to the workbook. */
  canWrite: boolean;
}

export function useScenarioEditor(initial: Scenario, locale: string): ScenarioEditor {
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    initialEditorState(initial, locale)
  );
  const problems = useMemo(() => scenarioProblems(state.scenario), [state.scenario]);
  const outputs = useMemo(
    () => evaluateOutputs(state.scenario, problems),
    [state.scenario, problems]
  );
  const baselineOutputs = useMemo(() => evaluateOutputs(state.baseline), [state.baseline]);
  const messages = useMemo(
    () => fieldMessages(state.scenario, problems),
    [state.scenario, problems]
  );
  return {
    state,
    dispatch,
    outputs,
    baselineOutputs,
    messages,
    canWrite: Object.keys(problems).length === 0,
  };
}
