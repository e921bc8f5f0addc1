/**
 * `retention-report plan`: the "Plan" workbook (docs/definitions.md §11) from an orders or
 * subscriptions file: the sBG fit of its cohorts, today's customers by cohort, the planned new
 * customers, revenue, margin, the model's range and a backtest. Nothing is written on error.
 */
import { shownText } from "../model/errors";
import { periodStart } from "../model/history/periods";
import { planForecast } from "../model/plan/plan-model";
import { planBacktest, planBase, planInterval } from "../model/plan/plan-from-history";
import { isoTextFromSerial } from "../model/reading/excel-dates";
import { planInputs, PlanState } from "../model/whatif/plan-whatif-model";
import { forecastLabelsFor } from "../report/plans/forecast-labels";
import { forecastPlan } from "../report/plans/forecast-plan";
import { Command, inputPath, outputPath, writeAtomically } from "./command-io";
import { analyseInput } from "./input-analysis";
import { PlanArguments, PLAN_USAGE, parsePlanArguments } from "./plan-arguments";

export const PLAN_COMMAND: Command<PlanArguments> = {
  name: "retention-report plan",
  usage: PLAN_USAGE,
  parse: parsePlanArguments,
  async run(args, io) {
    const input = inputPath(io, args.file!);
    const out = outputPath(io, args.out, args.force, [input]);
    const { analysis, notices } = await analyseInput(args, input, io);
    const base = planBase(analysis);
    const given = args.newCustomers;
    const state: PlanState = {
      alpha: base.alpha,
      beta: base.beta,
      cohorts: base.cohorts,
      horizon: args.horizon,
      newPerPeriod: given?.length === 1 ? given[0] : (analysis.latest?.newCustomers ?? 0),
      growth: args.growth,
      pasted: given && given.length > 1 ? given : null,
      acquisitionVolume: 1,
      revenuePerCustomer: args.revenue ?? base.revenuePerCustomer ?? 0,
      margin: args.margin,
      cac: args.cac,
      uplift: args.uplift,
    };
    if (args.revenue === null && base.revenuePerCustomer === null)
      notices.push(
        `${shownText(args.file!)}: no amounts, so the plan has no revenue; give it with --revenue`
      );
    const inputs = planInputs(state);
    const plan = planForecast(inputs);
    const interval =
      args.interval === null
        ? null
        : {
            level: args.interval,
            ...planInterval(base, inputs.newCustomers, args.horizon, args.interval),
          };
    const unit = analysis.range.unit;
    const sheet = forecastPlan(inputs, {
      labels: forecastLabelsFor(args.zh ? "zh-CN" : "en"),
      currency: args.currency,
      cohortNames: base.cohortPeriods.map((p) => isoTextFromSerial(periodStart(p, unit))),
      interval: interval && {
        level: interval.level,
        low: Array.from(interval.low),
        high: Array.from(interval.high),
      },
    });
    const { renderPlanToXlsx } = await import("../report/renderers/render-xlsx");
    writeAtomically(out, await renderPlanToXlsx([sheet]), args.force);
    notices.forEach((line) => io.stderr(line));
    const count = (n: number) => Math.round(n).toLocaleString("en-US");
    const last = args.horizon - 1;
    const range = interval
      ? ` (${Math.round(interval.level * 100)}% range ${count(interval.low[last])}–${count(interval.high[last])})`
      : "";
    const backtest = planBacktest(base.triangle, Math.min(12, args.horizon));
    const checked = backtest
      ? ` The same forecast made ${backtest.periods} ${unit}s ago would have been off by ${(backtest.meanAbsolutePercentageError * 100).toFixed(1)}% on average.`
      : "";
    const units = `${unit}${args.horizon === 1 ? "" : "s"}`;
    return `Wrote ${shownText(args.out)}: sheet "${sheet.sheetName}", ${count(plan.total[0])} customers in ${unit} 1 to ${count(plan.total[last])} in ${unit} ${args.horizon}${range}, revenue ${count(plan.revenueTotal)} ${args.currency} over the ${args.horizon} ${units}.${checked}`;
  },
};
