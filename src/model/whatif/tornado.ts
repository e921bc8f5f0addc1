import { tryOutput, WhatIfModel } from "./whatif-model";

/** A tornado chart: how far each input, moved up and down by the same share, moves one output. */

export interface TornadoBar<InputKey extends string> {
  input: InputKey;
  lowInput: number;
  highInput: number;
  /** Output with the input moved down / up; null when that state cannot be evaluated. */
  low: number | null;
  high: number | null;
  /** The largest distance of low or high from the base output: what the bars are sorted by. */
  effect: number;
}

export interface Tornado<InputKey extends string, OutputKey extends string> {
  output: OutputKey;
  base: number | null;
  swing: number;
  bars: TornadoBar<InputKey>[];
}

/**
 * Every input that can affect results moved by ±swing (relative) one at a time; bars sorted
 * by how far they move the output, largest first (ties keep the model's input order).
 */
export function tornado<State, InputKey extends string, OutputKey extends string>(
  model: WhatIfModel<State, InputKey, OutputKey>,
  state: State,
  output: OutputKey,
  options: { swing: number } = { swing: 0.1 }
): Tornado<InputKey, OutputKey> {
  const { swing } = options;
  if (!(swing > 0 && swing <= 10))
    throw new RangeError("swing must be greater than 0 and at most 10 (1000%)");
  const base = tryOutput(model, state, output);
  const distance = (v: number | null) => (v === null || base === null ? 0 : Math.abs(v - base));
  const bars: TornadoBar<InputKey>[] = [];
  for (const input of model.inputs) {
    const current = model.getInput(state, input);
    if (current === null || !model.inputAffectsResults(state, input)) continue;
    // Capped at the input's largest meaningful value: a 95% retention rate moved up 10% stops at 100%.
    const { max } = model.inputSpecs[input];
    const lowInput = Math.min(current * (1 - swing), max);
    const highInput = Math.min(current * (1 + swing), max);
    const low = tryOutput(model, model.setInput(state, input, lowInput), output);
    const high = tryOutput(model, model.setInput(state, input, highInput), output);
    bars.push({
      input,
      lowInput,
      highInput,
      low,
      high,
      effect: Math.max(distance(low), distance(high)),
    });
  }
  // Array.prototype.sort is stable, so equal effects keep the model's input order.
  bars.sort((a, b) => b.effect - a.effect);
  return { output, base, swing, bars };
}
