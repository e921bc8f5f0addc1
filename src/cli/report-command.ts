/**
 * `retention-report`: writes the report workbook (the same sheet "Write to sheet" makes in Excel)
 * from a scenario file, or from the worked example.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Scenario, WORKED_EXAMPLE } from "../model/economics/scenario";
import { shownText } from "../model/errors";
import { decodeText } from "../model/reading/text-decoding";
import { ReportLabels, reportLabelsFor } from "../report/plans/report-labels";
import { buildReportPlan } from "../report/plans/report-plan";
import { parseScenarioJson } from "../scenarios/scenario-schema";
import { InputError, parseCommandLine } from "./arguments";
import { Command, CommandIo, inputPath, outputPath, writeAtomically } from "./command-io";

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
workbook from a CSV of any length (see retention-report cohorts --help).

retention-report plan --orders FILE | --subscriptions FILE [...]: next periods' customers and
revenue from the data's cohorts, with the model's range (see retention-report plan --help).`;

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
    labels: reportLabelsFor(common.zh ? "zh-CN" : "en"),
    help: common.help,
  };
}

/** A scenario file (UTF-8 or UTF-16, as the one decoder reads it), checked by the one schema. */
function readScenario(io: CommandIo, file: string): Scenario {
  let text: string;
  try {
    text = decodeText(readFileSync(inputPath(io, file, "scenario file")));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read scenario file ${file}: ${(error as Error).message}`);
  }
  try {
    return parseScenarioJson(text);
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
}

export const REPORT_COMMAND: Command<ReportArguments> = {
  name: "retention-report",
  usage: USAGE,
  parse: parseArguments,
  async run(args, io) {
    const scenario = args.scenarioFile ? readScenario(io, args.scenarioFile) : WORKED_EXAMPLE;
    const inputs = args.scenarioFile ? [resolve(io.cwd, args.scenarioFile)] : [];
    const out = outputPath(io, args.out, args.force, inputs);
    const plan = buildReportPlan(scenario, { labels: args.labels, date: io.now() });
    // ExcelJS takes a third of a second to load: only a run that writes a file pays for it.
    const { renderPlanToXlsx } = await import("../report/renderers/render-xlsx");
    writeAtomically(out, await renderPlanToXlsx([plan]), args.force);
    return `Wrote ${shownText(args.out)}: sheet "${plan.sheetName}", scenario "${shownText(scenario.name)}".`;
  },
};
