/**
 * `retention-report cohorts`: the "Cohort analysis" workbook (the sheet "Write analysis to sheet"
 * makes in Excel) from an orders or subscriptions file of any length, by the streaming JavaScript
 * model (csv-analysis.ts) or the warehouse SQL on DuckDB (duckdb-analysis.ts). Nothing is
 * written on error.
 */
import { analysisLabelsFor } from "../report/plans/analysis-labels";
import { analysisPlan } from "../report/plans/analysis-plan";
import { CohortsArguments, COHORTS_USAGE, parseCohortsArguments } from "./cohorts-arguments";
import { Command, inputPath, outputPath, writeAtomically } from "./command-io";
import { analyseCsv } from "./csv-analysis";
import { analyseWithDuckDb } from "./duckdb-analysis";

export const COHORTS_COMMAND: Command<CohortsArguments> = {
  name: "retention-report cohorts",
  usage: COHORTS_USAGE,
  parse: parseCohortsArguments,
  async run(args, io) {
    const file = args.file!;
    const input = inputPath(io, file);
    const out = outputPath(io, args.out, args.force);
    const analyse = args.engine === "duckdb" ? analyseWithDuckDb : analyseCsv;
    const analysis = await analyse(input, file, args);
    const labels = analysisLabelsFor(args.zh ? "zh-CN" : "en");
    const plan = analysisPlan(analysis, { labels });
    const { renderPlanToXlsx } = await import("../report/renderers/render-xlsx");
    writeAtomically(out, await renderPlanToXlsx([plan]), args.force);
    const count = (n: number) => n.toLocaleString("en-US");
    return `Wrote ${args.out}: sheet "${plan.sheetName}", ${count(analysis.rows)} ${args.shape} of ${count(analysis.ids.count)} customers.`;
  },
};
