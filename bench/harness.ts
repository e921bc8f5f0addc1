/** Starts each timed run from a clean heap when Node exposes gc (scripts/bench.js asks it to). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Tiny benchmark helpers: median wall time of repeated runs, printed as aligned rows. */
export function medianMs(run: () => unknown, repeats: number, warmup = 2): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    collectGarbage();
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
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
