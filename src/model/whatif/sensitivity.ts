import { tryOutput, WhatIfModel } from "./whatif-model";

/** A two-way data table: one output over a grid of two inputs moved around their current values. */

export interface SensitivityOptions {
  /** Values per axis, odd so the current value sits in the middle. */
  steps: number;
  /** Relative distance of the outermost values from the current one (0.25 = ±25%). */
  spread: number;
}

export interface SensitivityGrid<InputKey extends string, OutputKey extends string> {
  rowInput: InputKey;
  colInput: InputKey;
  output: OutputKey;
  rowValues: number[];
  colValues: number[];
  /** cells[row][col]; null where the state cannot be evaluated (e.g. a rate above 100%). */
  cells: (number | null)[][];
  /** Index of the current value on each axis (the middle). */
  center: number;
  /** The output at the current point. */
  base: number | null;
  min: number | null;
  max: number | null;
}

/** Values from current × (1 − spread) to current × (1 + spread), evenly spaced, current in the middle. */
export function axisValues(current: number, steps: number, spread: number): number[] {
  const half = (steps - 1) / 2;
  return Array.from({ length: steps }, (_, i) =>
    i === half ? current : current * (1 + (spread * (i - half)) / half)
  );
}

function checkSensitivityOptions({ steps, spread }: SensitivityOptions): void {
  if (!Number.isInteger(steps) || steps < 3 || steps % 2 === 0 || steps > 51)
    throw new RangeError("steps must be an odd whole number from 3 to 51");
  if (!(spread > 0 && spread <= 10))
    throw new RangeError("spread must be greater than 0 and at most 10 (1000%)");
}

export function sensitivityGrid<State, InputKey extends string, OutputKey extends string>(
  model: WhatIfModel<State, InputKey, OutputKey>,
  state: State,
  rowInput: InputKey,
  colInput: InputKey,
  output: OutputKey,
  options: SensitivityOptions = { steps: 11, spread: 0.25 }
): SensitivityGrid<InputKey, OutputKey> {
  checkSensitivityOptions(options);
  const current = (key: InputKey) => model.getInput(state, key) ?? NaN;
  const rowValues = axisValues(current(rowInput), options.steps, options.spread);
  const colValues = axisValues(current(colInput), options.steps, options.spread);
  let min: number | null = null;
  let max: number | null = null;
  const cells = rowValues.map((rv) => {
    const row = model.setInput(state, rowInput, rv);
    return colValues.map((cv) => {
      const value = tryOutput(model, model.setInput(row, colInput, cv), output);
      if (value !== null) {
        if (min === null || value < min) min = value;
        if (max === null || value > max) max = value;
      }
      return value;
    });
  });
  const center = (options.steps - 1) / 2;
  return {
    rowInput,
    colInput,
    output,
    rowValues,
    colValues,
    cells,
    center,
    base: cells[center][center],
    min,
    max,
  };
}
