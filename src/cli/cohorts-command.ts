/**
 * `retention-report cohorts`: the "Cohort analysis" workbook (the sheet "Write analysis to sheet"
 * makes in Excel) from an orders or subscriptions file of any length, by the streaming JavaScript
 * model (csv-analysis.ts) or the warehouse SQL on DuckDB (duckdb-analysis.ts). Nothing is
 * written on error.
 */
import { statSync } from "node:fs";
import { shownText } from "../model/errors";
import { analysisLabelsFor } from "../report/plans/analysis-labels";
import { analysisPlan } from "../report/plans/analysis-plan";
import { CohortsArguments, COHORTS_USAGE, parseCohortsArguments } from "./cohorts-arguments";
import { InputError } from "./arguments";
import { Command, inputPath, outputPath, writeAtomically } from "./command-io";
import { analyseCsv, CSV_ROWS } from "./csv-analysis";
import { analyseWithDuckDb } from "./duckdb-analysis";
import { isParquetFile, PARQUET_ROWS } from "./parquet-rows";

export const COHORTS_COMMAND: Command<CohortsArguments> = {
  name: "retention-report cohorts",
  usage: COHORTS_USAGE,
  parse: parseCohortsArguments,
  async run(args, io) {
    const file = args.file!;
    const input = inputPath(io, file);
    const out = outputPath(io, args.out, args.force, [input]);
    // An empty file is refused alike by both engines, before either reads it.
    if (statSync(input).size === 0) throw new InputError(`${file}: no ${args.shape}`);
    const analysis =
      args.engine === "duckdb"
        ? await analyseWithDuckDb(input, file, args)
        : await analyseCsv(input, file, args, isParquetFile(input) ? PARQUET_ROWS : CSV_ROWS);
    const labels = analysisLabelsFor(args.zh ? "zh-CN" : "en");
    const plan = analysisPlan(analysis, { labels });
    const { renderPlanToXlsx } = await import("../report/renderers/render-xlsx");
    writeAtomically(out, await renderPlanToXlsx([plan]), args.force);
    const count = (n: number) => n.toLocaleString("en-US");
    return `Wrote ${shownText(args.out)}: sheet "${plan.sheetName}", ${count(analysis.rows)} ${args.shape} of ${count(analysis.ids.count)} customers.`;
  },
};
