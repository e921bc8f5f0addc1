/**
 * RETAIN.COX_FIT as Excel calls it: the layout (names above a header row's data, the LINEST-like
 * stats block padded with #N/A), every figure against R's survival on the veteran data with its
 * cell type as text, the flags and codes, the errors with their messages, and a property: on any
 * cells, only numbers, blanks, names or proper errors.
 */
import fc from "fast-check";
import { COX_FIT } from "../../src/functions/cox-functions";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { runR } from "../support/r-survival";
import { isCloseTo } from "../support/close-to";
import { anyCell, errorCell } from "../support/excel-arbitraries";
import { seededRandom } from "../support/seeded-random";

const CELL_TYPES = ["squamous", "smallcell", "adeno", "large"];
const r = runR(`
emit("time", veteran$time); emit("status", veteran$status); emit("trt", veteran$trt)
emit("cell", as.integer(veteran$celltype)); emit("karno", veteran$karno)
vet <- veteran; vet$celltype <- relevel(vet$celltype, ref = "smallcell")
for (ties in c("efron", "breslow")) {
  fit <- coxph(Surv(time, status) ~ trt + celltype + karno, data = vet, ties = ties,
               control = coxph.control(eps = 1e-11, iter.max = 100))
  s <- summary(fit)$coefficients
  lr <- 2 * (fit$loglik[2] - fit$loglik[1])
  emit(paste0(ties, "_rows"), c(coef(fit), s[, "se(coef)"], s[, "exp(coef)"], s[, "Pr(>|z|)"]))
  emit(paste0(ties, "_last"), c(fit$loglik[2], lr, length(coef(fit)),
       pchisq(lr, length(coef(fit)), lower.tail = FALSE), fit$concordance["concordance"]))
}
`);

/** The veteran data as a sheet: durations, churned and a covariates block, each with a title. */
const n = r.time.length;
const DURATIONS = [["days"], ...r.time.map((t) => [t])];
const CHURNED = [["died"], ...r.status.map((s) => [s === 1])];
const COVARIATES = [
  ["trt", "cell type", "karno"],
  ...r.trt.map((t, i) => [t, CELL_TYPES[r.cell[i] - 1], r.karno[i]]),
];

const isNA = (cell: unknown) => cell instanceof CustomFunctionsError && cell.code === "#N/A";

function errorOf(result: unknown[][]): [string, string] {
  expect(result.length).toBe(1);
  const cell = result[0][0];
  expect(cell).toBeInstanceOf(CustomFunctionsError);
  return [(cell as CustomFunctionsError).code, (cell as CustomFunctionsError).message];
}

