/*
 * The sBG functions (issue 3): SBG_FIT on a 12-period cohort, and LTV_SBG at d = 10% and at a
 * monthly d = 0.5%, in median microseconds per call, through the custom function (as Excel
 * calls it) and the bare model. Targets: a fit under 50 µs; LTV_SBG with no 1/d-term loops.
 */
import "../test/support/custom-functions-global";
import { LTV_SBG, SBG_FIT } from "../src/functions/sbg-functions";
import { fitSbg } from "../src/model/sbg-fit";
import { ltvSbg } from "../src/model/sbg-value";
import { medianMicros, row } from "./harness";

// Fader & Hardie's "regular" cohort over 12 periods, as a column of cells.
const COHORT = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const COLUMN = COHORT.map((n) => [n]);
const [ALPHA, BETA] = [0.704, 1.182];

const µs = (x: number) => `${x.toFixed(2)} µs`;
row("sBG function (median per call)", "custom fn", "model");
row(
  "SBG_FIT, 12-period cohort",
  µs(medianMicros(() => SBG_FIT(COLUMN), 2000)),
  µs(medianMicros(() => fitSbg(COHORT), 2000)) + "   target < 50 µs"
);
for (const d of [0.1, 0.005]) {
  row(
    `LTV_SBG, d = ${d}`,
    µs(medianMicros(() => LTV_SBG([[100]], [[ALPHA]], [[BETA]], [[d]]), 5000)),
    µs(medianMicros(() => ltvSbg(100, ALPHA, BETA, d), 5000))
  );
}
