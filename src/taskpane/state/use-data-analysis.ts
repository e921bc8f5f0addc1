/**
 * "Your data": which table is open, how its columns are read, and the analysis the worker
 * computed from it. Opening a source reads its first rows, proposes a column match and starts
 * the analysis; every change of the match or of the options analyses again (the running one is
 * cancelled). Excel's rows are read here in blocks (host.tables) and handed to the worker as they
 * arrive; files and pasted text go to the worker whole and are parsed there.
 */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { DataShape } from "../../model/history/analysis";
import type { SizeRefusal } from "../../model/history/result-size";
import { ColumnRole, missingRoles } from "../../model/reading/column-matching";
import { LAYOUT_SAMPLE_ROWS, proposeLayout } from "../../model/reading/layout";
import {
  AnalysisCancelledError,
  AnalysisClient,
  AnalysisFailedError,
  WorkerLike,
} from "../worker/analysis-client";
import type { AnalysisSettings, AnalysisView, TableSource } from "../worker/protocol";
import { rowProblem, RowProblem } from "../worker/row-errors";
import type { RangeSource, ReadNote, WorkbookHost } from "../host/workbook-host";

/** Rows read to propose the column match and detect the date format: the model's one rule. */
const SAMPLE_ROWS = LAYOUT_SAMPLE_ROWS;

export type SourceOrigin = "file" | "paste" | "sample" | "selection" | "table";

export interface OpenedSource {
  origin: SourceOrigin;
  /** File name, table name or sheet address, for messages. */
  label: string;
  table: TableSource;
  /** The first rows (the header among them when there is one). */
  sample: unknown[][];
}

export type Phase =
  | { kind: "idle" }
  /** `note`: Excel refused a block as too large, and the read goes on in smaller blocks. */
  | { kind: "reading"; read: number; total: number; note?: ReadNote }
  | { kind: "analysing"; rows: number; fraction: number | null }
  | { kind: "done" }
  | { kind: "cancelled" }
  /** The selection or table holds nothing. */
  | { kind: "empty" }
  /** A bad cell (named by line or row and column), or any other failure's message. */
  | {
      kind: "failed";
      problem: RowProblem | null;
      message: string;
      multiArea?: string;
      /** The data's dates need a table larger than a sheet: the figures, for the pane's words. */
      tooLarge?: SizeRefusal;
    };

export interface DataAnalysisState {
  source: OpenedSource | null;
  settings: AnalysisSettings | null;
  phase: Phase;
  /**
   * The last analysis's view (`source` may already be a newer one, still loading). Panels that
   * ask the worker for more (the customer-lifetime fit) name its analysis (view.analysis).
   */
  view: AnalysisView | null;
  /** Required columns the match lacks: no analysis until the user picks them. */
  missing: ColumnRole[];
  openFile(file: File): void;
  openText(text: string, origin: "paste" | "sample", label: string): void;
  readWorkbook(source: RangeSource, label: string): void;
  changeSettings(patch: Partial<AnalysisSettings>): void;
  /** The match proposed for another shape (the user switched orders ↔ subscriptions). */
  changeShape(shape: DataShape): void;
  cancel(): void;
  client: AnalysisClient;
}

/** The settings proposed for a sample of rows: the model's layout (as the command line's), and the options kept. */
export function proposedSettings(
  sample: unknown[][],
  locale: string,
  shape?: DataShape,
  previous?: AnalysisSettings | null
): AnalysisSettings {
  return {
    ...proposeLayout(sample, locale, { shape }),
    unit: previous?.unit ?? "month",
    window: previous?.window ?? 1,
  };
}

