/**
 * `retention-report cohorts`: the "Cohort analysis" workbook (the sheet "Write analysis to sheet"
 * makes in Excel) from an orders or subscriptions file of any length, by the streaming JavaScript
 * model (csv-analysis.ts) or the warehouse SQL on DuckDB (duckdb-analysis.ts), read as every
 * data command reads its file (input-analysis.ts). Nothing is written on error.
 */
import { shownText } from "../model/errors";
import { analysisLabelsFor } from "../report/plans/analysis-labels";
import { analysisPlan } from "../report/plans/analysis-plan";
import { CohortsArguments, COHORTS_USAGE, parseCohortsArguments } from "./cohorts-arguments";
import { Command, inputPath, outputPath, writeAtomically } from "./command-io";
import { analyseInput } from "./input-analysis";

export const COHORTS_COMMAND: Command<CohortsArguments> = {
  name: "retention-report cohorts",
  usage: COHORTS_USAGE,
  parse: parseCohortsArguments,
  async run(args, io) {
    const input = inputPath(io, args.file!);
    const out = outputPath(io, args.out, args.force, [input]);
    // Rows dated after today are refused (or left out with --drop-future), and said once after.
    const { analysis, notices } = await analyseInput(args, input, io);
    const labels = analysisLabelsFor(args.zh ? "zh-CN" : "en");
    const plan = analysisPlan(analysis, { labels });
    const { renderPlanToXlsx } = await import("../report/renderers/render-xlsx");
    writeAtomically(out, await renderPlanToXlsx([plan]), args.force);
    for (const notice of notices) io.stderr(notice);
    const count = (n: number) => n.toLocaleString("en-US");
    return `Wrote ${shownText(args.out)}: sheet "${plan.sheetName}", ${count(analysis.rows)} ${args.shape} of ${count(analysis.ids.count)} customers.`;
  },
};
