/**
 * "What goes with leaving" in the Your data view: which of the table's other columns the Cox
 * model takes (every column that does not look like an id, until the user ticks otherwise), and
 * the worker's fit (drivers-engine.ts). A new analysis, or a change of ticks, asks again.
 */
import { startTransition, useEffect, useMemo, useState } from "react";
import { AnalysisCancelledError, AnalysisClient } from "../worker/analysis-client";
import type { AnalysisSettings, AnalysisView, DriversView, TableSource } from "../worker/protocol";
import { otherColumns, SegmentColumn } from "./use-segments";

export type DriversPhase =
  | { kind: "none" }
  | { kind: "working" }
  | { kind: "done"; view: DriversView }
  | { kind: "failed"; message: string };

export interface DriversState {
  /** The table's other columns; none: the section is not shown. */
  columns: SegmentColumn[];
  phase: DriversPhase;
  /** Whether column `index` is ticked (the worker's default until the user ticks). */
  ticked(index: number): boolean;
  toggle(index: number, on: boolean): void;
}

export function useDrivers(
  client: AnalysisClient,
  table: TableSource | null,
  sample: readonly (readonly unknown[])[] | null,
  settings: AnalysisSettings | null,
  view: AnalysisView | null,
  letterName: (letter: string) => string
): DriversState {
  const columns = useMemo(
    () => (settings && sample ? otherColumns(settings, sample, letterName) : []),
    [settings, sample, letterName]
  );
  // null: the worker's default (every column but id-like ones).
  const [use, setUse] = useState<number[] | null>(null);
  const [phase, setPhase] = useState<DriversPhase>({ kind: "none" });
  const analysis = view?.analysis ?? null;
  useEffect(() => setUse(null), [table, analysis]);

  useEffect(() => {
    if (columns.length === 0 || analysis === null || !table || !settings) {
      setPhase({ kind: "none" });
      return;
    }
    if (use !== null && use.length === 0) {
      setPhase((p) =>
        p.kind === "done"
          ? {
              kind: "done",
              view: {
                ...p.view,
                columns: p.view.columns.map((c) => ({ ...c, used: false })),
                terms: [],
                problem: null,
              },
            }
          : { kind: "none" }
      );
      return;
    }
    let live = true;
    setPhase({ kind: "working" });
    client.drivers(table, settings, columns, use).then(
      (result) => live && startTransition(() => setPhase({ kind: "done", view: result })),
      (error: unknown) => {
        if (!live || error instanceof AnalysisCancelledError) return;
        setPhase({
          kind: "failed",
          message: error instanceof Error ? error.message : String(error),
        });
      }
    );
    return () => {
      live = false;
    };
    // Asked again for each analysis (its number) and each change of ticks.
  }, [client, analysis, use, columns.length]);

  const done = phase.kind === "done" ? phase.view : null;
  const ticked = (index: number) =>
    use !== null
      ? use.includes(index)
      : (done?.columns.find((c) => c.index === index)?.used ?? false);
  return {
    columns,
    phase,
    ticked,
    toggle(index, on) {
      const now = columns.map((c) => c.index).filter((i) => (i === index ? on : ticked(i)));
      setUse(now);
    },
  };
}
