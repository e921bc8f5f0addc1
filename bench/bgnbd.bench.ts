/*
 * BG/NBD and Gamma-Gamma (issue 12): median milliseconds of the fits on simulated customer
 * summaries of 2,500 and 250,000 customers (CDNOW-like: weeks, to the day), through the model and, for
 * 2,500, through the custom function as Excel calls it; and a 2,500-customer table of P(alive),
 * E[Y(52)] and 52-week CLV. Targets: a 2,500-customer fit under 15 ms, i.e. at least 10× faster
 * than a scipy Nelder-Mead fit of the same likelihood (about 150 ms for 2,357 customers).
 */
import os from "os";
import "../test/support/custom-functions-global";
import {
  BGNBD_CONDITIONAL,
  BGNBD_FIT,
  BGNBD_P_ALIVE,
  CLV,
  GG_FIT,
} from "../src/functions/clv-functions";
import { fitBgNbd } from "../src/model/buyers/bgnbd-fit";
import { fitGammaGamma } from "../src/model/buyers/gamma-gamma-fit";
import { simulateBgNbd } from "../test/model/buyers/bgnbd-helpers";
import { medianMs, row } from "./harness";

const SCIPY_MS = 150; // issue 12: scipy Nelder-Mead, vectorised numpy, 2,357 customers
const TARGET_MS = 15;
const TARGET_RATIO = 10;
const TRUTH = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const SPEND = { p: 6.25, q: 3.74, gamma: 15.44 };
const ms = (x: number) => `${x.toFixed(2)} ms`;
const column = (values: number[]) => values.map((v) => [v]);
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
/** A 2,500-customer BG/NBD fit beside both of issue 12's targets. */
const againstTargets = (fitMs: number) =>
  `< ${TARGET_MS} ms: ${verdict(fitMs < TARGET_MS)}; ` +
  `${(SCIPY_MS / fitMs).toFixed(0)}× faster than scipy's ~${SCIPY_MS} ms ` +
  `(≥ ${TARGET_RATIO}×: ${verdict(SCIPY_MS / fitMs >= TARGET_RATIO)})`;

row("BG/NBD and Gamma-Gamma (median)", "time", "target");
// The machine is shared: a verdict read under load says more about the load than the code.
row(
  `(load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
  "",
  os.loadavg()[0] > os.cpus().length
    ? "loaded: rerun on a quiet machine before reading a MISSED"
    : ""
);
for (const n of [2500, 250_000]) {
  // Whole days, in weeks (as CDNOW's summary is): real summaries repeat (x, t_x, T) often.
  const data = simulateBgNbd(TRUTH, n, 27, 39, 42, SPEND);
  const days = (v: number) => Math.round(v * 7) / 7;
  data.recency = data.recency.map(days);
  data.T = data.T.map(days);
  const repeats = n === 2500 ? 31 : 5;
  const fit = medianMs(() => fitBgNbd(data), repeats);
  row(
    `BGNBD fit, ${n.toLocaleString("en")} customers (model)`,
    ms(fit),
    n === 2500
      ? againstTargets(fit)
      : `no target; ~${((SCIPY_MS * (n / 2357)) / fit).toFixed(0)}× scipy's 150 ms scaled linearly to ${n.toLocaleString("en")} (an estimate)`
  );
  const gg = medianMs(
    () => fitGammaGamma({ frequency: data.frequency, monetary: data.monetary }),
    repeats
  );
  row(`GG fit, ${n.toLocaleString("en")} customers (model)`, ms(gg));
  if (n !== 2500) continue;
  const [x, tx, T, m] = [data.frequency, data.recency, data.T, data.monetary].map(column);
  const fnFit = medianMs(() => BGNBD_FIT(x, tx, T), repeats);
  row(`BGNBD_FIT, ${n.toLocaleString("en")} rows (custom fn)`, ms(fnFit), againstTargets(fnFit));
  row(
    `GG_FIT, ${n.toLocaleString("en")} rows (custom fn)`,
    ms(medianMs(() => GG_FIT(x, m), repeats))
  );
  const [[r, alpha, a, b]] = BGNBD_FIT(x, tx, T) as number[][];
  const p = [[r], [alpha], [a], [b]].map((v) => [v]) as unknown as number[][][];
  row(
    `BGNBD_P_ALIVE, ${n.toLocaleString("en")} rows`,
    ms(medianMs(() => BGNBD_P_ALIVE(x, tx, T, p[0], p[1], p[2], p[3]), repeats))
  );
  row(
    `BGNBD_CONDITIONAL t = 52, ${n.toLocaleString("en")} rows`,
    ms(medianMs(() => BGNBD_CONDITIONAL(x, tx, T, [[52]], p[0], p[1], p[2], p[3]), repeats))
  );
  const gg3 = [(GG_FIT(x, m) as number[][])[0]];
  row(
    `CLV 52 weeks at 10%/year, ${n.toLocaleString("en")} rows`,
    ms(
      medianMs(() => CLV(x, tx, T, m, [[r, alpha, a, b]], gg3, [[52]], [[0.1]], "week", "year"), 11)
    )
  );
}
