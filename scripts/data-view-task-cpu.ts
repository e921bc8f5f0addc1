/**
 * "Your data"'s longest main-thread tasks by the main thread's own CPU time (a trace's thread
 * duration), which other processes on a busy machine do not stretch as they stretch wall time:
 * an A/B of builds where bench-data-view.ts's wall-clock long tasks are drowned by the load.
 *   DISTS=dist,/tmp/dist-before RUNS=3 npx tsx scripts/data-view-task-cpu.ts
 */
import path from "path";
import { launchBrowser, serveStatic } from "../test/e2e/pane-harness";
import { bigOrdersCsv } from "../test/e2e/big-orders";
import { EXCEL_MAX_ROWS, openDataViewAfterSample } from "../bench/pane/bench-data-view";

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

async function longestTasks(
  dist: string,
  file: string
): Promise<{ cpu: number[]; wall: number[] }> {
  const server = await serveStatic(dist);
  const browser = await launchBrowser(server.origin);
  try {
    const page = await browser.context.newPage();
    await openDataViewAfterSample(page, server.origin);
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) =>
      cdp.once("Tracing.tracingComplete", () => resolve())
    );
    await cdp.send("Tracing.start", {
      transferMode: "ReportEvents",
      traceConfig: { includedCategories: ["toplevel", "devtools.timeline"] },
    });
    await page.getByTestId("csv-input").setInputFiles(file);
    await page
      .getByTestId("data-summary")
      .filter({ hasText: `${EXCEL_MAX_ROWS.toLocaleString("en-US")} orders` })
      .waitFor({ timeout: 180_000 });
    await page
      .getByTestId("analysis-workbook-status")
      .waitFor({ state: "attached", timeout: 60_000 });
    await page.waitForTimeout(1_500);
    await cdp.send("Tracing.end");
    await complete;
    if (process.env.DEBUG)
      console.log([...new Set(events.map((e) => `${e.ph} ${e.name}`))].slice(0, 40).join("; "));
    const mainThreads = new Set(
      events
        .filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain")
        .map((e) => `${e.pid}:${e.tid}`)
    );
    const tasks = events.filter(
      (e) =>
        e.name === "ThreadControllerImpl::RunTask" &&
        e.ph === "X" &&
        mainThreads.has(`${e.pid}:${e.tid}`)
    );
    if (process.env.INSIDE)
      for (const task of [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 2)) {
        const end = task.ts + (task.dur ?? 0);
        const inside = events.filter(
          (e) =>
            e !== task &&
            e.ph === "X" &&
            e.pid === task.pid &&
            e.tid === task.tid &&
            e.ts >= task.ts &&
            e.ts + (e.dur ?? 0) <= end &&
            (e.tdur ?? 0) > 5000
        );
        console.log(`task of ${((task.tdur ?? 0) / 1000).toFixed(0)} ms CPU:`);
        for (const e of inside) {
          const d = (e.args?.data ?? {}) as Record<string, unknown>;
          console.log(
            `  ${((e.tdur ?? 0) / 1000).toFixed(0).padStart(5)} ms  ${e.name} ${String(d.type ?? "")} ${String(d.functionName ?? "")} ${String(d.url ?? "").replace(server.origin, "")}:${String(d.lineNumber ?? "")}:${String(d.columnNumber ?? "")}`
          );
        }
      }
    const top = (xs: number[]) =>
      xs
        .sort((a, b) => b - a)
        .slice(0, 5)
        .map((x) => x / 1000);
    return { cpu: top(tasks.map((t) => t.tdur ?? 0)), wall: top(tasks.map((t) => t.dur ?? 0)) };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  const dists = (process.env.DISTS ?? "dist").split(",").map((d) => path.resolve(d));
  const runs = Number(process.env.RUNS ?? 3);
  const file = bigOrdersCsv(EXCEL_MAX_ROWS);
  const results = new Map<string, number[]>(dists.map((d) => [d, []]));
  for (let run = 0; run < runs; run++)
    for (const dist of dists) {
      const { cpu, wall } = await longestTasks(dist, file);
      results.get(dist)!.push(cpu[0]);
      console.log(
        `${dist}: longest tasks by CPU ${cpu.map((x) => x.toFixed(0)).join(" ")} ms; by wall time ${wall.map((x) => x.toFixed(0)).join(" ")} ms`
      );
    }
  for (const [dist, longest] of results) {
    const sorted = [...longest].sort((a, b) => a - b);
    console.log(
      `${dist}: longest task's CPU time, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, worst ${sorted[sorted.length - 1].toFixed(0)} ms`
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
