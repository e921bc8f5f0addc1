/**
 * A small seeded pseudo-random generator, so a simulated range is the same on every
 * recalculation: a cell must never flicker. mulberry32 (32-bit state, period 2³²) is plenty for
 * the few hundred thousand draws of a prediction interval.
 */

// Module-level copies of the Math functions the loops call: a global lookup per call is slow
// where the code runs inside a sandboxed context (Node's vm, as test runners use).
const { imul, sqrt, log, cos, sin, PI } = Math;

/** Uniform draws on the open interval (0, 1) from a fixed starting state. */
export function uniformStream(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller, both values of each pair used) from a uniform stream. */
export function normalStream(uniform: () => number): () => number {
  let spare = NaN;
  return () => {
    if (spare === spare) {
      const z = spare;
      spare = NaN;
      return z;
    }
    const radius = sqrt(-2 * log(uniform()));
    const angle = 2 * PI * uniform();
    spare = radius * sin(angle);
    return radius * cos(angle);
  };
}
