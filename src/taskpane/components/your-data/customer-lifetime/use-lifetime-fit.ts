import { startTransition, useEffect, useRef, useState } from "react";
import type { CustomerLifetimeOptions } from "../../../../model/buyers/customer-lifetime";
import { AnalysisCancelledError, AnalysisClient } from "../../../worker/analysis-client";
import type { LifetimeView } from "../../../worker/protocol";
import type { OpportunityUnit } from "../../../../model/buyers/customer-lifetime";
import type { LifetimeUnit } from "../../../state/customer-lifetime-settings";

export type LifetimeFit =
  { kind: "fitting"; rows: number } | { kind: "done" } | { kind: "failed"; message: string };

/** The last fit shown, with the unit it was asked in. */
export interface ShownFit {
  view: LifetimeView;
  /** BG/BB's figures are in its opportunity. */
  unit: LifetimeUnit | OpportunityUnit;
}

/**
 * Asks the worker for a fit whenever `wanted` (the unit and options, as JSON; null while an input
 * is invalid) or the analysis on screen changes (the worker fits the orders that analysis
 * read, without reading them again), and keeps the last fit on screen while the next one runs.
 */
export function useLifetimeFit(
  client: AnalysisClient,
  analysis: number,
  wanted: string | null
): { fit: LifetimeFit; shown: ShownFit | null } {
  const [fit, setFit] = useState<LifetimeFit>({ kind: "fitting", rows: 0 });
  // A refit is not a blank panel.
  const [shown, setShown] = useState<ShownFit | null>(null);
  // The analysis the last request asked about: another analysis's fit is not this one's.
  const asked = useRef<{ client: AnalysisClient; analysis: number }>(null);

  useEffect(() => {
    if (wanted === null) return;
    let live = true;
    const last = asked.current;
    asked.current = { client, analysis };
    // Other orders: the last fit is not theirs.
    if (last?.client !== client || last.analysis !== analysis) setShown(null);
    const { unit, options } = JSON.parse(wanted) as {
      unit: LifetimeUnit | OpportunityUnit;
      options: CustomerLifetimeOptions;
    };
    setFit({ kind: "fitting", rows: 0 });
    client.lifetime(analysis, options).then(
      (view) => {
        if (!live) return;
        // A transition: the tables and the chart render without one long main-thread task.
        startTransition(() => {
          setShown({ view, unit });
          setFit({ kind: "done" });
        });
      },
      (error: unknown) => {
        // A new analysis ended the worker or replaced this one: the panel asks again with its view.
        if (!live || error instanceof AnalysisCancelledError) return;
        setShown(null);
        setFit({
          kind: "failed",
          message: error instanceof Error ? error.message : String(error),
        });
      }
    );
    return () => {
      live = false;
    };
  }, [client, analysis, wanted]);

  return { fit, shown };
}
