/**
 * The log-rank family against (a) the brute-force definition in ./brute-force.ts on random data
 * with ties, weights and 2–4 groups, for every weighting, and (b) R's survdiff on R's lung,
 * veteran and ovarian data and on random data: rho = 0 (log-rank) and rho = 1 (Fleming–Harrington
 * with the Kaplan-Meier S(t−), which is what survdiff calls Peto–Peto), to 1e-6; (c) for the
 * weightings survdiff lacks (Gehan–Breslow, Tarone–Ware, Klein and Moeschberger's Peto–Peto), the
 * same sums written out in R from survfit's counts, on R's datasets, to 1e-6.
 */
import fc from "fast-check";
import { chiSquareUpperTail } from "../../../src/model/numerics/chi-square";
import { logRank, LogRankWeighting, WEIGHTING_CODES } from "../../../src/model/survival/log-rank";
import { isCloseTo } from "../../support/close-to";
import { runR } from "../../support/r-survival";
import { seededRandom } from "../../support/seeded-random";
import { bruteLogRank, grouped, Subject, subjects, Weighting } from "./brute-force";

const WEIGHTINGS: Array<[Weighting, LogRankWeighting]> = [
  ["log-rank", WEIGHTING_CODES[0]],
  ["gehan-breslow", WEIGHTING_CODES[1]],
  ["tarone-ware", WEIGHTING_CODES[2]],
  ["peto-peto", WEIGHTING_CODES[3]],
  ["fh1", { kind: "fleming-harrington", rho: 1 }],
];

// Values near 0 (a score that cancels) are compared absolutely.
const close = (a: number, b: number, tolerance: number) => isCloseTo(a, b, tolerance, 1);

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!close(actual[i], expected[i], tolerance))
      throw new Error(
        `item ${i}: ${actual[i]} vs ${expected[i]} (${Array.from(actual)} vs ${Array.from(expected)})`
      );
  }
}

