import { DomainError } from "../errors";

/**
 * What the what-if tools (sensitivity.ts, tornado.ts, goal-seek.ts) need of a model: named
 * numeric inputs with the values that make sense for each, named outputs, and an evaluation.
 * Excel's own Data Tables and Goal Seek cannot call JavaScript custom functions
 * (docs/definitions.md §6), so the pane runs these tools itself, on any model that fits here.
 */

/** How a quantity is shown and which values make sense for it. */
export type QuantityKind = "money" | "count" | "fraction" | "ratio" | "periods";

export interface InputSpec {
  kind: QuantityKind;
  /** Smallest meaningful value; `exclusiveMin` when the model rejects the bound itself. */
  min: number;
  exclusiveMin: boolean;
  /** Largest meaningful value (Infinity for unbounded amounts). */
  max: number;
  /** Whole things nobody can have a fraction of (customers): goal seek offers whole neighbours. */
  integer?: boolean;
}

export interface WhatIfModel<State, InputKey extends string, OutputKey extends string> {
  /** Every input, in the order ties are listed (the tornado keeps it for equal effects). */
  readonly inputs: readonly InputKey[];
  readonly inputSpecs: Readonly<Record<InputKey, InputSpec>>;
  readonly outputs: readonly OutputKey[];
  outputKind(key: OutputKey): QuantityKind;
  /** The input's value, or null when it is unset (nothing to move, e.g. an unlimited horizon). */
  getInput(state: State, key: InputKey): number | null;
  /** A copy of the state with one input changed; the state passed in is left alone. */
  setInput(state: State, key: InputKey, value: number | null): State;
  /** Whether moving this input can change any output in this state. */
  inputAffectsResults(state: State, key: InputKey): boolean;
  /** Evaluates the state once and reads its outputs; throws a DomainError when it cannot. */
  evaluate(state: State): (key: OutputKey) => number;
}

/** The output for a state, or null when the state cannot be evaluated or the result is not finite. */
export function tryOutput<State, InputKey extends string, OutputKey extends string>(
  model: WhatIfModel<State, InputKey, OutputKey>,
  state: State,
  key: OutputKey
): number | null {
  try {
    const value = model.evaluate(state)(key);
    return Number.isFinite(value) ? value : null;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}
