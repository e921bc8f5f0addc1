/** Starts each timed run from a clean heap when Node exposes gc (scripts/bench.js asks it to). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Tiny benchmark helpers: median wall time of repeated runs, printed as aligned rows. */
export function medianMs(run: () => unknown, repeats: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) times.push(timedMs(run));
  return median(times);
}

/** One timed run: wall milliseconds, from a clean heap when Node exposes gc. */
export function timedMs(run: () => unknown): number {
  collectGarbage();
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Times several runs against each other on a shared, noisy machine: `rounds` rounds, each
 * running every one of `runs` once, in an order that rotates from round to round so that none
 * always goes first, after one untimed warm-up of each. Returns each run's times, round by round.
 */
export function interleavedMs(runs: ReadonlyArray<() => unknown>, rounds: number): number[][] {
  for (const run of runs) run();
  const times = runs.map((): number[] => []);
  for (let r = 0; r < rounds; r++)
    for (let k = 0; k < runs.length; k++) {
      const j = (r + k) % runs.length;
      times[j].push(timedMs(runs[j]));
    }
  return times;
}

/** The middle value (the upper middle of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1];
}

/** Median microseconds per call of a fast function, timed in batches to beat timer resolution. */
export function medianMicros(call: () => unknown, batch = 1000, repeats = 31): number {
  return (
    (medianMs(() => {
      for (let i = 0; i < batch; i++) call();
    }, repeats) *
      1000) /
    batch
  );
}

export function row(name: string, figure: string, note = ""): void {
  console.log(`${name.padEnd(46)} ${figure.padStart(14)}  ${note}`);
}

/** A seeded PRNG, so every run benchmarks the same data. */
export { seededRandom as seeded } from "../test/support/seeded-random";
