import { startTransition, useEffect, useState } from "react";
import { AnalysisCancelledError, AnalysisClient } from "../worker/analysis-client";
import type { ForecastSettings, ForecastView } from "../worker/protocol";

export type ForecastState =
  | { kind: "forecasting" }
  | { kind: "done"; view: ForecastView }
  | { kind: "failed"; message: string };

/**
 * Asks the worker for the plan whenever `wanted` (the settings as JSON; null while an input is
 * invalid) or the analysis on screen changes; keeps the last plan on screen while the next runs.
 */
export function useForecast(
  client: AnalysisClient,
  analysis: number,
  wanted: string | null
): { state: ForecastState; shown: ForecastView | null } {
  const [state, setState] = useState<ForecastState>({ kind: "forecasting" });
  const [shown, setShown] = useState<ForecastView | null>(null);
  useEffect(() => {
    if (wanted === null) return;
    let live = true;
    setState({ kind: "forecasting" });
    client.forecast(analysis, JSON.parse(wanted) as ForecastSettings).then(
      (view) => {
        if (!live) return;
        startTransition(() => {
          setShown(view);
          setState({ kind: "done", view });
        });
      },
      (error: unknown) => {
        if (!live || error instanceof AnalysisCancelledError) return;
        setShown(null);
        setState({
          kind: "failed",
          message: error instanceof Error ? error.message : String(error),
        });
      }
    );
    return () => {
      live = false;
    };
  }, [client, analysis, wanted]);
  return { state, shown };
}