describe("RETAIN.COX_FIT", () => {
  test.each([
    [0, "efron"],
    [1, "breslow"],
  ] as const)(
    "ties %i: every figure of the stats block as R's coxph (%s), names above",
    (ties, name) => {
      const out = COX_FIT(DURATIONS, CHURNED, COVARIATES, ties, true) as unknown[][];
      expect(out.length).toBe(6);
      expect(out[0]).toEqual([
        "trt",
        "cell type = squamous",
        "cell type = adeno",
        "cell type = large",
        "karno",
      ]);
      const p = 5;
      const rows = r[`${name}_rows`];
      for (let k = 0; k < 4; k++)
        for (let j = 0; j < p; j++) {
          const expected = rows[k * p + j];
          const floor = k === 0 ? rows[p + j] : 1e-300; // a coefficient on its standard error's scale
          expect([k, j, isCloseTo(out[1 + k][j], expected, 1e-6, floor)]).toEqual([k, j, true]);
        }
      const last = r[`${name}_last`];
      last.forEach((v, j) => expect([j, isCloseTo(out[5][j], v, 1e-6)]).toEqual([j, true]));
    }
  );

  test("without stats: the coefficients alone; without a header row: no names", () => {
    const withNames = COX_FIT(DURATIONS, CHURNED, COVARIATES) as unknown[][];
    expect(withNames.length).toBe(2);
    const bare = COX_FIT(DURATIONS.slice(1), CHURNED.slice(1), COVARIATES.slice(1)) as unknown[][];
    expect(bare).toEqual([withNames[1]]);
  });

  test("fewer than five coefficients: stats rows are padded with #N/A to five columns, names with blanks", () => {
    const out = COX_FIT(
      DURATIONS,
      CHURNED,
      COVARIATES.map((row) => [row[0]]),
      0,
      1
    ) as unknown[][];
    expect(out.length).toBe(6);
    expect(out[0]).toEqual(["trt", "", "", "", ""]);
    for (let k = 1; k <= 4; k++) {
      expect(typeof out[k][0]).toBe("number");
      expect(out[k].slice(1).every(isNA)).toBe(true);
    }
    expect(out[5].every((v) => typeof v === "number")).toBe(true);
  });

  test("stats and ties take TRUE/FALSE and 1/0 alike; omitted ties is Efron", () => {
    const a = COX_FIT(DURATIONS, CHURNED, COVARIATES, 0, true);
    expect(COX_FIT(DURATIONS, CHURNED, COVARIATES, null, 1)).toEqual(a);
    expect(COX_FIT(DURATIONS, CHURNED, COVARIATES, [[0]], "TRUE")).toEqual(a);
    expect(COX_FIT(DURATIONS, CHURNED, COVARIATES, false, [[true]])).toEqual(a);
    expect(COX_FIT(DURATIONS, CHURNED, COVARIATES, true)).toEqual(
      COX_FIT(DURATIONS, CHURNED, COVARIATES, 1)
    );
    expect(COX_FIT(DURATIONS, CHURNED, COVARIATES, 0, false)).toEqual(
      COX_FIT(DURATIONS, CHURNED, COVARIATES)
    );
    expect(COX_FIT(DURATIONS, CHURNED, COVARIATES, 1)).not.toEqual(
      COX_FIT(DURATIONS, CHURNED, COVARIATES, 0)
    );
  });

  test("a whole column's empty tail (null on the web, 0 on older desktop builds) is left out", () => {
    const pad = (rows: unknown[][], blank: unknown) => [
      ...rows,
      ...Array.from({ length: 50 }, () => rows[0].map(() => blank)),
    ];
    const expected = COX_FIT(DURATIONS, CHURNED, COVARIATES, 0, true);
    expect(
      COX_FIT(pad(DURATIONS, null), pad(CHURNED, null), pad(COVARIATES, null), 0, true)
    ).toEqual(expected);
    expect(COX_FIT(pad(DURATIONS, 0), pad(CHURNED, 0), pad(COVARIATES, 0), 0, true)).toEqual(
      expected
    );
  });

  const problems: Array<[string, () => unknown[][], string, RegExp | string]> = [
    ["ties 2", () => COX_FIT(DURATIONS, CHURNED, COVARIATES, 2), "#NUM!", ""],
    [
      "stats a range",
      () => COX_FIT(DURATIONS, CHURNED, COVARIATES, 0, [[1], [0]]),
      "#VALUE!",
      /^stats must be TRUE or FALSE/,
    ],
    [
      "covariates of another length",
      () => COX_FIT(DURATIONS, CHURNED, COVARIATES.slice(1)),
      "#VALUE!",
      `covariates must have one row per customer, as durations (${n + 1}×1), not ${n}×3`,
    ],
    [
      "an error value in the covariates",
      () =>
        COX_FIT(
          DURATIONS,
          CHURNED,
          COVARIATES.map((row, i) =>
            i === 7 ? [row[0], new CustomFunctionsError("#N/A"), row[2]] : row
          )
        ),
      "#VALUE!",
      "covariates row 8: column 2 holds the error #N/A",
    ],
    [
      "an empty covariate",
      () =>
        COX_FIT(
          DURATIONS,
          CHURNED,
          COVARIATES.map((row, i) => (i === 3 ? [row[0], row[1], null] : row))
        ),
      "#VALUE!",
      "covariates row 4: column 3 is empty: every customer needs a value",
    ],
    ["no data", () => COX_FIT([[null]], [[null]], [[null]]), "#N/A", "no customers"],
  ];
  test.each(problems)("%s", (_, run, code, message) => {
    const [got, text] = errorOf(run());
    expect(got).toBe(code);
    if (message !== "") expect(text).toMatch(message);
  });

  test("a constant column and complete separation are #NUM! (Excel shows no message for #NUM!)", () => {
    const constant = COVARIATES.map((row, i) => (i === 0 ? [...row, "region"] : [...row, "EU"]));
    expect(errorOf(COX_FIT(DURATIONS, CHURNED, constant))[0]).toBe("#NUM!");
    const separated = COVARIATES.map((row, i) =>
      i === 0 ? [...row, "early"] : [...row, r.time[i - 1] < 50 ? 1 : 0]
    );
    expect(errorOf(COX_FIT(DURATIONS, CHURNED, separated))[0]).toBe("#NUM!");
  });

  test("on any cells: only numbers, names, blanks or proper errors, never an exception", () => {
    const u = seededRandom(4);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.oneof(anyCell, errorCell), { minLength: 60, maxLength: 60 }),
        fc.oneof(anyCell, fc.constant(undefined)),
        fc.oneof(anyCell, fc.constant(undefined)),
        (rows, cols, cells, ties, stats) => {
          // Mostly sensible survival data, with arbitrary cells dropped in here and there.
          const take = (k: number, fallback: unknown) =>
            u() < 0.15 ? cells[k % cells.length] : fallback;
          const d = Array.from({ length: rows }, (_, i) => [take(i, Math.ceil(u() * 10))]);
          const c = Array.from({ length: rows }, (_, i) => [take(i + 13, u() < 0.7 ? 1 : 0)]);
          const x = Array.from({ length: rows }, (_, i) =>
            Array.from({ length: cols }, (_, j) =>
              take(i * 3 + j + 29, u() < 0.5 ? ["a", "b"][i % 2] : u() * 5)
            )
          );
          const out = COX_FIT(d, c, x, ties, stats) as unknown[][];
          expect(Array.isArray(out) && out.length > 0).toBe(true);
          const width = out[0].length;
          for (const row of out) {
            expect(row.length).toBe(width);
            for (const cell of row)
              expect(
                (typeof cell === "number" && Number.isFinite(cell)) ||
                  typeof cell === "string" ||
                  cell instanceof CustomFunctionsError
              ).toBe(true);
          }
        }
      ),
      { numRuns: 400 }
    );
  });
});
