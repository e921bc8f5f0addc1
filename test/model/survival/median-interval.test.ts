/**
 * The median's confidence interval (Brookmeyer–Crowley, from the log-log band) against (a) the
 * band recomputed from its definition at every time and survfit's reading rule written out here,
 * on random data, and (b) R's survfit(conf.type = "log-log"): the 0.95LCL and 0.95UCL that
 * print(survfit) shows, on lung, veteran, ovarian and random data, per group.
 */
import fc from "fast-check";
import { kaplanMeier } from "../../../src/model/history/kaplan-meier";
import { splitByGroup } from "../../../src/model/survival/grouped-survival";
import { medianInterval } from "../../../src/model/survival/median-interval";
import { normalQuantile } from "../../../src/model/numerics/normal-quantile";
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

/** The band at t from its definition, or null where S is 0 or 1 (survfit gives no band there). */
function bandAt(data: readonly Subject[], t: number): [number, number] | null {
  const s = survivalAt(data, t);
  if (s <= 0 || s >= 1) return null;
  let greenwood = 0;
  for (const u of distinctTimes(data, true))
    if (u <= t) {
      const n = atRisk(data, u);
      const d = churnAt(data, u);
      greenwood += d / (n * (n - d));
    }
  const z = normalQuantile(0.975);
  const spread = (z * Math.sqrt(greenwood)) / Math.abs(Math.log(s));
  const center = Math.log(-Math.log(s));
  return [Math.exp(-Math.exp(center + spread)), Math.exp(-Math.exp(center - spread))];
}

/**
 * survfit's rule: the first time the curve is below 0.5 + √ε; if that value is 0.5 (within √ε)
 * and the curve later drops below it, the middle of the two times.
 */
function firstBelowHalf(times: number[], values: Array<number | null>): number | null {
  const tol = Math.sqrt(Number.EPSILON);
  const kept = times
    .map((t, k) => [t, values[k]] as const)
    .filter((p): p is readonly [number, number] => p[1] !== null && p[1] < 0.5 + tol);
  if (kept.length === 0) return null;
  const [t0, y0] = kept[0];
  const lower = kept.find(([, y]) => y < y0);
  return Math.abs(y0 - 0.5) < tol && lower ? (t0 + lower[0]) / 2 : t0;
}

test("against the band from its definition and survfit's reading rule", () => {
  fc.assert(
    fc.property(subjects(1, true), (data) => {
      const model = medianInterval(kaplanMeier(asRows(data)));
      const times = distinctTimes(data);
      const bands = times.map((t) => bandAt(data, t));
      const lower = firstBelowHalf(
        times,
        bands.map((b) => (b ? b[0] : null))
      );
      const upper = firstBelowHalf(
        times,
        bands.map((b) => (b ? b[1] : null))
      );
      const near = (a: number | null, b: number | null) =>
        a === null || b === null ? expect(a).toBe(b) : expect(a).toBeCloseTo(b, 12);
      near(model.lower, lower);
      near(model.upper, upper);
      const median = times.find((t) => survivalAt(data, t) <= 0.5) ?? null;
      expect(model.median).toBe(median);
      // The interval holds the median wherever all three exist.
      if (model.median !== null && model.lower !== null)
        expect(model.lower).toBeLessThanOrEqual(model.median);
      if (model.median !== null && model.upper !== null)
        expect(model.upper).toBeGreaterThanOrEqual(model.median);
    }),
    { numRuns: 300 }
  );
});

describe('against R\'s survfit(conf.type = "log-log") median limits', () => {
  const u = seededRandom(1919);
  const random = { time: [] as number[], status: [] as number[], group: [] as number[] };
  for (let i = 0; i < 300; i++) {
    const g = Math.floor(u() * 4);
    random.group.push(g + 1);
    random.time.push(Math.ceil(-Math.log(u()) * (6 + 3 * g)));
    random.status.push(u() < 0.75 ? 1 : 0);
  }
  const CASES: Array<[string, string]> = [
    ["lung", "data.frame(time = lung$time, status = lung$status - 1, group = lung$sex)"],
    [
      "lung ECOG",
      "subset(data.frame(time = lung$time, status = lung$status - 1, group = lung$ph.ecog), !is.na(group))",
    ],
    [
      "veteran",
      "data.frame(time = veteran$time, status = veteran$status, group = as.integer(factor(veteran$celltype)))",
    ],
    ["ovarian", "data.frame(time = ovarian$futime, status = ovarian$fustat, group = ovarian$rx)"],
    ["random", "random"],
  ];
  const key = (name: string) => name.replace(/\W/g, "_");
  const r = runR(
    CASES.map(([name, frame]) => {
      const k = key(name);
      return `
d <- ${frame}
emit("${k}.time", d$time); emit("${k}.status", d$status); emit("${k}.group", d$group)
emit("${k}.groups", sort(unique(d$group)))
t <- summary(survfit(Surv(time, status) ~ group, data = d, conf.type = "log-log"))$table
emit("${k}.lcl", t[, "0.95LCL"]); emit("${k}.ucl", t[, "0.95UCL"])`;
    }).join("\n"),
    { random }
  );
  test.each(CASES.map(([name]) => name))("%s", (name) => {
    const get = (what: string) => r[`${key(name)}.${what}`];
    const index = new Map(get("groups").map((g, j) => [g, j]));
    const data: Subject[] = get("time").map((t, i) => ({
      duration: t,
      churned: get("status")[i] === 1,
      group: index.get(get("group")[i])!,
      weight: 1,
    }));
    splitByGroup(grouped(data, index.size)).forEach((rows, j) => {
      const model = medianInterval(kaplanMeier(rows));
      const expectLimit = (ours: number | null, theirs: number) =>
        Number.isNaN(theirs) ? expect(ours).toBeNull() : expect(ours).toBeCloseTo(theirs, 9);
      expectLimit(model.lower, get("lcl")[j]);
      expectLimit(model.upper, get("ucl")[j]);
    });
  });
});