describe("against the brute-force definition", () => {
  test.each(WEIGHTINGS)("%s", (name, weighting) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((k) => fc.tuple(fc.constant(k), subjects(k, true))),
        ([k, data]) => {
          const model = logRank(grouped(data, k), weighting);
          const brute = bruteLogRank(data, k, name);
          expectAllClose(model.customers, brute.customers, 1e-12);
          expectAllClose(model.observed, brute.observed, 1e-12);
          expectAllClose(model.expected, brute.expected, 1e-9);
          expectAllClose(model.score, brute.score, 1e-9);
          if (brute.chiSquare === null) {
            // No pair of groups to compare, or a covariance with no information in some direction.
            if (model.chiSquare !== null)
              expect(model.degreesOfFreedom).toBeLessThan(brute.degreesOfFreedom);
          } else {
            expect(model.chiSquare).not.toBeNull();
            expect(model.degreesOfFreedom).toBe(brute.degreesOfFreedom);
            expect(close(model.chiSquare!, brute.chiSquare, 1e-7)).toBe(true);
            expect(model.pValue).toBe(chiSquareUpperTail(model.chiSquare!, model.degreesOfFreedom));
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  test("a hand-sized case: two groups, one churn each, known by hand", () => {
    // A: churns at 1; B: churns at 2. At t = 1: n = 2, d = 1, E_A = 1/2, Var = 1/4. At t = 2:
    // only B at risk, E_B = 1, Var = 0. O_A − E_A = 1/2, so χ² = (1/2)² / (1/4) = 1.
    const result = logRank(
      grouped(
        [
          { duration: 1, churned: true, group: 0, weight: 1 },
          { duration: 2, churned: true, group: 1, weight: 1 },
        ],
        2
      ),
      WEIGHTING_CODES[0]
    );
    expect(result.chiSquare).toBeCloseTo(1, 14);
    expect(result.degreesOfFreedom).toBe(1);
    expect(Array.from(result.expected)).toEqual([0.5, 1.5]);
  });

  test("one group, or no churn: nothing to compare", () => {
    const one: Subject[] = [
      { duration: 1, churned: true, group: 0, weight: 1 },
      { duration: 3, churned: false, group: 0, weight: 1 },
    ];
    expect(logRank(grouped(one, 1), WEIGHTING_CODES[0]).chiSquare).toBeNull();
    const none = one.map((s, i) => ({ ...s, churned: false, group: i }));
    const result = logRank(grouped(none, 2), WEIGHTING_CODES[0]);
    expect(result.chiSquare).toBeNull();
    expect(result.pValue).toBeNull();
    expect(result.degreesOfFreedom).toBe(0);
  });
});

// ---------------------------------------------------------------- R's survdiff
const DATASETS: Array<[string, string, string, string]> = [
  ["lung by sex", "lung$time", "lung$status - 1", "lung$sex"],
  ["lung by ECOG score", "lung$time", "lung$status - 1", "lung$ph.ecog"],
  [
    "veteran by cell type",
    "veteran$time",
    "veteran$status",
    "as.integer(factor(veteran$celltype))",
  ],
  ["veteran by treatment", "veteran$time", "veteran$status", "veteran$trt"],
  ["ovarian by treatment", "ovarian$futime", "ovarian$fustat", "ovarian$rx"],
  ["ovarian by residual disease", "ovarian$futime", "ovarian$fustat", "ovarian$resid.ds"],
];

/** Random data frames: ties, 2 to 5 groups with different churn speeds, heavy censoring. */
function randomFrames() {
  const u = seededRandom(19);
  const frames: Record<string, { time: number[]; status: number[]; group: number[] }> = {};
  for (let run = 0; run < 6; run++) {
    const n = 30 + Math.floor(u() * 300);
    const k = 2 + (run % 4);
    const frame = { time: [] as number[], status: [] as number[], group: [] as number[] };
    for (let i = 0; i < n; i++) {
      const g = Math.floor(u() * k);
      frame.group.push(g + 1);
      frame.time.push(Math.ceil(-Math.log(u()) * (8 + 4 * g)));
      frame.status.push(u() < 0.6 ? 1 : 0);
    }
    frames[`random${run}`] = frame;
  }
  return frames;
}

/**
 * One R run for every case: each case's rows, and survdiff with rho 0 and 1 (chi-square, p,
 * N, O, E), keyed "<case>.<what>".
 */
function survdiffAll(frames: ReturnType<typeof randomFrames>) {
  const cases = [
    ...DATASETS.map(
      ([, time, status, group], i) =>
        `keep <- !is.na(${group}); d${i} <- data.frame(time = (${time})[keep], status = (${status})[keep], group = (${group})[keep])`
    ),
    ...Object.keys(frames).map((name) => `${name} <- ${name}`),
  ];
  const names = [...DATASETS.map((_, i) => `d${i}`), ...Object.keys(frames)];
  const script = `
${cases.join("\n")}
for (name in c(${names.map((n) => `"${n}"`).join(", ")})) {
  d <- get(name)
  emit(paste0(name, ".time"), d$time); emit(paste0(name, ".status"), d$status)
  emit(paste0(name, ".group"), d$group); emit(paste0(name, ".groups"), sort(unique(d$group)))
  for (rho in c(0, 1)) {
    f <- survdiff(Surv(time, status) ~ group, data = d, rho = rho)
    emit(paste0(name, ".chi", rho), f$chisq); emit(paste0(name, ".p", rho), f$pvalue)
    emit(paste0(name, ".obs", rho), f$obs); emit(paste0(name, ".exp", rho), f$exp)
    emit(paste0(name, ".n", rho), f$n)
  }
}`;
  return { r: runR(script, frames), names };
}

/** The model on one case's rows, groups numbered as R sorts them, against survdiff. */
function compareWithR(r: Record<string, number[]>, name: string) {
  const get = (what: string) => r[`${name}.${what}`];
  const index = new Map(get("groups").map((g, j) => [g, j]));
  const data: Subject[] = get("time").map((t, i) => ({
    duration: t,
    churned: get("status")[i] === 1,
    group: index.get(get("group")[i])!,
    weight: 1,
  }));
  const k = get("groups").length;
  for (const rho of [0, 1]) {
    const weighting: LogRankWeighting =
      rho === 0 ? WEIGHTING_CODES[0] : { kind: "fleming-harrington", rho: 1 };
    const model = logRank(grouped(data, k), weighting);
    expect(close(model.chiSquare!, get(`chi${rho}`)[0], 1e-6)).toBe(true);
    expect(model.degreesOfFreedom).toBe(k - 1);
    expect(close(model.pValue!, get(`p${rho}`)[0], 1e-6)).toBe(true);
    expectAllClose(model.customers, get(`n${rho}`), 1e-12);
    // survdiff reports weighted O and E; their difference is the model's score.
    const oMinusE = get(`obs${rho}`).map((o, j) => o - get(`exp${rho}`)[j]);
    expectAllClose(model.score, oMinusE, 1e-6);
    if (rho === 0) {
      expectAllClose(model.observed, get("obs0"), 1e-12);
      expectAllClose(model.expected, get("exp0"), 1e-6);
    }
  }
}

describe("against R's survdiff (rho 0 and 1), to 1e-6", () => {
  const { r, names } = survdiffAll(randomFrames());
  test.each(names.map((name, i) => [i < DATASETS.length ? DATASETS[i][0] : name, name]))(
    "%s",
    (_, name) => compareWithR(r, name)
  );
});

// ---------------------------------------------------------------- the weightings R's survdiff lacks
/**
 * Gehan–Breslow, Tarone–Ware and Klein and Moeschberger's Peto–Peto, which survdiff does not
 * offer, written out in R from survfit's pooled at-risk and churn counts (a second reference
 * beside ./brute-force.ts, in another language), on R's datasets.
 */
const WEIGHTED_IN_R = `
weighted <- function(time, status, group, kind) {
  pooled <- survfit(Surv(time, status) ~ 1)
  at <- pooled$time[pooled$n.event > 0]
  n <- pooled$n.risk[pooled$n.event > 0]; d <- pooled$n.event[pooled$n.event > 0]
  w <- switch(kind, gb = n, tw = sqrt(n), pp = cumprod(1 - d / (n + 1)))
  groups <- sort(unique(group)); k <- length(groups)
  nj <- sapply(groups, function(g) sapply(at, function(t) sum(time >= t & group == g)))
  dj <- sapply(groups, function(g) sapply(at, function(t) sum(time == t & status == 1 & group == g)))
  nj <- matrix(nj, ncol = k); dj <- matrix(dj, ncol = k)
  U <- colSums(w * (dj - nj * d / n))
  V <- matrix(0, k, k)
  for (i in seq_along(at)) if (n[i] > 1) {
    p <- nj[i, ] / n[i]
    V <- V + w[i]^2 * d[i] * (n[i] - d[i]) / (n[i] - 1) * (diag(p, k) - outer(p, p))
  }
  drop <- k
  sum(solve(V[-drop, -drop, drop = FALSE], U[-drop]) * U[-drop])
}
`;

describe("Gehan–Breslow, Tarone–Ware and Peto–Peto against the same sums written in R", () => {
  const cases = DATASETS.slice(0, 5);
  const r = runR(
    WEIGHTED_IN_R +
      cases
        .map(
          ([, time, status, group], i) => `
keep <- !is.na(${group}); d <- data.frame(time = (${time})[keep], status = (${status})[keep], group = (${group})[keep])
emit("c${i}.time", d$time); emit("c${i}.status", d$status); emit("c${i}.group", d$group)
emit("c${i}.groups", sort(unique(d$group)))
for (kind in c("gb", "tw", "pp")) emit(paste0("c${i}.", kind), weighted(d$time, d$status, d$group, kind))`
        )
        .join("\n")
  );
  test.each(cases.map(([name], i) => [name, i] as const))("%s", (_, i) => {
    const get = (what: string) => r[`c${i}.${what}`];
    const index = new Map(get("groups").map((g, j) => [g, j]));
    const data: Subject[] = get("time").map((t, row) => ({
      duration: t,
      churned: get("status")[row] === 1,
      group: index.get(get("group")[row])!,
      weight: 1,
    }));
    (["gb", "tw", "pp"] as const).forEach((kind, j) => {
      const model = logRank(grouped(data, index.size), WEIGHTING_CODES[j + 1]);
      expect(close(model.chiSquare!, get(kind)[0], 1e-6)).toBe(true);
    });
  });
});
