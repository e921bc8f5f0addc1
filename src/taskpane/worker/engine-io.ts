/**
 * How the worker's engines take rows and answer: the analysis engine owns the reading, and the
 * engines it hands requests to (segments, churn drivers) read through the same function. Kept
 * apart so those engines need nothing from the analysis engine itself.
 */
import type { Progress, RowSink } from "./row-sinks";
import type { TableSource, WorkerResponse } from "./protocol";

/** Sends an answer to the pane, with the buffers it may move instead of copying. */
export type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

/** Rows read from Excel, kept in the worker: the rows and the sheet row of the first. */
export interface Block {
  rows: unknown[][];
  firstRow: number;
}

/** Streams a source's rows (at most `limit` of them) into `sink`: every read the engine does. */
export type ReadRows = (
  source: TableSource,
  blocks: readonly Block[],
  sink: RowSink,
  progress: Progress,
  limit?: number
) => Promise<void>;
