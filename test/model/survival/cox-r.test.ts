/**
 * RETAIN.COX_FIT's model against R's survival package (coxph, Efron and Breslow), the reference
 * engine: on R's own lung, veteran and ovarian data (with factor covariates) and on random data
 * with tied times and a text column; coefficients, standard errors, Wald p-values, partial
 * log-likelihood, likelihood-ratio test and concordance to 1e-6.
 */
import { runR } from "../../support/r-survival";
import { seededRandom } from "../../support/seeded-random";
import { isCloseTo } from "../../support/close-to";
import { readCoxData } from "../../../src/model/survival/cox-rows";
import { fitCox } from "../../../src/model/survival/cox-fit";
import { coxSummary, CoxSummary } from "../../../src/model/survival/cox-summary";
import { CoxTies } from "../../../src/model/survival/cox-partial-likelihood";

const TOLERANCE = 1e-6;

/** A table as the cell function reads it: a header row, then one row per customer. */
function fitTable(
  durations: readonly number[],
  churned: readonly number[],
  covariates: Record<string, readonly (number | string)[]>,
  ties: CoxTies
): { summary: CoxSummary; names: string[] } {
  const titles = Object.keys(covariates);
  const data = readCoxData({
    rows: durations.length + 1,
    covariateColumns: titles.length,
    duration: (i) => (i === 0 ? "duration" : durations[i - 1]),
    churned: (i) => (i === 0 ? "churned" : churned[i - 1]),
    covariate: (i, j) => (i === 0 ? titles[j] : covariates[titles[j]][i - 1]),
  });
  const { design } = data;
  const fit = fitCox(
    { time: data.time, churned: data.churned, x: design.x, p: design.p, labels: design.labels },
    ties
  );
  return { summary: coxSummary(fit, data.time, data.churned), names: design.names };
}

/** The R lines that fit `formula` on `frame` and emit what COX_FIT reports, under `tag`. */
function rFit(tag: string, frame: string, formula: string, ties: CoxTies): string {
  return `
fit <- coxph(${formula}, data = ${frame}, ties = "${ties}",
             control = coxph.control(eps = 1e-11, iter.max = 200))
s <- summary(fit)$coefficients
emit("${tag}_coef", coef(fit))
emit("${tag}_se", s[, "se(coef)"])
emit("${tag}_hr", s[, "exp(coef)"])
emit("${tag}_p", s[, "Pr(>|z|)"])
emit("${tag}_ll", fit$loglik)
lr <- 2 * (fit$loglik[2] - fit$loglik[1])
emit("${tag}_lr", c(lr, length(coef(fit)), pchisq(lr, length(coef(fit)), lower.tail = FALSE)))
emit("${tag}_c", fit$concordance["concordance"])
`;
}

function expectAgreement(ours: CoxSummary, r: Record<string, number[]>, tag: string) {
  const problems: string[] = [];
  const near = (what: string, a: number, b: number, floor = 1e-300) => {
    if (!isCloseTo(a, b, TOLERANCE, floor)) problems.push(`${what}: ours ${a}, R ${b}`);
  };
  const vectors: Array<[string, number[], number[]]> = [
    ["coefficient", ours.coefficients, r[`${tag}_coef`]],
    ["standard error", ours.standardErrors, r[`${tag}_se`]],
    ["hazard ratio", ours.hazardRatios, r[`${tag}_hr`]],
    ["Wald p", ours.waldP, r[`${tag}_p`]],
  ];
  for (const [what, a, b] of vectors) {
    expect([what, a.length]).toEqual([what, b.length]);
    // A coefficient near 0 is compared on the scale of its standard error.
    a.forEach((v, j) =>
      near(`${what} ${j + 1}`, v, b[j], what === "coefficient" ? ours.standardErrors[j] : 1e-300)
    );
  }
  near("log-likelihood", ours.logLikelihood, r[`${tag}_ll`][1]);
  near("likelihood ratio", ours.likelihoodRatio, r[`${tag}_lr`][0]);
  expect(ours.degreesOfFreedom).toBe(r[`${tag}_lr`][1]);
  near("likelihood-ratio p", ours.likelihoodRatioP, r[`${tag}_lr`][2]);
  near("concordance", ours.concordance, r[`${tag}_c`][0]);
  expect(problems).toEqual([]);
}

const TIES: CoxTies[] = ["efron", "breslow"];

