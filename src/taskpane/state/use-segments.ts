/**
 * "Segment by" in the Your data view: which of the table's other columns (those the column
 * match did not take) is each customer's segment, the worker's comparison of the segments
 * (segment-engine.ts), and which segment the period retention and cohort views show. Choosing a
 * column asks the worker to read the source again with it; a new analysis asks again.
 */
import { startTransition, useEffect, useMemo, useState } from "react";
import { columnLetter } from "../../model/reading/column-letter";
import { SHAPE_ROLES } from "../../model/reading/column-matching";
import { AnalysisCancelledError, AnalysisClient } from "../worker/analysis-client";
import type { AnalysisSettings, AnalysisView, SegmentsView, TableSource } from "../worker/protocol";

/** A column the user can segment by: its index and how the pane names it. */
export interface SegmentColumn {
  index: number;
  name: string;
}

export type SegmentsPhase =
  | { kind: "none" }
  | { kind: "working" }
  | { kind: "done"; view: SegmentsView }
  | { kind: "failed"; message: string };

export interface SegmentsState {
  columns: SegmentColumn[];
  /** The chosen column's index, or null ("None"). */
  column: number | null;
  choose(column: number | null): void;
  phase: SegmentsPhase;
  /** The segment the period retention and cohort views show (its index), or null for all. */
  shown: number | null;
  show(segment: number | null): void;
  /** The view those sections draw: the chosen segment's, or the whole table's. */
  shownView: AnalysisView | null;
}

/**
 * The columns no role of the shape took, named by their title (with a header row) or by their
 * letter ("Column D").
 */
export function otherColumns(
  settings: AnalysisSettings,
  sample: readonly (readonly unknown[])[],
  letterName: (letter: string) => string
): SegmentColumn[] {
  const width = sample.reduce((n, row) => Math.max(n, row.length), 0);
  const taken = new Set(SHAPE_ROLES[settings.shape].map((role) => settings.columns[role]));
  const titles = settings.hasHeader ? (sample[0] ?? []) : [];
  const out: SegmentColumn[] = [];
  for (let i = 0; i < width; i++) {
    if (taken.has(i)) continue;
    const title = titles[i];
    const text = title === null || title === undefined ? "" : String(title).trim();
    out.push({ index: i, name: text !== "" ? text : letterName(columnLetter(i)) });
  }
  return out;
}

export function useSegments(
  client: AnalysisClient,
  table: TableSource | null,
  sample: readonly (readonly unknown[])[] | null,
  settings: AnalysisSettings | null,
  view: AnalysisView | null,
  letterName: (letter: string) => string
): SegmentsState {
  const columns = useMemo(
    () => (settings && sample ? otherColumns(settings, sample, letterName) : []),
    [settings, sample, letterName]
  );
  const [column, setColumn] = useState<number | null>(null);
  const [phase, setPhase] = useState<SegmentsPhase>({ kind: "none" });
  const [shown, setShown] = useState<number | null>(null);
  // Another table, or a match that took the column: back to "None".
  const chosen = column !== null && columns.some((c) => c.index === column) ? column : null;
  useEffect(() => setColumn(null), [table]);
  const analysis = view?.analysis ?? null;

  useEffect(() => {
    setShown(null);
    if (chosen === null || analysis === null || !table || !settings) {
      setPhase({ kind: "none" });
      return;
    }
    let live = true;
    setPhase({ kind: "working" });
    const name = columns.find((c) => c.index === chosen)?.name ?? "";
    client.segments(table, settings, chosen, name).then(
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
    // Asked again for each analysis (its number), not for each render of the same one.
  }, [client, chosen, analysis]);

  const segments = phase.kind === "done" ? phase.view.segments : [];
  const shownIndex = shown !== null && shown < segments.length ? shown : null;
  const shownView = shownIndex !== null ? segments[shownIndex].view : view;
  // The same object until one of these changes: the results it is passed to are memoised, and
  // an analysis's progress re-renders the tab many times a second.
  return useMemo(
    () => ({
      columns,
      column: chosen,
      choose: setColumn,
      phase,
      shown: shownIndex,
      show: setShown,
      shownView,
    }),
    [columns, chosen, phase, shownIndex, shownView]
  );
}
