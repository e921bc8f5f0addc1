/**
 * The worker's side of the Plan view: keeps the last analysis's plan base (the sBG fit of its
 * cohort triangle), answers each forecast with the plan, the model's range and the backtest
 * (docs/definitions.md §11), and builds the "Plan" sheet from the last forecast. The range's
 * simulation is the heavy part, so it runs here, off the pane's thread.
 */
import type { AnalysisTables } from "../../model/history/analysis";
import { periodOf, periodStart } from "../../model/history/periods";
import { planBacktest, planBase, PlanBase, planInterval } from "../../model/plan/plan-from-history";
import { planForecast, PlanInputs } from "../../model/plan/plan-model";
import { isoTextFromSerial } from "../../model/reading/excel-dates";
import { planInputs } from "../../model/whatif/plan-whatif-model";
import type { ForecastRequest, ForecastView, WorkerResponse } from "./protocol";
import { failure } from "./row-sinks";

type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

export interface AnalysedTables {
  analysis: number;
  tables: AnalysisTables;
}

export interface ForecastHandler {
  /** The last analysis (null while one runs or after one failed). */
  keep(analysed: AnalysedTables | null): void;
  handle(request: ForecastRequest): Promise<void>;
}

export function createForecastHandler(post: Post): ForecastHandler {
  let analysed: AnalysedTables | null = null;
  let base: PlanBase | null = null;
  let last: { inputs: PlanInputs; view: ForecastView; cohortNames: string[] } | null = null;
  return {
    keep(next) {
      analysed = next;
      base = null;
      last = null;
    },
    async handle(request) {
      try {
        if (request.type === "forecast") {
          last = null;
          if (analysed?.analysis !== request.analysis) {
            post({ type: "superseded", id: request.id });
            return;
          }
          const tables = analysed.tables;
          base ??= planBase(tables);
          const s = request.settings;
          const newPerPeriod = s.newPerPeriod ?? tables.latest?.newCustomers ?? 0;
          const revenuePerCustomer = s.revenuePerCustomer ?? base.revenuePerCustomer ?? 0;
          const inputs = planInputs({
            ...base,
            horizon: s.horizon,
            newPerPeriod,
            growth: s.growth,
            pasted: s.pasted,
            acquisitionVolume: 1,
            revenuePerCustomer,
            margin: s.margin,
            cac: s.cac,
            uplift: s.uplift,
          });
          const plan = planForecast(inputs);
          const interval =
            s.level === null ? null : planInterval(base, inputs.newCustomers, s.horizon, s.level);
          const backtest = planBacktest(base.triangle, Math.min(12, s.horizon));
          const unit = tables.range.unit;
          const now = periodOf(tables.lastDay, unit);
          const view: ForecastView = {
            alpha: base.alpha,
            beta: base.beta,
            firstStart: periodStart(Math.max(now, tables.range.last) + 1, unit),
            unit,
            newPerPeriod,
            revenuePerCustomer,
            dataRevenue: base.revenuePerCustomer !== null,
            existing: plan.existing,
            added: plan.added,
            total: plan.total,
            revenue: plan.revenue,
            margin: plan.margin,
            revenueTotal: plan.revenueTotal,
            marginTotal: plan.marginTotal,
            level: interval ? s.level : null,
            low: interval?.low ?? null,
            high: interval?.high ?? null,
            ltvToCac: plan.ltvToCac[0],
            cohortLtvToCac: plan.ltvToCac,
            paybackPeriods: plan.paybackPeriods,
            backtest: backtest && {
              periods: backtest.periods,
              error: backtest.meanAbsolutePercentageError,
            },
            cohorts: base.cohorts.map(({ age, customers }) => ({ age, customers })),
            settings: s,
          };
          const cohortNames = base.cohortPeriods.map((p) =>
            isoTextFromSerial(periodStart(p, unit))
          );
          last = { inputs, view, cohortNames };
          // Copies go to the pane: the plan sheet keeps its own arrays here.
          post({ type: "forecast", id: request.id, view: { ...view } });
          return;
        }
        if (!last) throw new Error("no plan to write");
        const { forecastPlan } = await import(
          /* webpackChunkName: "forecast-plan" */ "../../report/plans/forecast-plan"
        );
        const { forecastLabelsFor } = await import(
          /* webpackChunkName: "forecast-plan" */ "../../report/plans/forecast-labels"
        );
        const { view } = last;
        const plan = forecastPlan(last.inputs, {
          labels: forecastLabelsFor(request.language),
          currency: request.currency,
          cohortNames: last.cohortNames,
          interval:
            view.level !== null && view.low && view.high
              ? { level: view.level, low: Array.from(view.low), high: Array.from(view.high) }
              : null,
        });
        post({ type: "planned", id: request.id, plan });
      } catch (error) {
        post(failure(request.id, error));
      }
    },
  };
}