describe("R's own datasets", () => {
  const script = [
    `vet <- veteran; vet$celltype <- relevel(vet$celltype, ref = "smallcell")`,
    `emit("vet_time", vet$time); emit("vet_status", vet$status); emit("vet_trt", vet$trt)`,
    `emit("vet_cell", as.integer(veteran$celltype)); emit("vet_karno", vet$karno); emit("vet_age", vet$age)`,
    `lc <- lung[complete.cases(lung[, c("age", "sex", "ph.ecog", "ph.karno", "wt.loss")]), ]`,
    `lc$sexf <- factor(lc$sex, levels = c(1, 2))`,
    `emit("lung_time", lc$time); emit("lung_status", lc$status); emit("lung_age", lc$age)`,
    `emit("lung_sex", lc$sex); emit("lung_ecog", lc$ph.ecog); emit("lung_karno", lc$ph.karno); emit("lung_wt", lc$wt.loss)`,
    `ov <- ovarian; ov$rxf <- factor(ov$rx)`,
    `emit("ov_time", ov$futime); emit("ov_status", ov$fustat); emit("ov_age", ov$age)`,
    `emit("ov_resid", ov$resid.ds); emit("ov_rx", ov$rx); emit("ov_ecog", ov$ecog.ps)`,
  ];
  for (const ties of TIES) {
    script.push(
      rFit(`vet_${ties}`, "vet", "Surv(time, status) ~ trt + celltype + karno + age", ties)
    );
    script.push(
      rFit(
        `lung_${ties}`,
        "lc",
        "Surv(time, status) ~ age + sexf + ph.ecog + ph.karno + wt.loss",
        ties
      )
    );
    script.push(
      rFit(`ov_${ties}`, "ov", "Surv(futime, fustat) ~ age + resid.ds + rxf + ecog.ps", ties)
    );
  }
  const r = runR(script.join("\n"));
  const CELL_TYPES = ["squamous", "smallcell", "adeno", "large"];

  test.each(TIES)("veteran, celltype as text (%s)", (ties) => {
    const { summary, names } = fitTable(
      r.vet_time,
      r.vet_status,
      {
        trt: r.vet_trt,
        celltype: r.vet_cell.map((k) => CELL_TYPES[k - 1]),
        karno: r.vet_karno,
        age: r.vet_age,
      },
      ties
    );
    // smallcell is the most frequent cell type, so the baseline; the others in order of appearance.
    expect(names).toEqual([
      "trt",
      "celltype = squamous",
      "celltype = adeno",
      "celltype = large",
      "karno",
      "age",
    ]);
    expectAgreement(summary, r, `vet_${ties}`);
  });

  test.each(TIES)("lung, complete cases, sex as text (%s)", (ties) => {
    const { summary, names } = fitTable(
      r.lung_time,
      r.lung_status.map((s) => s - 1),
      {
        age: r.lung_age,
        sex: r.lung_sex.map((s) => (s === 1 ? "male" : "female")),
        "ph.ecog": r.lung_ecog,
        "ph.karno": r.lung_karno,
        "wt.loss": r.lung_wt,
      },
      ties
    );
    expect(names[1]).toBe("sex = female");
    expectAgreement(summary, r, `lung_${ties}`);
  });

  test.each(TIES)("ovarian, treatment as text (%s)", (ties) => {
    const { summary } = fitTable(
      r.ov_time,
      r.ov_status,
      {
        age: r.ov_age,
        resid: r.ov_resid,
        rx: r.ov_rx.map((k) => (k === 1 ? "standard" : "new")),
        ecog: r.ov_ecog,
      },
      ties
    );
    expectAgreement(summary, r, `ov_${ties}`);
  });
});

describe("random data with tied times and a text column", () => {
  const SETS = 6;
  const frames: Record<string, Record<string, number[]>> = {};
  const groups: string[][] = [];
  const script: string[] = [];
  for (let s = 0; s < SETS; s++) {
    const u = seededRandom(9100 + s);
    // The last set is large, with hundreds of churns per period: Efron's sums at scale.
    const n = s === SETS - 1 ? 20_000 : 80 + Math.floor(u() * 400);
    const plans = ["monthly", "annual", "trial"];
    const x1: number[] = [];
    const x2: number[] = [];
    const plan: string[] = [];
    const time: number[] = [];
    const status: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
      const b = Math.round(u() * 50) / 10;
      const g = plans[Math.min(2, Math.floor(u() * u() * 4))];
      const rate =
        0.05 * Math.exp(0.5 * a - 0.2 * b + (g === "annual" ? -0.7 : g === "trial" ? 0.4 : 0));
      const churn = -Math.log(u()) / rate;
      const censor = s % 2 === 0 ? 5 + u() * 40 : 25; // random censoring, or administrative
      const t = Math.min(churn, censor);
      x1.push(Math.round(a * 1000) / 1000);
      x2.push(b);
      plan.push(g);
      time.push(Math.max(1, Math.ceil(t))); // whole periods: many ties
      status.push(churn <= censor ? 1 : 0);
    }
    groups.push(plan);
    // R gets the text column as R's factor with our baseline (the most frequent) first.
    const counts = plans.map((g) => plan.filter((v) => v === g).length);
    const seen = [...new Set(plan)];
    const baseline = seen.reduce((best, g) =>
      counts[plans.indexOf(g)] > counts[plans.indexOf(best)] ? g : best
    );
    const levels = [baseline, ...seen.filter((g) => g !== baseline)];
    frames[`d${s}`] = { time, status, x1, x2, plan: plan.map((g) => levels.indexOf(g)) };
    script.push(`d${s}$planf <- factor(d${s}$plan, levels = 0:${levels.length - 1})`);
    for (const ties of TIES)
      script.push(rFit(`d${s}_${ties}`, `d${s}`, "Surv(time, status) ~ x1 + x2 + planf", ties));
  }
  const r = runR(script.join("\n"), frames);

  test.each(Array.from({ length: SETS * 2 }, (_, k) => [Math.floor(k / 2), TIES[k % 2]] as const))(
    "set %i (%s)",
    (s, ties) => {
      const f = frames[`d${s}`];
      const { summary } = fitTable(f.time, f.status, { x1: f.x1, x2: f.x2, plan: groups[s] }, ties);
      expectAgreement(summary, r, `d${s}_${ties}`);
    }
  );
});
