/**
 * `retention-report plan` on the sample orders: the workbook's formulas, recalculated by
 * LibreOffice, are the model's plan at the flags' inputs; the one-line summary quotes the same
 * customers and range; bad flags are usage errors naming the flag; nothing is written on error.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main";
import { CommandIo } from "../../src/cli/command-io";
import { planForecast } from "../../src/model/plan/plan-model";
import { planBase } from "../../src/model/plan/plan-from-history";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import { usingLibreOffice } from "../support/libreoffice-suite";
import { sampleOrders } from "../report/analysis-support";
import { formulaResults } from "../support/xlsx-inspection";

usingLibreOffice();

const SAMPLE = resolve(__dirname, "../../samples/orders.csv");

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd,
    // The sample ends in 2025: "today" after it, so no order is in the future.
    now: () => new Date("2026-06-01T12:00:00Z"),
  };
  const code = await main(["node", "retention-report", ...args], io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

test("the plan workbook recalculates to the model's plan at the flags' inputs", async () => {
  const dir = mkdtempSync(join(tmpdir(), "plan-command-"));
  const r = await run(
    [
      "plan",
      "--orders",
      SAMPLE,
      "--new-customers",
      "40",
      "--growth",
      "1%",
      "--margin",
      "35%",
      "--cac",
      "60",
      "--uplift",
      "0.02",
    ],
    dir
  );
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const base = planBase(sampleOrders());
  const expected = planForecast({
    ...base,
    horizon: 12,
    newCustomers: Array.from({ length: 12 }, (_, i) => 40 * 1.01 ** i),
    revenuePerCustomer: base.revenuePerCustomer!,
    margin: 0.35,
    cac: 60,
    uplift: 0.02,
  });
  const round = (n: number) => Math.round(n).toLocaleString("en-US");
  expect(r.stdout).toMatch(
    new RegExp(
      `^Wrote plan\\.xlsx: sheet "Plan", ${round(expected.total[0])} customers in month 1 to ${round(expected.total[11])} in month 12 \\(80% range \\d+–\\d+\\), revenue [\\d,]+ USD over the 12 months\\. The same forecast made 12 months ago would have been off by \\d+\\.\\d% on average\\.$`
    )
  );
  const results = await formulaResults(
    await recalculateWithLibreOffice(new Uint8Array(readFileSync(join(dir, "plan.xlsx")))),
    0
  );
  // The plan table's Total (D) and Revenue (E) columns, period by period.
  const totals = [...results].filter(
    ([ref]) => /^D\d+$/.test(ref) && typeof results.get(ref) === "number"
  );
  const matched = expected.total.filter((t) =>
    totals.some(([, v]) => Math.abs((v as number) - t) < 1e-9 * t)
  );
  expect(matched).toHaveLength(12);
});

test("bad flags are usage errors naming the flag, and nothing is written", async () => {
  const dir = mkdtempSync(join(tmpdir(), "plan-command-"));
  for (const [flag, value] of [
    ["--margin", "130%"],
    ["--horizon", "0"],
    ["--uplift", "-1%"],
    ["--new-customers", "10,x"],
    ["--currency", "dollars"],
  ]) {
    const r = await run(["plan", "--orders", SAMPLE, flag, value], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^retention-report plan: ${flag} .*\\(see --help\\)$`));
  }
  expect(existsSync(join(dir, "plan.xlsx"))).toBe(false);
});

test("the README's plan example is what the command prints", async () => {
  const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8");
  const example = /```\n(npx retention-report plan [^\n]+\nWrote plan[^\n]+\n)+```/.exec(readme);
  expect(example).not.toBeNull();
  const lines = example![0].split("\n").slice(1, -1);
  expect(lines).toHaveLength(4);
  for (let i = 0; i < lines.length; i += 2) {
    const args = lines[i]
      .replace(/^npx retention-report /, "")
      .split(" ")
      .map((a) => (a === "samples/orders.csv" ? SAMPLE : a));
    const dir = mkdtempSync(join(tmpdir(), "plan-readme-"));
    const r = await run(args, dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(lines[i + 1]);
  }
});
