/*
 * The headline functions over a 1,000,000-row range, as Excel would call them (number[][]
 * columns in, a number[][] column out), against a bare hand-written loop doing the same
 * arithmetic on the same arrays in the same run. Target: within 1.5× of the bare loop
 * (issue 18: with `any`-typed arguments it had slipped to 2.2–3×). The arguments are built here,
 * in the realm the functions run in, as Excel's runtime builds them in its own.
 */
import "../test/support/custom-functions-global";
import { CUSTOMER_COST, LTV, RETENTION_RATE } from "../src/functions/functions";
import { interleavedMs, median, row, seeded } from "./harness";

const ROWS = 1_000_000;
const random = seeded(42);
const column = (f: () => number) => Array.from({ length: ROWS }, () => [f()]);

const start = column(() => 100 + Math.floor(random() * 10_000));
const won = column(() => Math.floor(random() * 100));
const end = start.map(([s], i) => [Math.floor(s * random()) + won[i][0]]);
const spend = column(() => random() * 1e6);
const customers = column(() => 1 + Math.floor(random() * 1000));
const overheads = column(() => random() * 1e5);
const margin = column(() => random() * 1000);
const retention = column(() => random() * 0.99);
const discount = [[0.1]];

function bare(compute: (i: number) => number): number[][] {
  const out: number[][] = new Array(ROWS);
  for (let i = 0; i < ROWS; i++) out[i] = [compute(i)];
  return out;
}

const cases: Array<[string, () => unknown, () => unknown]> = [
  [
    "RETENTION_RATE",
    () => RETENTION_RATE(start, end, won, null as never),
    () => bare((i) => (end[i][0] - won[i][0]) / start[i][0]),
  ],
  [
    "CUSTOMER_COST",
    () => CUSTOMER_COST(spend, customers, overheads),
    () => bare((i) => (spend[i][0] + overheads[i][0]) / customers[i][0]),
  ],
  [
    "LTV (unlimited, end of period)",
    () => LTV(margin, retention, discount, null as never, null as never),
    () => bare((i) => margin[i][0] / (1 + discount[0][0] - retention[i][0])),
  ],
];

const TARGET = 1.5;
const ROUNDS = 7;
console.log(
  `Each function over a ${ROWS.toLocaleString("en")}-row range against a bare loop in the same realm; ` +
    `median and worst of ${ROUNDS} interleaved runs.`
);
row("function", "RETAIN ms", `bare loop ms      ratio (target ≤ ${TARGET.toFixed(1)}×)`);
for (const [name, viaFunction, viaBareLoop] of cases) {
  // Interleaved, so both see the same machine load and garbage-collector state.
  const [fnTimes, loopTimes] = interleavedMs([viaFunction, viaBareLoop], ROUNDS);
  const fn = median(fnTimes);
  const loop = median(loopTimes);
  const worst = (xs: number[]) => Math.max(...xs);
  const ratio = fn / loop;
  row(
    name,
    `${fn.toFixed(0)} / ${worst(fnTimes).toFixed(0)}`,
    `${`${loop.toFixed(0)} / ${worst(loopTimes).toFixed(0)}`.padStart(14)}   ${ratio.toFixed(2)}×  ${
      ratio <= TARGET ? "met" : "MISSED"
    }`
  );
}
