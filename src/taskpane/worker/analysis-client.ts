/**
 * The pane's side of the analysis worker: requests as promises, progress as callbacks, and
 * Cancel as ending the worker (a worker busy with a million rows reads no messages; ending it
 * is immediate). A new worker starts on the next request.
 */
import type { CustomerLifetimeOptions } from "../../model/buyers/customer-lifetime";
import type { CellProblem } from "../../model/errors";
import type { SizeRefusal } from "../../model/history/result-size";
import type { SheetPlan } from "../../report/sheet-plan";
import type { Language } from "../i18n/strings";
import type {
  AnalysisSettings,
  AnalysisView,
  DriversView,
  ForecastSettings,
  ForecastView,
  LifetimeView,
  SegmentsView,
  TableSource,
  WorkerRequest,
  WorkerResponse,
} from "./protocol";

export class AnalysisCancelledError extends Error {
  constructor(message = "the analysis was cancelled") {
    super(message);
    this.name = "AnalysisCancelledError";
  }
}

/**
 * A request about an analysis the worker no longer holds (a newer one replaced it): as good as
 * cancelled, since the pane asks again about the view it shows now.
 */
export class AnalysisSupersededError extends AnalysisCancelledError {
  constructor() {
    super("a newer analysis replaced the one asked about");
    this.name = "AnalysisSupersededError";
  }
}

/**
 * The model's message for a table it cannot read, e.g. "dates row 5: 'abc' is not a date", and
 * the bad cell as data when it named one.
 */
export class AnalysisFailedError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly cell: CellProblem | null = null,
    readonly tooLarge: SizeRefusal | null = null
  ) {
    super(message);
    this.name = "AnalysisFailedError";
  }
}

/** The worker as the client needs it (tests give an in-process stand-in). */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

interface Pending {
  resolve: (response: WorkerResponse) => void;
  reject: (error: Error) => void;
  onProgress?: (rows: number, fraction: number | null) => void;
}

export class AnalysisClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly createWorker: () => WorkerLike) {}

  private start(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.failAll(new Error(event.message || "the analysis worker failed"));
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private receive(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    if (response.type === "progress") {
      pending.onProgress?.(response.rows, response.fraction);
      return;
    }
    this.pending.delete(response.id);
    if (response.type === "failed")
      pending.reject(new AnalysisFailedError(
          response.message,
          response.code,
          response.cell,
          response.tooLarge ?? null
        ));
    else pending.resolve(response);
  }

  private request(
    make: (id: number) => WorkerRequest,
    onProgress?: Pending["onProgress"]
  ): Promise<WorkerResponse> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage(make(id));
    });
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }

  /** Whether a request is still open. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** The first rows of a source: its header and a sample, for the column match. */
  async inspect(source: TableSource, rows = 50): Promise<unknown[][]> {
    const response = await this.request((id) => ({ type: "inspect", id, source, rows }));
    return response.type === "inspected" ? response.rows : [];
  }

  /** Rows read from Excel, kept by the worker until the next clear(). */
  append(rows: unknown[][], firstRow: number): void {
    this.start().postMessage({ type: "append", rows, firstRow });
  }

  clear(): void {
    this.worker?.postMessage({ type: "clear" });
  }

  async analyse(
    source: TableSource,
    settings: AnalysisSettings,
    onProgress?: (rows: number, fraction: number | null) => void
  ): Promise<AnalysisView> {
    const response = await this.request(
      (id) => ({ type: "analyse", id, source, settings }),
      onProgress
    );
    if (response.type !== "analysed") throw new Error("unexpected answer from the worker");
    return response.view;
  }

  /** The analysis sheet's plan for the last analysis. */
  async plan(language: Language): Promise<SheetPlan> {
    const response = await this.request((id) => ({ type: "plan", id, language }));
    if (response.type !== "planned") throw new Error("unexpected answer from the worker");
    return response.plan;
  }

  /**
   * BG/NBD and Gamma-Gamma fitted to the orders analysis `analysis` (AnalysisView.analysis)
   * read: the worker fits them without reading the source again. Rejects with
   * AnalysisSupersededError when a newer analysis has replaced that one.
   */
  async lifetime(analysis: number, options: CustomerLifetimeOptions): Promise<LifetimeView> {
    const response = await this.request((id) => ({ type: "lifetime", id, analysis, options }));
    if (response.type === "superseded") throw new AnalysisSupersededError();
    if (response.type !== "lifetime") throw new Error("unexpected answer from the worker");
    return response.view;
  }

  /** The per-customer lifetime sheet's plan for the last lifetime fit. */
  async lifetimePlan(language: Language): Promise<SheetPlan> {
    const response = await this.request((id) => ({ type: "lifetimePlan", id, language }));
    if (response.type !== "planned") throw new Error("unexpected answer from the worker");
    return response.plan;
  }

  /**
   * The plan from the analysis `analysis` (AnalysisView.analysis): the worker forecasts from the
   * sBG fit of that analysis's cohorts. Rejects with AnalysisSupersededError when a newer analysis
   * has replaced that one.
   */
  async forecast(analysis: number, settings: ForecastSettings): Promise<ForecastView> {
    const response = await this.request((id) => ({ type: "forecast", id, analysis, settings }));
    if (response.type === "superseded") throw new AnalysisSupersededError();
    if (response.type !== "forecast") throw new Error("unexpected answer from the worker");
    return response.view;
  }

  /** The "Plan" sheet's plan for the last forecast. */
  async forecastPlan(language: Language, currency: string): Promise<SheetPlan> {
    const response = await this.request((id) => ({ type: "forecastPlan", id, language, currency }));
    if (response.type !== "planned") throw new Error("unexpected answer from the worker");
    return response.plan;
  }

  /** The source read again with `column` as each customer's segment, compared (segment-engine.ts). */
  async segments(
    source: TableSource,
    settings: AnalysisSettings,
    column: number,
    name: string
  ): Promise<SegmentsView> {
    const response = await this.request((id) => ({
      type: "segments",
      id,
      source,
      settings,
      column,
      name,
    }));
    if (response.type !== "segments") throw new Error("unexpected answer from the worker");
    return response.view;
  }

  /** The segment comparison sheet's plan for the last segments, RMST up to `horizon`. */
  async segmentPlan(language: Language, horizon: number): Promise<SheetPlan> {
    const response = await this.request((id) => ({ type: "segmentPlan", id, language, horizon }));
    if (response.type !== "planned") throw new Error("unexpected answer from the worker");
    return response.plan;
  }

  /** The source read again for the Cox model on the other columns (drivers-engine.ts). */
  async drivers(
    source: TableSource,
    settings: AnalysisSettings,
    columns: { index: number; name: string }[],
    use: number[] | null
  ): Promise<DriversView> {
    const response = await this.request((id) => ({
      type: "drivers",
      id,
      source,
      settings,
      columns,
      use,
    }));
    if (response.type !== "drivers") throw new Error("unexpected answer from the worker");
    return response.view;
  }

  /** Ends whatever the worker is doing; every open request fails with AnalysisCancelledError. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new AnalysisCancelledError());
  }

  dispose(): void {
    this.cancel();
  }
}
