/**
 * Our fits beside scipy's, measured in the same run (issue 21): bench/scipy/fits.py times
 * scipy.optimize.minimize(method="Nelder-Mead") on the same likelihood, customers and start.
 * The rounds interleave: each round times every one of our fits once (in an order that
 * rotates) and then runs one Python process that times each scipy fit once after an untimed
 * warm-up, so both sides share the machine's load round by round. Without python3 and scipy
 * the benches say so and fall back to the documented constant, labelled "not measured".
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { interleavedMs, median, row, timedMs } from "../harness";

export type ScipyModel = "bgnbd" | "mbgnbd" | "gg" | "bgbb" | "paretonbd";

/** One fit for fits.py: the model and its customer columns (see fits.py for the names). */
export interface ScipyFit {
  name: string;
  model: ScipyModel;
  data: Record<string, ArrayLike<number>>;
}

export interface ScipyResult {
  name: string;
  times: number[];
  params: number[];
  logLikelihood: number;
  evaluations: number;
  converged: boolean;
}

const SCRIPT = path.join(__dirname, "fits.py");
/** The figure the issue quoted before scipy was measured here (2,357 customers). */
export const DOCUMENTED_SCIPY_MS = 150;
/** Untimed runs of each of ours before the rounds. */
const WARM_UP = 5;

let available: boolean | undefined;
/** Whether `python3 -c "import scipy"` works; printed once, with the fallback when it does not. */
export function scipyAvailable(): boolean {
  if (available === undefined) {
    // SCIPY=0 times ours alone, as on a machine without scipy.
    const r = spawnSync("python3", ["-c", "import scipy"], { stdio: "ignore" });
    available = r.status === 0 && process.env.SCIPY !== "0";
    if (!available)
      console.log(
        `scipy not measured (SCIPY=0, or python3 -c "import scipy" failed: apt-get install python3-scipy): ` +
          `ratios below use the documented ~${DOCUMENTED_SCIPY_MS} ms, NOT MEASURED`
      );
  }
  return available;
}

/** Runs fits.py once over `file`: each fit warmed up, then timed `runs` times. */
function runScipy(file: string, runs: number): ScipyResult[] {
  const r = spawnSync("python3", [SCRIPT, file, String(runs)], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`bench/scipy/fits.py failed: ${r.stderr.trim()}`);
  const out = JSON.parse(r.stdout) as {
    fits: {
      name: string;
      times_ms: number[];
      params: number[];
      log_likelihood: number;
      evaluations: number;
      converged: boolean;
    }[];
  };
  return out.fits.map((f) => ({
    name: f.name,
    times: f.times_ms,
    params: f.params,
    logLikelihood: f.log_likelihood,
    evaluations: f.evaluations,
    converged: f.converged,
  }));
}

export interface SideBySide {
  /** Our times per fit, round by round. */
  ours: number[][];
  /** scipy's results per fit, times round by round; null when scipy is missing. */
  scipy: ScipyResult[] | null;
}

/**
 * `rounds` (≥ 5) interleaved rounds of our `runs` and, when scipy is available, of fits.py over
 * `scipyFits` (same order as `runs`; pass [] to time ours alone).
 */
export function sideBySide(
  runs: ReadonlyArray<() => unknown>,
  scipyFits: readonly ScipyFit[],
  rounds: number
): SideBySide {
  const measured = scipyFits.length > 0 && scipyAvailable();
  if (!measured) return { ours: interleavedMs(runs, rounds), scipy: null };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-scipy-"));
  const file = path.join(dir, "fits.json");
  try {
    const plain = scipyFits.map((f) => ({
      ...f,
      data: Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, Array.from(v)])),
    }));
    fs.writeFileSync(file, JSON.stringify({ fits: plain }));
    const ours = runs.map((): number[] => []);
    let scipy: ScipyResult[] | null = null;
    // Warm: V8 optimises a function after some calls; scipy's side warms up as well (fits.py).
    for (let k = 0; k < WARM_UP; k++) for (const run of runs) run();
    for (let r = 0; r < rounds; r++) {
      // Each of ours once, in an order that rotates, then scipy's once: interleaved rounds.
      for (let k = 0; k < runs.length; k++) {
        const j = (r + k) % runs.length;
        ours[j].push(timedMs(runs[j]));
      }
      const results = runScipy(file, 1);
      if (!scipy) scipy = results;
      else results.forEach((res, i) => scipy![i].times.push(...res.times));
    }
    return { ours, scipy };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

/**
 * One fit's line: our median and worst, scipy's median (and worst), the ratio of the medians
 * and the worst round's ratio, and the ≥ 10× verdict on the medians. Without scipy: the
 * documented figure scaled to `customers`, labelled not measured.
 */
export function printBeside(
  name: string,
  ours: readonly number[],
  scipy: ScipyResult | null,
  customers: number
): void {
  const mine = `${ms(median(ours))} (worst ${ms(Math.max(...ours))})`;
  if (!scipy) {
    const guess = (DOCUMENTED_SCIPY_MS * customers) / 2357;
    const ratio = guess / median(ours);
    row(
      name,
      mine,
      `scipy NOT MEASURED: ~${guess.toFixed(0)} ms documented${customers === 2357 ? "" : ", scaled linearly"}; ${ratio.toFixed(1)}× (≥ 10×: ${ratio >= 10 ? "met" : "MISSED"}, not measured)`
    );
    return;
  }
  const theirs = scipy.times;
  const ratio = median(theirs) / median(ours);
  // The worst round: scipy's time over ours, round by round, the smallest.
  const worstRound = Math.min(...theirs.map((t, i) => t / ours[i]));
  row(
    name,
    mine,
    `scipy ${ms(median(theirs))} (worst ${ms(Math.max(...theirs))}, ${scipy.evaluations} evaluations${scipy.converged ? "" : ", NOT converged"}); ` +
      `${ratio.toFixed(1)}× (worst round ${worstRound.toFixed(1)}×; ≥ 10×: ${ratio >= 10 ? "met" : "MISSED"})`
  );
}

/** scipy's maximum beside ours: the same likelihood should reach the same log-likelihood. */
export function printAgreement(name: string, ours: number, scipy: ScipyResult | null): void {
  if (!scipy) return;
  row(
    `  ${name}: log-likelihood, ours vs scipy`,
    ours.toFixed(4),
    `${scipy.logLikelihood.toFixed(4)} (scipy ${ours >= scipy.logLikelihood ? "lower" : "HIGHER"} by ${Math.abs(ours - scipy.logLikelihood).toExponential(1)})`
  );
}
