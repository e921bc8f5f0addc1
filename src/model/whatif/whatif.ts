import { DomainError } from "../errors";
import { OUTPUT_KEYS, OutputKey } from "../economics/quantities";
import {
  cloneScenario,
  evaluateScenario,
  Scenario,
  ScenarioResults,
  scenarioProblems,
  WORKED_EXAMPLE,
} from "../economics/scenario";

/**
 * What-if analysis over a Scenario: named inputs and outputs, sensitivity grids,
 * tornado charts and goal seek. Excel's own Data Tables and Goal Seek cannot call
 * JavaScript custom functions (docs/definitions.md §6), so the pane does these itself.
 * Pure functions; every number comes from evaluateScenario.
 */

export const INPUT_KEYS = [
  "segments.new.marketingSpend",
  "segments.new.overheads",
  "segments.new.customers",
  "segments.new.averageBill",
  "segments.returning.marketingSpend",
  "segments.returning.overheads",
  "segments.returning.customers",
  "segments.returning.averageBill",
  "retention.rate",
  "retention.startCustomers",
  "ltv.discountRate",
  "ltv.periods",
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

export { OUTPUT_KEYS } from "../economics/quantities";
export type { OutputKey } from "../economics/quantities";

/** How a quantity is shown and which values make sense for it. */
export type QuantityKind = "money" | "count" | "fraction" | "ratio" | "periods";

export interface InputSpec {
  kind: QuantityKind;
  /** Smallest meaningful value; `exclusiveMin` when the model rejects the bound itself. */
  min: number;
  exclusiveMin: boolean;
  /** Largest meaningful value (Infinity for unbounded amounts). */
  max: number;
}

const money: InputSpec = { kind: "money", min: 0, exclusiveMin: false, max: Infinity };
const positiveMoney: InputSpec = { kind: "money", min: 0, exclusiveMin: true, max: Infinity };
const count: InputSpec = { kind: "count", min: 0, exclusiveMin: true, max: Infinity };

export const INPUT_SPECS: Record<InputKey, InputSpec> = {
  "segments.new.marketingSpend": money,
  "segments.new.overheads": money,
  "segments.new.customers": count,
  "segments.new.averageBill": positiveMoney,
  "segments.returning.marketingSpend": money,
  "segments.returning.overheads": money,
  "segments.returning.customers": count,
  "segments.returning.averageBill": positiveMoney,
  "retention.rate": { kind: "fraction", min: 0, exclusiveMin: false, max: 1 },
  "retention.startCustomers": count,
  "ltv.discountRate": { kind: "fraction", min: 0, exclusiveMin: false, max: 10 },
  "ltv.periods": { kind: "periods", min: 1, exclusiveMin: false, max: 1000 },
};

export function outputKind(key: OutputKey): QuantityKind {
  if (key.endsWith("profitability") || key === "comparison.extraProfitShare") return "fraction";
  if (key === "comparison.costRatio" || key === "ltv.ltvToCac") return "ratio";
  if (key === "ltv.cacPaybackPeriods") return "periods";
  return "money";
}

/** The input's value, or null when it is unset (an unlimited LTV horizon). */
export function getInput(s: Scenario, key: InputKey): number | null {
  switch (key) {
    case "retention.rate":
      return s.retention.rate;
    case "retention.startCustomers":
      return s.retention.startCustomers;
    case "ltv.discountRate":
      return s.ltv.discountRate;
    case "ltv.periods":
      return s.ltv.periods;
    default: {
      const [, segment, field] = key.split(".") as [
        "segments",
        "new" | "returning",
        keyof Scenario["segments"]["new"],
      ];
      return s.segments[segment][field];
    }
  }
}

/** A copy of the scenario with one input changed (null is only meaningful for ltv.periods). */
export function setInput(s: Scenario, key: InputKey, value: number | null): Scenario {
  const next = cloneScenario(s);
  switch (key) {
    case "retention.rate":
      next.retention.rate = value ?? NaN;
      break;
    case "retention.startCustomers":
      next.retention.startCustomers = value ?? NaN;
      break;
    case "ltv.discountRate":
      next.ltv.discountRate = value ?? NaN;
      break;
    case "ltv.periods":
      next.ltv.periods = value;
      break;
    default: {
      const [, segment, field] = key.split(".") as [
        "segments",
        "new" | "returning",
        keyof Scenario["segments"]["new"],
      ];
      next.segments[segment][field] = value ?? NaN;
    }
  }
  return next;
}

/**
 * Whether moving this input can change any result: returning customers are ignored while
 * the retention link derives them, start customers only count while it is on, and an
 * unlimited horizon has no number to move.
 */
export function inputAffectsResults(s: Scenario, key: InputKey): boolean {
  if (key === "segments.returning.customers") return !s.retention.linked;
  if (key === "retention.startCustomers") return s.retention.linked;
  if (key === "ltv.periods") return s.ltv.periods !== null;
  return true;
}

export function getOutput(results: ScenarioResults, key: OutputKey): number {
  const [group, field] = key.split(".") as [string, string];
  return (results as unknown as Record<string, Record<string, number>>)[group][field];
}

/** The output for a scenario, or null when the scenario cannot be evaluated or the result is not finite. */
export function tryOutput(s: Scenario, key: OutputKey): number | null {
  try {
    const value = getOutput(evaluateScenario(s), key);
    return Number.isFinite(value) ? value : null;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

// ---------------------------------------------------------------- sensitivity grid

export interface SensitivityOptions {
  /** Values per axis, odd so the current value sits in the middle. */
  steps: number;
  /** Relative distance of the outermost values from the current one (0.25 = ±25%). */
  spread: number;
}

export interface SensitivityGrid {
  rowInput: InputKey;
  colInput: InputKey;
  output: OutputKey;
  rowValues: number[];
  colValues: number[];
  /** cells[row][col]; null where the scenario cannot be evaluated (e.g. a rate above 100%). */
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

/**
 * Axes for a grid of total profit over retention rate × returning average bill (the report's
 * sensitivity block): the scenario's rate ±10 and ±20 points, kept within (0, 100%], and its
 * returning bill ±10% and ±20%, rounded to 0.01% and to cents so the headers read as typed.
 */
export function retentionBillAxes(s: Scenario): {
  retentionRates: number[];
  averageBills: number[];
} {
  const sortedUnique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
  const rates = [-0.2, -0.1, 0, 0.1, 0.2].map(
    (step) => Math.round((s.retention.rate + step) * 1e4) / 1e4
  );
  const bill = s.segments.returning.averageBill;
  return {
    retentionRates: sortedUnique(rates.filter((r) => r > 0 && r <= 1)),
    averageBills: sortedUnique(
      [0.8, 0.9, 1, 1.1, 1.2].map((f) => Math.round(bill * f * 100) / 100)
    ),
  };
}

function checkSensitivityOptions({ steps, spread }: SensitivityOptions): void {
  if (!Number.isInteger(steps) || steps < 3 || steps % 2 === 0 || steps > 51)
    throw new RangeError("steps must be an odd whole number from 3 to 51");
  if (!(spread > 0 && spread <= 10))
    throw new RangeError("spread must be greater than 0 and at most 10 (1000%)");
}

/** A two-way data table: the output over a grid of two inputs moved around their current values. */
export function sensitivityGrid(
  s: Scenario,
  rowInput: InputKey,
  colInput: InputKey,
  output: OutputKey,
  options: SensitivityOptions = { steps: 11, spread: 0.25 }
): SensitivityGrid {
  checkSensitivityOptions(options);
  const rowValues = axisValues(getInput(s, rowInput) ?? NaN, options.steps, options.spread);
  const colValues = axisValues(getInput(s, colInput) ?? NaN, options.steps, options.spread);
  let min: number | null = null;
  let max: number | null = null;
  const cells = rowValues.map((rv) => {
    const row = setInput(s, rowInput, rv);
    return colValues.map((cv) => {
      const value = tryOutput(setInput(row, colInput, cv), output);
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

// ---------------------------------------------------------------- tornado

export interface TornadoBar {
  input: InputKey;
  lowInput: number;
  highInput: number;
  /** Output with the input moved down / up; null when that scenario cannot be evaluated. */
  low: number | null;
  high: number | null;
  /** The largest distance of low or high from the base output: what the bars are sorted by. */
  effect: number;
}

export interface Tornado {
  output: OutputKey;
  base: number | null;
  swing: number;
  bars: TornadoBar[];
}

/** Clamp to the input's meaningful range, so a 95% retention rate moved up 10% stops at 100%. */
function clampToSpec(key: InputKey, value: number): number {
  const { max } = INPUT_SPECS[key];
  return Math.min(value, max);
}

/**
 * Every input that can affect results moved by ±swing (relative) one at a time; bars sorted
 * by how far they move the output, largest first (ties keep INPUT_KEYS order).
 */
export function tornado(
  s: Scenario,
  output: OutputKey,
  options: { swing: number } = { swing: 0.1 }
): Tornado {
  const { swing } = options;
  if (!(swing > 0 && swing <= 10))
    throw new RangeError("swing must be greater than 0 and at most 10 (1000%)");
  const base = tryOutput(s, output);
  const bars: TornadoBar[] = [];
  for (const input of INPUT_KEYS) {
    const current = getInput(s, input);
    if (current === null || !inputAffectsResults(s, input)) continue;
    const lowInput = clampToSpec(input, current * (1 - swing));
    const highInput = clampToSpec(input, current * (1 + swing));
    const low = tryOutput(setInput(s, input, lowInput), output);
    const high = tryOutput(setInput(s, input, highInput), output);
    const distance = (v: number | null) => (v === null || base === null ? 0 : Math.abs(v - base));
    bars.push({
      input,
      lowInput,
      highInput,
      low,
      high,
      effect: Math.max(distance(low), distance(high)),
    });
  }
  // Array.prototype.sort is stable, so equal effects keep INPUT_KEYS order.
  bars.sort((a, b) => b.effect - a.effect);
  return { output, base, swing, bars };
}

// ---------------------------------------------------------------- scenario vs baseline

/**
 * How an output moved from the baseline: the difference, and the difference relative to the
 * baseline's size (null where the baseline is 0). Null when either side has no value.
 */
export function outputChange(
  before: number | null,
  after: number | null
): { delta: number; relative: number | null } | null {
  if (before === null || after === null) return null;
  const delta = after - before;
  return { delta, relative: before !== 0 ? delta / Math.abs(before) : null };
}

// ---------------------------------------------------------------- goal seek

export type GoalSeekResult =
  | {
      kind: "found";
      input: InputKey;
      value: number;
      achieved: number;
      scenario: Scenario;
      /**
       * For a count of customers whose answer is fractional, the whole numbers on either side
       * and what each gives: nobody can acquire 53.7 customers, so the user picks one.
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
  /** The scenario itself cannot be evaluated, or the input does not affect results. */
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
export function goalSeekRange(s: Scenario, input: InputKey): { lo: number; hi: number } {
  const spec = INPUT_SPECS[input];
  const current = Math.abs(getInput(s, input) ?? 0);
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

/**
 * Finds the input value that makes the output equal the target, like Excel's Goal Seek but
 * with a guarantee: it scans the whole sensible range for a change of sign, refines the
 * bracket nearest the current value by bisection, and rejects brackets that straddle a
 * pole instead of a root. When nothing reaches the target it says so.
 */
export function goalSeek(
  s: Scenario,
  output: OutputKey,
  target: number,
  input: InputKey
): GoalSeekResult {
  if (!Number.isFinite(target)) return { kind: "invalid", input, reason: "target-not-a-number" };
  if (tryOutput(s, output) === null) return { kind: "invalid", input, reason: "scenario-invalid" };
  if (!inputAffectsResults(s, input)) return { kind: "invalid", input, reason: "input-unused" };
  const spec = INPUT_SPECS[input];
  const { lo, hi } = goalSeekRange(s, input);
  const current = getInput(s, input) ?? lo;
  const f = (x: number) => {
    const y = tryOutput(setInput(s, input, x), output);
    return y === null ? null : y - target;
  };
  // Relative to the numbers involved: profit is revenue − cost, so its rounding scales with them.
  const tolerance = 1e-7 * Math.max(1, Math.abs(target), Math.abs(tryOutput(s, output) ?? 0));

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
    const achieved = tryOutput(setInput(s, input, root), output);
    if (achieved !== null && Math.abs(achieved - target) <= tolerance) {
      const found = {
        kind: "found",
        input,
        value: root,
        achieved,
        scenario: setInput(s, input, root),
      } as const;
      const whole = spec.kind === "count" ? wholeNeighbours(s, output, input, root) : [];
      return whole.length > 0 ? { ...found, wholeNeighbours: whole } : found;
    }
  }
  return { kind: "unreachable", input, lo, hi, closest };
}

/** The whole numbers either side of a fractional count, with the output each gives (if valid). */
function wholeNeighbours(
  s: Scenario,
  output: OutputKey,
  input: InputKey,
  value: number
): { value: number; achieved: number }[] {
  // Within a rounding error of a whole number, the answer already is one.
  if (Math.abs(value - Math.round(value)) <= 1e-9 * Math.max(1, value)) return [];
  const spec = INPUT_SPECS[input];
  return [Math.floor(value), Math.ceil(value)]
    .filter((n) => (spec.exclusiveMin ? n > spec.min : n >= spec.min) && n <= spec.max)
    .flatMap((n) => {
      const achieved = tryOutput(setInput(s, input, n), output);
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

// ---------------------------------------------------------------- partial evaluation

type SegmentPart = "new" | "returning";

/** The segments an output depends on: an invalid field only blanks the outputs downstream of it. */
function outputSegments(key: OutputKey): SegmentPart[] {
  if (key.startsWith("new.") || key === "ltv.cac") return ["new"];
  if (key.startsWith("returning.") || key === "ltv.margin") return ["returning"];
  return ["new", "returning"];
}

/** Input fields (problem paths as scenarioProblems names them) each output depends on. */
function outputDependsOn(s: Scenario, key: OutputKey, path: string): boolean {
  const segments = outputSegments(key);
  const returningPaths = s.retention.linked ? ["retention.rate", "retention.startCustomers"] : [];
  if (path.startsWith("segments.new.")) return segments.includes("new");
  if (path.startsWith("segments.returning.")) return segments.includes("returning");
  if (returningPaths.includes(path) && segments.includes("returning")) return true;
  // The LTV itself reads retention and the LTV settings.
  const usesLtv = key === "ltv.value" || key === "ltv.ltvToCac";
  return usesLtv && (path.startsWith("ltv.") || path.startsWith("retention."));
}

/**
 * Every output, or null for those that depend on an invalid field (the pane shows a dash
 * there and keeps showing the rest). Outputs independent of the invalid fields are computed
 * by evaluateScenario on a copy whose invalid fields hold the worked example's values:
 * they do not depend on them, so the numbers are exactly what a valid scenario gives.
 */
export function evaluateOutputs(
  s: Scenario,
  problems: Record<string, string> = scenarioProblems(s)
): Record<OutputKey, number | null> {
  const paths = Object.keys(problems);
  let repaired = s;
  for (const path of paths) {
    const key = path as InputKey;
    if (!(INPUT_KEYS as readonly string[]).includes(key)) continue;
    repaired = setInput(repaired, key, getInput(WORKED_EXAMPLE, key));
  }
  // Linked returning customers are rate × start: a problem with either is a problem with both.
  if (s.retention.linked && paths.some((p) => p.startsWith("retention."))) {
    repaired = setInput(
      setInput(repaired, "retention.rate", WORKED_EXAMPLE.retention.rate),
      "retention.startCustomers",
      WORKED_EXAMPLE.retention.startCustomers
    );
  }
  let results: ScenarioResults | null = null;
  try {
    results = evaluateScenario(repaired);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  const out = {} as Record<OutputKey, number | null>;
  for (const key of OUTPUT_KEYS) {
    const blocked = results === null || paths.some((path) => outputDependsOn(s, key, path));
    const value = blocked ? null : getOutput(results!, key);
    out[key] = value !== null && Number.isFinite(value) ? value : null;
  }
  return out;
}
