/*
 * The buyer models beyond BG/NBD (issue 21): MBG/NBD, BG/BB and Pareto/NBD fits on simulated
 * summaries of 2,500 and 250,000 customers, through the model and, for 2,500, through the
 * custom functions as Excel calls them, beside scipy's Nelder-Mead fit of the same likelihood
 * on the same customers, measured in the same run (bench/scipy/): median and worst of
 * interleaved rounds. Target: every 2,500-customer fit at least 10× faster than scipy's.
 * MBG/NBD on weekly summaries to the day (as CDNOW's); BG/BB on six yearly opportunities (as
 * Fader, Hardie & Shang's donors); Pareto/NBD at CDNOW's published parameters. BG/NBD and
 * Gamma-Gamma are in bgnbd.bench.ts. scipy at 250,000 customers takes minutes a fit (Pareto/NBD
 * far longer): SCIPY_LARGE=1 measures it too.
 */
import os from "os";
import "../test/support/custom-functions-global";
import { BGBB_FIT } from "../src/functions/bgbb-functions";
import { MBGNBD_FIT } from "../src/functions/mbgnbd-functions";
import { PARETO_NBD_FIT } from "../src/functions/pareto-nbd-functions";
import { fitBgBb } from "../src/model/buyers/bgbb-fit";
import { fitMbgNbd } from "../src/model/buyers/mbgnbd-fit";
import { fitParetoNbd } from "../src/model/buyers/pareto-nbd-fit";
import { simulateBgBb, simulateMbgNbd } from "../test/model/buyers/buyer-simulations";
import { simulateParetoNbd } from "../test/model/buyers/pareto-nbd-helpers";
import { median, row } from "./harness";
import { printAgreement, printBeside, ScipyFit, sideBySide } from "./scipy/scipy";

const ROUNDS = Math.max(5, Number(process.env.ROUNDS) || 7);
const ms = (x: number) => `${x.toFixed(2)} ms`;
const column = (values: number[]) => values.map((v) => [v]);
const days = (v: number) => Math.round(v * 7) / 7;

row("MBG/NBD, BG/BB and Pareto/NBD, beside scipy", "ours", "scipy Nelder-Mead, same run");
row(
  `(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores, ${ROUNDS} rounds)`,
  "",
  os.loadavg()[0] > os.cpus().length
    ? "loaded: rerun on a quiet machine before reading a MISSED"
    : ""
);
for (const n of [2500, 250_000]) {
  const size = n.toLocaleString("en");
  const small = n === 2500;
  // MBG/NBD: T uniform on 27–39 weeks, every time to the whole day.
  const sim = simulateMbgNbd([0.25, 4.4, 0.8, 2.4], n, 39, 0, 42, 27);
  const T = sim.T.map(days);
  const mbg = { frequency: sim.x, recency: sim.tx.map((t, i) => Math.min(days(t), T[i])), T };
  // BG/BB: six opportunities, every customer seen for all six.
  const rows = simulateBgBb([1.2, 0.75, 0.66, 2.8], n, 6, 0, 7);
  const bb = {
    frequency: rows.map((r) => r.x),
    recency: rows.map((r) => r.tx),
    n: rows.map(() => 6),
  };
  // Pareto/NBD: CDNOW's published fit, T uniform on 27–39 weeks, to the day.
  const pn = simulateParetoNbd({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, n, 27, 39, 42);
  const pareto = { frequency: pn.frequency, recency: pn.recency.map(days), T: pn.T.map(days) };
  const runs: Array<() => unknown> = [
    () => fitMbgNbd(mbg),
    () => fitBgBb(bb),
    () => fitParetoNbd(pareto),
  ];
  if (small) {
    const [mx, mtx, mT] = [mbg.frequency, mbg.recency, mbg.T].map(column);
    const [bx, btx, bn] = [bb.frequency, bb.recency, bb.n].map(column);
    const [px, ptx, pT] = [pareto.frequency, pareto.recency, pareto.T].map(column);
    runs.push(
      () => MBGNBD_FIT(mx, mtx, mT),
      () => BGBB_FIT(bx, btx, bn),
      () => PARETO_NBD_FIT(px, ptx, pT)
    );
  }
  const scipyFits: ScipyFit[] =
    small || process.env.SCIPY_LARGE === "1"
      ? [
          { name: "MBG/NBD", model: "mbgnbd", data: mbg },
          { name: "BG/BB", model: "bgbb", data: bb },
          { name: "Pareto/NBD", model: "paretonbd", data: pareto },
        ]
      : [];
  const { ours, scipy } = sideBySide(runs, scipyFits, small ? ROUNDS : 5);
  const names = ["MBGNBD", "BGBB", "PARETO_NBD"];
  const fits = [fitMbgNbd(mbg), fitBgBb(bb), fitParetoNbd(pareto)];
  if (!scipy && !small) row(`(${size} customers: scipy not run; SCIPY_LARGE=1 runs it)`, "", "");
  names.forEach((name, i) => {
    const label = `${name} fit, ${size} customers (model)`;
    if (!scipy && !small) {
      row(label, ms(median(ours[i])), `(worst ${ms(Math.max(...ours[i]))})`);
      return;
    }
    printBeside(label, ours[i], scipy ? scipy[i] : null, n);
    printAgreement(scipyFits[i].name, fits[i].logLikelihood, scipy ? scipy[i] : null);
  });
  if (small)
    names.forEach((name, i) =>
      printBeside(`${name}_FIT, ${size} rows (custom fn)`, ours[3 + i], scipy ? scipy[i] : null, n)
    );
}
