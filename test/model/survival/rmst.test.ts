/**
 * The restricted mean survival time against (a) a brute-force integral of the Kaplan-Meier curve
 * recomputed from scratch at every step, with the variance from its definition, on random data,
 * and (b) R's survfit: the rmean and se(rmean) that print(survfit, rmean = τ) shows, on lung,
 * veteran, ovarian and random data, per group, to 1e-6.
 */
import fc from "fast-check";
import { kaplanMeier } from "../../../src/model/history/kaplan-meier";
import { splitByGroup } from "../../../src/model/survival/grouped-survival";
import { restrictedMean } from "../../../src/model/survival/rmst";
import { normalQuantile } from "../../../src/model/numerics/normal-quantile";
import { isCloseTo } from "../../support/close-to";
import { runR } from "../../support/r-survival";
import { seededRandom } from "../../support/seeded-random";
import {
  asRows,
  atRisk,
  churnAt,
  distinctTimes,
  grouped,
  Subject,
  subjects,
  survivalAt,
} from "./brute-force";

/** ∫ S from a to b, S a step function that changes only at churn times. */
function areaBetween(data: readonly Subject[], a: number, b: number): number {
  const cuts = [a, ...distinctTimes(data, true).filter((t) => t > a && t < b), b];
  let area = 0;
  for (let i = 0; i + 1 < cuts.length; i++)
    area += survivalAt(data, cuts[i]) * (cuts[i + 1] - cuts[i]);
  return area;
}

function bruteRestrictedMean(data: readonly Subject[], horizon: number) {
  let variance = 0;
  for (const t of distinctTimes(data, true)) {
    if (t > horizon) continue;
    const n = atRisk(data, t);
    const d = churnAt(data, t);
    if (n > d) variance += (areaBetween(data, t, horizon) ** 2 * d) / (n * (n - d));
  }
  return { mean: areaBetween(data, 0, horizon), standardError: Math.sqrt(variance) };
}

const close = (a: number, b: number, tolerance: number) => isCloseTo(a, b, tolerance, 1);

test("against the brute-force integral and variance, horizons inside and past the data", () => {
  fc.assert(
    fc.property(subjects(1, true), fc.double({ min: 0.25, max: 16, noNaN: true }), (data, tau) => {
      const model = restrictedMean(kaplanMeier(asRows(data)), tau);
      const brute = bruteRestrictedMean(data, tau);
      expect(close(model.mean, brute.mean, 1e-12)).toBe(true);
      expect(close(model.standardError, brute.standardError, 1e-10)).toBe(true);
      const z = normalQuantile(0.975);
      expect(close(model.lower, brute.mean - z * brute.standardError, 1e-10)).toBe(true);
      expect(close(model.upper, brute.mean + z * brute.standardError, 1e-10)).toBe(true);
      // Never more than the horizon, never less than 0.
      expect(model.mean).toBeLessThanOrEqual(tau * (1 + 1e-15));
      expect(model.mean).toBeGreaterThanOrEqual(0);
    }),
    { numRuns: 400 }
  );
});

test("nobody churns: the RMST is the horizon, with no uncertainty", () => {
  const data: Subject[] = [1, 4, 9].map((t) => ({
    duration: t,
    churned: false,
    group: 0,
    weight: 1,
  }));
  expect(restrictedMean(kaplanMeier(asRows(data)), 12)).toEqual({
    mean: 12,
    standardError: 0,
    lower: 12,
    upper: 12,
  });
  expect(() => restrictedMean(kaplanMeier(asRows(data)), 0)).toThrow("horizon");
});

describe("against R's survfit rmean and se(rmean), to 1e-6", () => {
  const u = seededRandom(2019);
  const random = { time: [] as number[], status: [] as number[], group: [] as number[] };
  for (let i = 0; i < 240; i++) {
    const g = Math.floor(u() * 3);
    random.group.push(g + 1);
    random.time.push(Math.round(-Math.log(u()) * (10 + 5 * g) * 10) / 10);
    random.status.push(u() < 0.7 ? 1 : 0);
  }
  const CASES: Array<[string, string, number]> = [
    ["lung", "data.frame(time = lung$time, status = lung$status - 1, group = lung$sex)", 365],
    ["lung_late", "data.frame(time = lung$time, status = lung$status - 1, group = lung$sex)", 1500],
    [
      "veteran",
      "data.frame(time = veteran$time, status = veteran$status, group = veteran$trt)",
      180,
    ],
    [
      "ovarian",
      "data.frame(time = ovarian$futime, status = ovarian$fustat, group = ovarian$rx)",
      730,
    ],
    ["random", "random", 25],
  ];
  const r = runR(
    CASES.map(
      ([name, frame, tau]) => `
d <- ${frame}
emit("${name}.time", d$time); emit("${name}.status", d$status); emit("${name}.group", d$group)
emit("${name}.groups", sort(unique(d$group)))
t <- summary(survfit(Surv(time, status) ~ group, data = d), rmean = ${tau})$table
emit("${name}.rmean", t[, "rmean"]); emit("${name}.se", t[, "se(rmean)"])
t1 <- summary(survfit(Surv(time, status) ~ 1, data = d), rmean = ${tau})$table
emit("${name}.all", c(t1["rmean"], t1["se(rmean)"]))`
    ).join("\n"),
    { random }
  );
  test.each(CASES.map(([name, frame, tau]) => [name, tau, frame] as const))(
    "%s, horizon %d",
    (name, tau) => {
      const get = (what: string) => r[`${name}.${what}`];
      const index = new Map(get("groups").map((g, j) => [g, j]));
      const data: Subject[] = get("time").map((t, i) => ({
        duration: t,
        churned: get("status")[i] === 1,
        group: index.get(get("group")[i])!,
        weight: 1,
      }));
      const parts = splitByGroup(grouped(data, index.size));
      parts.forEach((rows, j) => {
        const model = restrictedMean(kaplanMeier(rows), tau);
        expect(close(model.mean, get("rmean")[j], 1e-6)).toBe(true);
        expect(close(model.standardError, get("se")[j], 1e-6)).toBe(true);
      });
      const all = restrictedMean(kaplanMeier(asRows(data)), tau);
      expect(close(all.mean, get("all")[0], 1e-6)).toBe(true);
      expect(close(all.standardError, get("all")[1], 1e-6)).toBe(true);
    }
  );
});
