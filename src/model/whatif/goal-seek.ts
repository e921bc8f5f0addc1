import { tryOutput, WhatIfModel } from "./whatif-model";

/**
 * Goal seek: the input value that makes an output equal a target, like Excel's Goal Seek but
 * with a guarantee. It scans the whole sensible range for a change of sign, refines the bracket
 * nearest the current value by bisection, and rejects brackets that straddle a pole instead of
 * a root. When nothing reaches the target it says so.
 */

export type GoalSeekResult<State, InputKey extends string> =
  | {
      kind: "found";
      input: InputKey;
      value: number;
      achieved: number;
      state: State;
      /**
       * For a whole-number input (a count of customers) whose answer is fractional, the whole
       * numbers on either side and what each gives: nobody can acquire 53.7 customers, so the
       * user picks one.
       */
      wholeNeighbours?: { value: number; achieved: number }[];
    }
  /** No value in [lo, hi] reaches the target; `closest` is the best value tried, if any evaluated. */
  | {
      kind: "unreachable";
      input: InputKey;
      lo: number;
      hi: number;
      closest: { value: number; achieved: number } | null;
    }
  /** The state itself cannot be evaluated, or the input does not affect results. */
  | {
      kind: "invalid";
      input: InputKey;
      reason: "scenario-invalid" | "input-unused" | "target-not-a-number";
    };

/**
 * The range goal seek searches: the input's own bounds, and for unbounded amounts up to
 * 100× the current value (at least 1,000,000 money / 1,000 customers), which covers
 * any plan a business would call sensible without wandering into overflow.
 */
export function goalSeekRange<State, InputKey extends string, OutputKey extends string>(
  model: WhatIfModel<State, InputKey, OutputKey>,
  state: State,
  input: InputKey
): { lo: number; hi: number } {
  const spec = model.inputSpecs[input];
  const current = Math.abs(model.getInput(state, input) ?? 0);
  const floor = spec.kind === "money" ? 1_000_000 : spec.kind === "count" ? 1_000 : spec.max;
  const hi = Number.isFinite(spec.max) ? spec.max : Math.max(current * 100, floor);
  return { lo: spec.min, hi };
}

/** Sample points over [lo, hi]: linear for the bulk, geometric near lo for 1/x-shaped outputs. */
function samplePoints(lo: number, hi: number, exclusiveMin: boolean, current: number): number[] {
  const points = new Set<number>();
  const n = 200;
  for (let i = 0; i <= n; i++) points.add(lo + ((hi - lo) * i) / n);
  const start = Math.max(hi * 1e-9, Number.MIN_VALUE);
  for (let i = 0; i < n; i++) points.add(lo + start * Math.pow((hi - lo) / start, i / n));
  if (current >= lo && current <= hi) points.add(current);
  if (exclusiveMin) points.delete(lo);
  return [...points].sort((a, b) => a - b);
}

export function goalSeek<State, InputKey extends string, OutputKey extends string>(
  model: WhatIfModel<State, InputKey, OutputKey>,
  state: State,
  output: OutputKey,
  target: number,
  input: InputKey
): GoalSeekResult<State, InputKey> {
  if (!Number.isFinite(target)) return { kind: "invalid", input, reason: "target-not-a-number" };
  const now = tryOutput(model, state, output);
  if (now === null) return { kind: "invalid", input, reason: "scenario-invalid" };
  if (!model.inputAffectsResults(state, input))
    return { kind: "invalid", input, reason: "input-unused" };
  const spec = model.inputSpecs[input];
  const { lo, hi } = goalSeekRange(model, state, input);
  const current = model.getInput(state, input) ?? lo;
  const at = (x: number) => tryOutput(model, model.setInput(state, input, x), output);
  const f = (x: number) => {
    const y = at(x);
    return y === null ? null : y - target;
  };
  // Relative to the numbers involved: profit is revenue − cost, so its rounding scales with them.
  const tolerance = 1e-7 * Math.max(1, Math.abs(target), Math.abs(now));

  const xs = samplePoints(lo, hi, spec.exclusiveMin, current);
  const ys = xs.map(f);
  let closest: { value: number; achieved: number } | null = null;
  const brackets: [number, number, number, number][] = [];
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null) continue;
    if (closest === null || Math.abs(y) < Math.abs(closest.achieved - target))
      closest = { value: xs[i], achieved: y + target };
    const prev = i > 0 ? ys[i - 1] : null;
    if (y === 0) brackets.push([xs[i], xs[i], 0, 0]);
    else if (prev !== null && prev !== 0 && Math.sign(prev) !== Math.sign(y))
      brackets.push([xs[i - 1], xs[i], prev, y]);
  }
  // Nearest to the current value first: the answer a user changing one number expects.
  brackets.sort(
    (a, b) => Math.abs((a[0] + a[1]) / 2 - current) - Math.abs((b[0] + b[1]) / 2 - current)
  );
  for (const bracket of brackets) {
    const root = bisect(f, bracket);
    if (root === null) continue;
    const achieved = at(root);
    if (achieved !== null && Math.abs(achieved - target) <= tolerance) {
      const found = {
        kind: "found",
        input,
        value: root,
        achieved,
        state: model.setInput(state, input, root),
      } as const;
      const whole = spec.integer ? wholeNeighbours(model, state, output, input, root) : [];
      return whole.length > 0 ? { ...found, wholeNeighbours: whole } : found;
    }
  }
  return { kind: "unreachable", input, lo, hi, closest };
}

/** The whole numbers either side of a fractional answer, with the output each gives (if valid). */
function wholeNeighbours<State, InputKey extends string, OutputKey extends string>(
  model: WhatIfModel<State, InputKey, OutputKey>,
  state: State,
  output: OutputKey,
  input: InputKey,
  value: number
): { value: number; achieved: number }[] {
  // Within a rounding error of a whole number, the answer already is one.
  if (Math.abs(value - Math.round(value)) <= 1e-9 * Math.max(1, value)) return [];
  const spec = model.inputSpecs[input];
  return [Math.floor(value), Math.ceil(value)]
    .filter((n) => (spec.exclusiveMin ? n > spec.min : n >= spec.min) && n <= spec.max)
    .flatMap((n) => {
      const achieved = tryOutput(model, model.setInput(state, input, n), output);
      return achieved === null ? [] : [{ value: n, achieved }];
    });
}

/** Bisection on a sign-changing bracket; null if the function stops evaluating inside it. */
function bisect(
  f: (x: number) => number | null,
  [a, b, fa]: [number, number, number, number]
): number | null {
  if (a === b) return a;
  let lo = a;
  let hi = b;
  let flo = fa;
  for (let i = 0; i < 200 && lo < hi; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    const fm = f(mid);
    if (fm === null) return null;
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  const flast = f(hi);
  return flast !== null && Math.abs(flast) < Math.abs(flo) ? hi : lo;
}
