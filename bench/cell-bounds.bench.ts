/*
 * Issue 22.9: a bounded cost per cell. Every cell of an adversarial grid (tiny and huge shape
 * parameters, discount rates down to and below the floor, huge renewal counts and horizons) is
 * timed through its custom function, as Excel calls it (5 runs each, the arguments built in the
 * same realm as the call), and the cell with the worst median is printed with its arguments,
 * its median and its slowest run. Targets: ≤ 5 ms for any single cell; ≤ 1 s for CLV over 2,500
 * customers with daily units over five years.
 */
import "../test/support/custom-functions-global";
import {
  BGNBD_CONDITIONAL,
  BGNBD_EXPECTED,
  BGNBD_P_ALIVE,
  CLV,
} from "../src/functions/clv-functions";
import { LTV_SBG } from "../src/functions/sbg-functions";
import { interleavedMs, median, row, seeded } from "./harness";

const cell = (v: number) => [[v]];
const TINY_TO_HUGE = [1e-9, 1e-3, 0.5, 1, 3, 1e3, 1e6];

const RUNS = 5;

/** Median and slowest of RUNS timed runs (after one warm-up). */
function medianAndWorst(run: () => unknown): { median: number; worst: number } {
  const [times] = interleavedMs([run], RUNS);
  return { median: median(times), worst: Math.max(...times) };
}

function worst(name: string, cells: Array<[string, () => unknown]>): void {
  let top = { median: 0, worst: 0, args: "" };
  for (const [args, run] of cells) {
    const t = medianAndWorst(run);
    if (t.median > top.median) top = { ...t, args };
  }
  row(
    `${name}: worst of ${cells.length.toLocaleString("en")} cells`,
    `${top.median.toFixed(3)} ms (slowest run ${top.worst.toFixed(3)} ms)`,
    `target ≤ 5 ms; at ${top.args}`
  );
}

const sbg: Array<[string, () => unknown]> = [];
for (const alpha of TINY_TO_HUGE)
  for (const beta of TINY_TO_HUGE)
    for (const d of [0, 1e-12, 1e-9, 1e-7, 1e-5, 0.005, 0.5])
      for (const n of [0, 3, 1e9])
        sbg.push([
          `α=${alpha} β=${beta} d=${d} renewals=${n}`,
          () => LTV_SBG(cell(100), cell(alpha), cell(beta), cell(d), cell(n)),
        ]);
worst("LTV_SBG", sbg);

const expected: Array<[string, () => unknown]> = [];
const conditional: Array<[string, () => unknown]> = [];
for (const r of [1e-9, 0.25, 1e3])
  for (const alpha of [1e-9, 4.4, 1e5])
    for (const a of TINY_TO_HUGE)
      for (const b of TINY_TO_HUGE)
        for (const t of [1e-6, 52, 1e6]) {
          const args = `t=${t} r=${r} α=${alpha} a=${a} b=${b}`;
          expected.push([
            args,
            () => BGNBD_EXPECTED(cell(t), cell(r), cell(alpha), cell(a), cell(b)),
          ]);
          conditional.push([
            `x=20 t_x=30 T=38 ${args}`,
            () =>
              BGNBD_CONDITIONAL(
                cell(20),
                cell(30),
                cell(38),
                cell(t),
                cell(r),
                cell(alpha),
                cell(a),
                cell(b)
              ),
          ]);
        }
worst("BGNBD_EXPECTED", expected);
worst("BGNBD_CONDITIONAL", conditional);
worst(
  "BGNBD_P_ALIVE",
  expected.map(([args]) => {
    const [r, alpha, a, b] = args
      .split(" ")
      .slice(1)
      .map((p) => Number(p.split("=")[1]));
    return [
      args,
      () => BGNBD_P_ALIVE(cell(1e4), cell(10), cell(1e4), cell(r), cell(alpha), cell(a), cell(b)),
    ];
  })
);

// CLV: one cell at the longest horizon allowed, and 2,500 daily customers over five years.
const PURCHASES = [[0.55, 10.6, 0.61, 3.0]];
const SPEND = [[6.25, 3.74, 15.44]];
worst("CLV, one customer", [
  [
    "horizon=100,000 days",
    () =>
      CLV(
        cell(12),
        cell(300),
        cell(365),
        cell(40),
        PURCHASES,
        SPEND,
        cell(1e5),
        cell(0.1),
        "day",
        "year"
      ),
  ],
]);
const random = seeded(7);
const customers = Array.from({ length: 2500 }, () => {
  const T = 30 + Math.floor(random() * 700);
  const x = Math.floor(random() * 30);
  return [x, x === 0 ? 0 : Math.floor(random() * T), T, x === 0 ? 0 : 5 + random() * 50];
});
const column = (i: number) => customers.map((c) => [c[i]]);
const clvMs = medianAndWorst(() =>
  CLV(
    column(0),
    column(1),
    column(2),
    column(3),
    PURCHASES,
    SPEND,
    cell(1826),
    cell(0.1),
    "day",
    "year"
  )
);
row(
  "CLV, 2,500 customers, 1,826 days",
  `${clvMs.median.toFixed(0)} ms (slowest run ${clvMs.worst.toFixed(0)} ms)`,
  "target ≤ 1,000 ms"
);
