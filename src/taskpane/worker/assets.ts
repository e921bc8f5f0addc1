/**
 * The worker and the sample files, as webpack builds them: `new URL(…, import.meta.url)` makes
 * webpack emit the file (or bundle the worker) into dist/ and give its URL, served from the
 * pane's own origin. The only module that uses import.meta (tests replace it).
 */
import type { DataShape } from "../../model/history/analysis";

export function createAnalysisWorker(): Worker {
  return new Worker(
    // @ts-expect-error import.meta: the type check runs as CommonJS; webpack resolves it.
    new URL("./analysis.worker.ts", import.meta.url)
  );
}

/** The repository's sample data (samples/*.csv), fetched from the pane's own origin. */
export function sampleUrl(shape: DataShape): string {
  return shape === "orders"
    ? // @ts-expect-error import.meta, as above
      new URL("../../../samples/orders.csv", import.meta.url).href
    : // @ts-expect-error import.meta, as above
      new URL("../../../samples/subscriptions.csv", import.meta.url).href;
}