export function useDataAnalysis(
  host: WorkbookHost,
  locale: string,
  createWorker: () => WorkerLike
): DataAnalysisState {
  const client = useMemo(() => new AnalysisClient(createWorker), [createWorker]);
  useEffect(() => () => client.dispose(), [client]);
  const [source, setSource] = useState<OpenedSource | null>(null);
  const [settings, setSettings] = useState<AnalysisSettings | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [view, setView] = useState<AnalysisView | null>(null);
  // Each analysis and each read has a number; answers for an older one are dropped.
  const run = useRef(0);
  const reading = useRef<AbortController | null>(null);

  const stopAll = useCallback(() => {
    run.current++;
    reading.current?.abort();
    reading.current = null;
    // Ending the worker costs a restart: only a busy one is ended; an idle one drops Excel's rows.
    if (client.busy) client.cancel();
    else client.clear();
  }, [client]);

  const opened = useCallback(
    // Not a transition: a Cancel clicked while a transition's render is still pending would be
    // followed by that render, and the new source would start its analysis after the Cancel.
    (next: OpenedSource) => {
      setSource(next);
      setSettings((previous) => proposedSettings(next.sample, locale, undefined, previous));
    },
    [locale]
  );

  const fail = useCallback((error: unknown) => {
    setPhase({
      kind: "failed",
      problem: null,
      message: error instanceof Error ? error.message : String(error),
    });
  }, []);

  const openFile = useCallback(
    (file: File) => {
      stopAll();
      const id = run.current;
      const table: TableSource = { kind: "file", file };
      setPhase({ kind: "analysing", rows: 0, fraction: 0 });
      client.inspect(table, SAMPLE_ROWS).then(
        (sample) =>
          id === run.current && opened({ origin: "file", label: file.name, table, sample }),
        (error) => id === run.current && fail(error)
      );
    },
    [client, opened, stopAll, fail]
  );

  const openText = useCallback(
    (text: string, origin: "paste" | "sample", label: string) => {
      stopAll();
      const id = run.current;
      const table: TableSource = { kind: "text", text };
      setPhase({ kind: "analysing", rows: 0, fraction: 0 });
      client.inspect(table, SAMPLE_ROWS).then(
        (sample) => id === run.current && opened({ origin, label, table, sample }),
        (error) => id === run.current && fail(error)
      );
    },
    [client, opened, stopAll, fail]
  );

  const readWorkbook = useCallback(
    (range: RangeSource, label: string) => {
      const tables = host.tables;
      if (!tables) return;
      stopAll();
      const id = run.current;
      const abort = new AbortController();
      reading.current = abort;
      const sample: unknown[][] = [];
      setSource(null);
      setView(null);
      setPhase({ kind: "reading", read: 0, total: 0 });
      tables
        .read(range, {
          signal: abort.signal,
          onBlock: (rows, firstRow) => {
            if (id !== run.current) return;
            for (let i = 0; i < rows.length && sample.length < SAMPLE_ROWS; i++)
              sample.push(rows[i]);
            client.append(rows, firstRow);
          },
          onProgress: (read, total, note) =>
            id === run.current &&
            setPhase(
              note ? { kind: "reading", read, total, note } : { kind: "reading", read, total }
            ),
        })
        .then(
          (result) => {
            if (id !== run.current) return;
            reading.current = null;
            if (result.rows === 0) {
              setPhase({ kind: "empty" });
              return;
            }
            opened({
              origin: range.kind === "table" ? "table" : "selection",
              label: result.address || label,
              table: { kind: "blocks" },
              sample,
            });
          },
          (error) => {
            if (id !== run.current) return;
            reading.current = null;
            if (abort.signal.aborted) setPhase({ kind: "cancelled" });
            else if (isMultiAreaSelection(error))
              // The view words it in the pane's language; `areas` are Excel's addresses.
              setPhase({
                kind: "failed",
                problem: null,
                message: error.message,
                multiArea: error.areas,
              });
            else fail(error);
          }
        );
    },
    [host, client, opened, stopAll, fail]
  );

  const missing = useMemo(() => (settings ? missingRoles(settings) : []), [settings]);

  // Analyse whenever the source or the settings change.
  useEffect(() => {
    if (!source || !settings || missing.length > 0) return;
    // A file or text is sent again with each request: an analysis still running for older
    // settings is ended rather than waited for. Excel's rows live in the worker: those wait.
    if (client.busy && source.table.kind !== "blocks") client.cancel();
    run.current++;
    const id = run.current;
    setPhase({ kind: "analysing", rows: 0, fraction: 0 });
    client
      .analyse(source.table, settings, (rows, fraction) => {
        if (id === run.current) setPhase({ kind: "analysing", rows, fraction });
      })
      .then(
        (result) => {
          if (id !== run.current) return;
          // A transition: React renders the views in slices, never one long task.
          startTransition(() => {
            setView(result);
            setPhase({ kind: "done" });
          });
        },
        (error) => {
          if (id !== run.current) return;
          if (error instanceof AnalysisCancelledError) return;
          setView(null);
          if (error instanceof AnalysisFailedError) {
            const headers = settings.hasHeader ? (source.sample[0] ?? null) : null;
            setPhase({
              kind: "failed",
              problem: rowProblem(error.cell, headers),
              message: error.message,
              ...(error.tooLarge ? { tooLarge: error.tooLarge } : {}),
            });
          } else fail(error);
        }
      );
  }, [client, source, settings, missing, fail]);

  const changeSettings = useCallback(
    (patch: Partial<AnalysisSettings>) =>
      setSettings((s) => (s ? { ...s, ...patch, columns: { ...s.columns, ...patch.columns } } : s)),
    []
  );

  const changeShape = useCallback(
    (shape: DataShape) => {
      if (!source) return;
      setSettings((previous) => proposedSettings(source.sample, locale, shape, previous));
    },
    [source, locale]
  );

  const cancel = useCallback(() => {
    const wasReading = reading.current !== null;
    stopAll();
    setView(null);
    // The worker held Excel's rows: after a cancel they must be read again.
    if (wasReading || source?.table.kind === "blocks") setSource(null);
    setPhase({ kind: "cancelled" });
  }, [stopAll, source]);

  return {
    source,
    settings,
    phase,
    view,
    missing,
    openFile,
    openText,
    readWorkbook,
    changeSettings,
    changeShape,
    cancel,
    client,
  };
}

/**
 * The table reader's MultiAreaSelectionError, known by its name: importing the class would pull
 * the reader (loaded on first use) into the pane's first download.
 */
function isMultiAreaSelection(error: unknown): error is Error & { areas: string } {
  return (
    error instanceof Error &&
    error.name === "MultiAreaSelectionError" &&
    typeof (error as { areas?: unknown }).areas === "string"
  );
}
