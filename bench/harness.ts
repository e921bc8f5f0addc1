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
  return (medianMs(() => {
    for (let i = 0; i < batch; i++) call();
  }, repeats) * 1000) / batch;
}

export function row(name: string, figure: string, note = ""): void {
  console.log(`${name.padEnd(46)} ${figure.padStart(14)}  ${note}`);
}

/** A seeded PRNG (mulberry32), so every run benchmarks the same data. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
