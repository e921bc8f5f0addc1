/**
 * Seeded simulators of the MBG/NBD and BG/BB models' stories, for their tests and the
 * benchmarks. Nothing here imports the model code under test.
 */
import { sampleGamma, seededRandom } from "../../support/seeded-random";

export interface SimulatedMbgNbd {
  x: number[];
  tx: number[];
  T: number[];
  alive: boolean[];
  future: number[];
}

/**
 * MBG/NBD customers as the model tells it: λ ~ Gamma(r, α), p ~ Beta(a, b); a dropout coin
 * right after the first purchase (time 0) and after each repeat purchase; purchases as a
 * Poisson(λ) process while alive. Observed to T, then `ahead` more periods counted apart.
 */
export function simulateMbgNbd(
  [r, alpha, a, b]: number[],
  customers: number,
  Tmax: number,
  ahead: number,
  seed: number,
  /** T is drawn uniformly from [Tmin, Tmax]; omitted: every T is Tmax. */
  Tmin = Tmax
): SimulatedMbgNbd {
  const u = seededRandom(seed);
  const out: SimulatedMbgNbd = { x: [], tx: [], T: [], alive: [], future: [] };
  for (let c = 0; c < customers; c++) {
    const T = Tmin === Tmax ? Tmax : Tmin + (Tmax - Tmin) * u();
    const lambda = sampleGamma(r, u) / alpha;
    const g = sampleGamma(a, u);
    const p = g / (g + sampleGamma(b, u));
    let alive = u() >= p;
    let t = 0;
    let x = 0;
    let tx = 0;
    let future = 0;
    let aliveAtT = alive;
    while (alive) {
      t += -Math.log(u()) / lambda;
      if (t > T + ahead) break;
      if (t <= T) {
        x++;
        tx = t;
      } else future++;
      if (u() < p) alive = false;
      if (t <= T) aliveAtT = alive;
    }
    out.x.push(x);
    out.tx.push(tx);
    out.T.push(T);
    out.alive.push(aliveAtT);
    out.future.push(future);
  }
  return out;
}

/** Simulated BG/BB customers: the story, opportunity by opportunity, with their futures. */
export function simulateBgBb(
  [alpha, beta, gamma, delta]: number[],
  customers: number,
  n: number,
  future: number,
  seed: number
) {
  const u = seededRandom(seed);
  const beta01 = (a: number, b: number) => {
    const g = sampleGamma(a, u);
    return g / (g + sampleGamma(b, u));
  };
  const rows: { x: number; tx: number; aliveNext: boolean; futureX: number }[] = [];
  for (let c = 0; c < customers; c++) {
    const p = beta01(alpha, beta);
    const th = beta01(gamma, delta);
    let alive = true;
    let x = 0;
    let tx = 0;
    let futureX = 0;
    let aliveNext = false;
    for (let t = 1; t <= n + future; t++) {
      if (alive && u() < th) alive = false;
      if (t === n + 1) aliveNext = alive;
      if (!alive) continue;
      if (u() < p) {
        if (t <= n) {
          x++;
          tx = t;
        } else futureX++;
      }
    }
    rows.push({ x, tx, aliveNext, futureX });
  }
  return rows;
}
