/*
 * RETAIN.MBGNBD_*, RETAIN.BGBB_* and RETAIN.BGNBD_PROBABILITY in the built dist/functions.js,
 * loaded as the JavaScript-only custom functions runtime loads it and called by id with
 * arguments built in its own realm, as Excel hands them over: registered once each, with
 * metadata and Chinese descriptions; the donation fit's published figures; stats as TRUE and 1;
 * P(X(t) = x) adding up to 1; the summary feeding the fit. Needs `npm run build`.
 */
import fs from "fs";
import { builtFile } from "../support/built";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { loadFunctionsBundle } from "../support/load-bundle";

const { registered, associateCalls, inRealm } = loadFunctionsBundle();
const call = (id: string, ...args: unknown[]) =>
  registered.get(id)!(...args.map(inRealm)) as unknown[][];
const metadata = JSON.parse(fs.readFileSync(builtFile("functions.json"), "utf8")) as {
  functions: Array<{ id: string; parameters: Array<{ name: string; optional?: boolean }> }>;
};
const chinese = JSON.parse(fs.readFileSync(builtFile("functions-zh-cn.json"), "utf8")) as {
  functions: Array<{ id: string; description: string }>;
};
const column = (values: unknown[]) => values.map((v) => [v]);
const s = (v: unknown) => [[v]];

const IDS = [
  "MBGNBD_FIT",
  "MBGNBD_EXPECTED",
  "MBGNBD_CONDITIONAL",
  "MBGNBD_P_ALIVE",
  "MBGNBD_PROBABILITY",
  "BGNBD_PROBABILITY",
  "BGBB_FIT",
  "BGBB_P_ALIVE",
  "BGBB_CONDITIONAL",
  "BGBB_EXPECTED",
  "BGBB_PROBABILITY",
  "BGBB_SUMMARY",
];

const DONORS = [
  [0, 0, 3464],
  [1, 1, 1091],
  [1, 2, 277],
  [1, 3, 129],
  [1, 4, 78],
  [1, 5, 119],
  [1, 6, 129],
  [2, 2, 613],
  [2, 3, 255],
  [2, 4, 155],
  [2, 5, 173],
  [2, 6, 234],
  [3, 3, 322],
  [3, 4, 181],
  [3, 5, 225],
  [3, 6, 357],
  [4, 4, 240],
  [4, 5, 284],
  [4, 6, 512],
  [5, 5, 335],
  [5, 6, 728],
  [6, 6, 1203],
];

describe("the new buyer functions in the bundle", () => {
  test("each registered once, with metadata and a Chinese description", () => {
    for (const id of IDS) {
      expect(associateCalls.filter((c) => c === id)).toHaveLength(1);
      expect(metadata.functions.some((f) => f.id === id)).toBe(true);
      const zh = chinese.functions.find((f) => f.id === id);
      expect(zh?.description).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const id of ["MBGNBD_FIT", "BGBB_FIT"]) {
      const params = metadata.functions.find((f) => f.id === id)!.parameters;
      expect(params[params.length - 1]).toEqual(
        expect.objectContaining({ name: "stats", optional: true })
      );
    }
  });

  test("BGBB_FIT gives Fader, Hardie & Shang's donation fit; stats as TRUE or 1", () => {
    const cols = [0, 1].map((j) => column(DONORS.map((r) => r[j])));
    const n = column(DONORS.map(() => 6));
    const w = column(DONORS.map((r) => r[2]));
    const [fit] = call("BGBB_FIT", cols[0], cols[1], n, w);
    expect((fit as number[]).map((v) => Math.round(v * 1000) / 1000)).toEqual([
      1.204, 0.75, 0.657, 2.783,
    ]);
    for (const flag of [true, 1]) {
      const block = call("BGBB_FIT", cols[0], cols[1], n, w, flag);
      expect(block).toHaveLength(5);
      expect(block[4][0] as number).toBeCloseTo(-33225.6, 1);
      expect(block[4][1]).toBe(11104);
    }
  });

  test("P(X(t) = x) adds up to 1 over x for all three models", () => {
    const xs = column(Array.from({ length: 600 }, (_, i) => i));
    for (const id of ["BGNBD_PROBABILITY", "MBGNBD_PROBABILITY"]) {
      const p = call(id, xs, s(52), s(0.25), s(4.4), s(0.8), s(2.4));
      expect(p.reduce((t, r) => t + (r[0] as number), 0)).toBeCloseTo(1, 6);
    }
    const bb = call(
      "BGBB_PROBABILITY",
      column([0, 1, 2, 3, 4, 5, 6]),
      s(6),
      s(1.2),
      s(0.75),
      s(0.66),
      s(2.8)
    );
    expect(bb.reduce((t, r) => t + (r[0] as number), 0)).toBeCloseTo(1, 12);
  });

  test("per-customer functions spill, and bad input is an Excel error", () => {
    const alive = call(
      "MBGNBD_P_ALIVE",
      column([0, 3]),
      column([0, 20]),
      column([30, 30]),
      s(0.25),
      s(4.4),
      s(0.8),
      s(2.4)
    );
    expect(alive).toHaveLength(2);
    expect(alive[0][0]).toBeLessThan(1);
    const bad = call("BGBB_P_ALIVE", s(3), s(2), s(6), s(1), s(1), s(1), s(1));
    expect(bad[0][0]).toBeInstanceOf(CustomFunctionsError);
    expect((bad[0][0] as CustomFunctionsError).code).toBe("#VALUE!");
  });

  test("BGBB_SUMMARY of dated gifts gives back their patterns, and the same fit", () => {
    // A tenth of the donors as dated gifts: the first in 2015, the last in 2015 + t_x, and
    // x − 1 more in the years just after 2015 (two gifts in one year count once).
    const ids: string[] = [];
    const dates: string[] = [];
    const weights: number[] = [];
    let donor = 0;
    for (const [x, tx, count] of DONORS) {
      const k = Math.ceil(count / 10);
      weights.push(k);
      for (let c = 0; c < k; c++, donor++) {
        const years = [
          2015,
          2015,
          ...Array.from({ length: Math.max(0, x - 1) }, (_, i) => 2016 + i),
        ];
        if (x > 0) years.push(2015 + tx);
        for (const y of years) {
          ids.push(`d${donor}`);
          dates.push(`${y}-0${1 + (donor % 9)}-1${donor % 10}`);
        }
      }
    }
    const table = call("BGBB_SUMMARY", column(ids), column(dates), s(4), s("2021-12-31"));
    expect(table[0]).toEqual(["customer", "frequency", "recency", "n_periods"]);
    expect(table.length - 1).toBe(weights.reduce((a, b) => a + b, 0));
    const col = (j: number) => table.map((r) => [r[j]]);
    const fromEvents = call("BGBB_FIT", col(1), col(2), col(3))[0] as number[];
    const fromTable = call(
      "BGBB_FIT",
      column(DONORS.map((r) => r[0])),
      column(DONORS.map((r) => r[1])),
      column(DONORS.map(() => 6)),
      column(weights)
    )[0] as number[];
    fromEvents.forEach((v, i) => expect(Math.abs(v / fromTable[i] - 1)).toBeLessThan(1e-9));
  });
});
