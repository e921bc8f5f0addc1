/**
 * The Nelson–Aalen cumulative hazard against (a) its definition summed from scratch at every
 * time on random weighted data, and (b) R's survfit cumhaz (its default, the Nelson–Aalen sum),
 * with n.risk and n.event, on lung, veteran, ovarian and random weighted data, to 1e-6.
 */
import fc from "fast-check";
import { nelsonAalen } from "../../../src/model/survival/nelson-aalen";
import { isCloseTo } from "../../support/close-to";
import { runR } from "../../support/r-survival";
import { seededRandom } from "../../support/seeded-random";
import { asRows, atRisk, churnAt, distinctTimes, Subject, subjects } from "./brute-force";

test("against Σ d/n summed from scratch at every distinct time", () => {
  fc.assert(
    fc.property(subjects(1, true), (data) => {
      const model = nelsonAalen(asRows(data));
      const times = distinctTimes(data);
      expect(Array.from(model.time)).toEqual(times);
      times.forEach((t, k) => {
        expect(model.atRisk[k]).toBe(atRisk(data, t));
        expect(model.churned[k]).toBe(churnAt(data, t));
        let h = 0;
        for (const u of distinctTimes(data, true))
          if (u <= t) h += churnAt(data, u) / atRisk(data, u);
        expect(isCloseTo(model.cumulativeHazard[k], h, 1e-12, 1)).toBe(true);
      });
    }),
    { numRuns: 300 }
  );
});

describe("against R's survfit cumhaz, to 1e-6", () => {
  const u = seededRandom(7);
  const random = { time: [] as number[], status: [] as number[], w: [] as number[] };
  for (let i = 0; i < 200; i++) {
    random.time.push(Math.ceil(-Math.log(u()) * 12));
    random.status.push(u() < 0.65 ? 1 : 0);
    random.w.push(1 + Math.floor(u() * 4));
  }
  const CASES: Array<[string, string]> = [
    ["lung", "data.frame(time = lung$time, status = lung$status - 1, w = 1)"],
    ["veteran", "data.frame(time = veteran$time, status = veteran$status, w = 1)"],
    ["ovarian", "data.frame(time = ovarian$futime, status = ovarian$fustat, w = 1)"],
    ["random", "random"],
  ];
  const r = runR(
    CASES.map(
      ([name, frame]) => `
d <- ${frame}
emit("${name}.time", d$time); emit("${name}.status", d$status); emit("${name}.w", d$w)
f <- survfit(Surv(time, status) ~ 1, data = d, weights = w)
emit("${name}.t", f$time); emit("${name}.n", f$n.risk); emit("${name}.d", f$n.event)
emit("${name}.h", f$cumhaz)`
    ).join("\n"),
    { random }
  );
  test.each(CASES.map(([name]) => name))("%s", (name) => {
    const get = (what: string) => r[`${name}.${what}`];
    const data: Subject[] = get("time").map((t, i) => ({
      duration: t,
      churned: get("status")[i] === 1,
      group: 0,
      weight: get("w")[i],
    }));
    const model = nelsonAalen(asRows(data));
    expect(Array.from(model.time)).toEqual(get("t"));
    expect(Array.from(model.atRisk)).toEqual(get("n"));
    expect(Array.from(model.churned)).toEqual(get("d"));
    model.cumulativeHazard.forEach((h, k) => expect(isCloseTo(h, get("h")[k], 1e-6, 1)).toBe(true));
  });
});
