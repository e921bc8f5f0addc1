/**
 * `retention-report`: writes the report workbook (the same sheet "Write to sheet" makes in Excel)
 * from a scenario file, or from the worked example. Errors are one line on stderr, exit code 1
 * for bad input or an existing output, 2 for bad usage; nothing is written on error, and the
 * output appears whole or not at all (temporary file, then link/rename).
 */
import { existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { Scenario, WORKED_EXAMPLE } from "../model/economics/scenario";
import {
  CHINESE_REPORT_LABELS,
  ENGLISH_REPORT_LABELS,
  ReportLabels,
} from "../report/plans/report-labels";
import { buildReportPlan } from "../report/plans/report-plan";
import { oneLine, parseScenarioJson } from "../scenarios/scenario-schema";
import { InputError, parseCommandLine } from "./arguments";

export const DEFAULT_OUTPUT = "retention-report.xlsx";

export const USAGE = `Usage: retention-report [--scenario scenario.json] [--out report.xlsx] [--force] [--lang en|zh-CN]

Writes the customer-retention report workbook: inputs as values, every output a native Excel
formula with sheet-scoped names (New_Profit, Total_Profit, ...), a sensitivity grid.

  --scenario FILE   scenario JSON (default: the worked example). Form:
                    {"name": "...", "currency": "RUB", "segments": {
                      "new": {"marketingSpend": 1617000, "overheads": 500000, "customers": 75, "averageBill": 30000},
                      "returning": {"marketingSpend": 1328000, "overheads": 500000, "customers": 80, "averageBill": 30000}},
                     "retention": {"rate": 0.8, "startCustomers": 100, "linked": false},
                     "ltv": {"discountRate": 0.1, "periods": null, "timing": 0}}
                    ("retention" and "ltv" are optional)
  --out FILE        output workbook (default: ${DEFAULT_OUTPUT})
  --force           replace the output file if it exists
  --lang LANG       labels: en (default) or zh-CN
  -h, --help        show this help

Exit codes: 0 written, 1 bad scenario or existing output, 2 bad usage.

retention-report cohorts --orders FILE | --subscriptions FILE [...]: the cohort-analysis
workbook from a CSV of any length (see retention-report cohorts --help).`;

export interface CommandIo {
  stdout(line: string): void;
  stderr(line: string): void;
  cwd: string;
  now(): Date;
}

const defaultIo: CommandIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  now: () => new Date(),
};

export interface ReportArguments {
  scenarioFile?: string;
  out: string;
  force: boolean;
  labels: ReportLabels;
  help: boolean;
}

export function parseArguments(args: string[]): ReportArguments {
  let scenarioFile: string | undefined;
  const common = parseCommandLine(args, DEFAULT_OUTPUT, (flag, value) => {
    if (flag !== "--scenario") return false;
    scenarioFile = value();
    return true;
  });
  return {
    scenarioFile,
    out: common.out,
    force: common.force,
    labels: common.zh ? CHINESE_REPORT_LABELS : ENGLISH_REPORT_LABELS,
    help: common.help,
  };
}

function readScenario(file: string, shownAs: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read scenario file ${shownAs}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (error as Error).message}`
    );
  }
  try {
    return parseScenarioJson(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new InputError(`${shownAs}: ${(error as Error).message}`);
  }
}

/** Writes bytes to `target` whole or not at all; without `replace`, fails if `target` exists. */
export function writeAtomically(target: string, bytes: Uint8Array, replace: boolean): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temp, bytes, { flag: "wx" });
  try {
    if (replace) renameSync(temp, target);
    else linkSync(temp, target); // atomic "create only if absent": fails with EEXIST
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new InputError(`${target} already exists (use --force to replace it)`);
    throw error;
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}

/** Runs the command; `argv` is process.argv (node, script, ...args). Returns the exit code. */
export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  if (argv[2] === "cohorts") {
    const { cohortsMain } = await import("./cohorts-command");
    return cohortsMain(argv.slice(3), io, writeAtomically);
  }
  let args: ReportArguments;
  try {
    args = parseArguments(argv.slice(2));
  } catch (error) {
    io.stderr(`retention-report: ${oneLine((error as Error).message)} (see --help)`);
    return 2;
  }
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const scenario = args.scenarioFile
      ? readScenario(resolve(io.cwd, args.scenarioFile), args.scenarioFile)
      : WORKED_EXAMPLE;
    const out = resolve(io.cwd, args.out);
    if (existsSync(out) && !args.force)
      throw new InputError(`${args.out} already exists (use --force to replace it)`);
    const plan = buildReportPlan(scenario, { labels: args.labels, date: io.now() });
    // ExcelJS takes a third of a second to load: only a run that writes a file pays for it.
    const { renderPlanToXlsx } = await import("../report/renderers/render-xlsx");
    const bytes = await renderPlanToXlsx([plan]);
    writeAtomically(out, bytes, args.force);
    io.stdout(`Wrote ${args.out}: sheet "${plan.sheetName}", scenario "${scenario.name}".`);
    return 0;
  } catch (error) {
    io.stderr(`retention-report: ${oneLine((error as Error).message)}`);
    return 1;
  }
}
