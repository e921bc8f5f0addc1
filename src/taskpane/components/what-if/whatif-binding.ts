import type { QuantityKind, WhatIfModel } from "../../../model/whatif/whatif-model";

/**
 * What the sensitivity grid, the tornado and goal seek need to show one model: the model, the
 * names of its inputs and outputs in the pane's language, how a quantity is written, and the
 * choices each panel opens with. The worked example (worked-example-binding.ts) and the plan
 * (plan/plan-binding.ts) each build one; the panels themselves know neither.
 */
export interface WhatIfBinding<State, InputKey extends string, OutputKey extends string> {
  model: WhatIfModel<State, InputKey, OutputKey>;
  inputLabel: (key: InputKey) => string;
  outputLabel: (key: OutputKey) => string;
  /** A quantity of a kind; `compact` for grid cells, chart axes and table ranges. Null: a dash. */
  format: (value: number | null, kind: QuantityKind, compact?: boolean) => string;
  initial: {
    sensitivity: { rows: InputKey; columns: InputKey; output: OutputKey };
    tornado: OutputKey;
    goal: { output: OutputKey; input: InputKey };
  };
  /** Put before each panel's test ids, so two models' panels on one page stay apart ("" or "plan-"). */
  testIdPrefix: string;
}
