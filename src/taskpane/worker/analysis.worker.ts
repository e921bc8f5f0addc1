/**
 * The pane's analysis worker: reading and analysing a table runs here, off the UI thread, so the
 * pane stays responsive on a million rows. Loaded from the pane's own origin (the CSP's
 * script-src 'self' covers workers); it sends nothing anywhere but back to the pane.
 */
import { createAnalysisEngine } from "./analysis-engine";
import type { WorkerRequest, WorkerResponse } from "./protocol";

interface WorkerScope {
  postMessage(message: WorkerResponse, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = createAnalysisEngine((message, transfer) =>
  scope.postMessage(message, transfer ?? [])
);
// Requests are handled one after another, in the order they were sent.
let queue = Promise.resolve();
scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data));
};
