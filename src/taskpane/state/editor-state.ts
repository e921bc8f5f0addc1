import { PaymentTiming } from "../../model/economics/ltv";
import { cloneScenario, Scenario, scenarioProblems } from "../../model/economics/scenario";
import { InputKey, setInput } from "../../model/whatif/worked-example-model";
import { DataFigures, withDataFigures } from "../../model/whatif/keep-cost-shares";
import { textFromValue, textsFromScenario, valueFromText } from "./field-text";

/**
 * The scenario being edited. Field texts are kept as typed (so "1 617 0" mid-keystroke is
 * not reformatted under the cursor); the scenario holds what they parse to, NaN for text
 * that is not a number, so the model's own validation reports it.
 */
export interface EditorState {
  locale: string;
  texts: Record<InputKey, string>;
  scenario: Scenario;
  /** What "Reset to baseline" returns to and what deltas are measured against. */
  baseline: Scenario;
}

export type EditorAction =
  | { type: "edit"; key: InputKey; text: string }
  /** A value from elsewhere (goal seek's Apply): sets both the number and its text. */
  | { type: "apply"; key: InputKey; value: number | null }
  | { type: "currency"; currency: string }
  /** Figures from the user's data ("Use in the model"): the costs keep their share of revenue. */
  | ({ type: "fromData" } & DataFigures)
  | { type: "linked"; linked: boolean }
  | { type: "timing"; timing: PaymentTiming }
  | { type: "setBaseline" }
  | { type: "resetToBaseline" }
  /** Replaces the scenario (a saved one loaded); keeps the baseline unless told. */
  | { type: "load"; scenario: Scenario; asBaseline?: boolean };

export function initialEditorState(scenario: Scenario, locale: string): EditorState {
  const s = cloneScenario(scenario);
  return { locale, texts: textsFromScenario(s, locale), scenario: s, baseline: cloneScenario(s) };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "edit":
      return {
        ...state,
        texts: { ...state.texts, [action.key]: action.text },
        scenario: setInput(
          state.scenario,
          action.key,
          valueFromText(action.key, action.text, state.locale)
        ),
      };
    case "apply":
      return {
        ...state,
        texts: {
          ...state.texts,
          [action.key]: textFromValue(action.key, action.value, state.locale),
        },
        scenario: setInput(state.scenario, action.key, action.value),
      };
    case "fromData": {
      const scenario = withDataFigures(state.scenario, action);
      return { ...state, scenario, texts: textsFromScenario(scenario, state.locale) };
    }
    case "currency":
      return {
        ...state,
        scenario: { ...cloneScenario(state.scenario), currency: action.currency },
      };
    case "linked": {
      const scenario = cloneScenario(state.scenario);
      scenario.retention.linked = action.linked;
      return { ...state, scenario };
    }
    case "timing": {
      const scenario = cloneScenario(state.scenario);
      scenario.ltv.timing = action.timing;
      return { ...state, scenario };
    }
    case "setBaseline":
      // An invalid scenario cannot be a baseline: every delta would be a dash.
      if (!isValid(state.scenario)) return state;
      return { ...state, baseline: cloneScenario(state.scenario) };
    case "resetToBaseline":
      return {
        ...state,
        scenario: cloneScenario(state.baseline),
        texts: textsFromScenario(state.baseline, state.locale),
      };
    case "load": {
      const scenario = cloneScenario(action.scenario);
      return {
        ...state,
        scenario,
        texts: textsFromScenario(scenario, state.locale),
        baseline: action.asBaseline ? cloneScenario(scenario) : state.baseline,
      };
    }
  }
}

export function isValid(s: Scenario): boolean {
  return Object.keys(scenarioProblems(s)).length === 0;
}
