/**
 * Which code makes "Your data"'s long main-thread tasks on Excel's 1,048,575 rows (a diagnostic
 * beside bench/pane/bench-data-view.ts, which times them): opens the built preview, runs the
 * sample data once, then picks the big CSV and prints its long tasks and its longest animation
 * frames with the scripts that filled them (Chromium's long-animation-frame entries).
 *   npx tsx scripts/profile-data-view.ts     (after npm run build)
 */
import { DIST, launchBrowser, serveStatic } from "../test/e2e/pane-harness";
import { bigOrdersCsv } from "../test/e2e/big-orders";
import { EXCEL_MAX_ROWS, openDataViewAfterSample } from "../bench/pane/bench-data-view";
import type { Profile, ProfileNode } from "./cpu-profile";

/** A long-animation-frame entry, as its toJSON() gives it. */
interface LongFrame {
  duration: number;
  startTime: number;
  blockingDuration?: number;
  styleAndLayoutStart?: number;
  scripts: {
    duration: number;
    invokerType: string;
    invoker: string;
    sourceFunctionName: string;
    sourceURL: string;
    sourceCharPosition: number;
    forcedStyleAndLayoutDuration?: number;
  }[];
}

async function main(): Promise<void> {
  const server = await serveStatic(DIST);
  const browser = await launchBrowser(server.origin);
  try {
    const page = await browser.context.newPage();
    await openDataViewAfterSample(page, server.origin);
    // Long animation frames name the scripts that filled them (invoker, function, position),
    // at no cost to the page; long tasks give the durations the bench reports.
    await page.evaluate(() => {
      const w = window as unknown as { __frames: unknown[]; __tasks: number[] };
      w.__frames = [];
      w.__tasks = [];
      new PerformanceObserver((list) =>
        w.__frames.push(...list.getEntries().map((e) => e.toJSON()))
      ).observe({ type: "long-animation-frame" });
      new PerformanceObserver((list) =>
        w.__tasks.push(...list.getEntries().map((e) => e.duration))
      ).observe({ type: "longtask" });
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 1000 });
    await cdp.send("Profiler.start");
    await page.getByTestId("csv-input").setInputFiles(bigOrdersCsv(EXCEL_MAX_ROWS));
    await page
      .getByTestId("data-summary")
      .filter({ hasText: `${EXCEL_MAX_ROWS.toLocaleString("en-US")} orders` })
      .waitFor({ timeout: 120_000 });
    await page
      .getByTestId("analysis-workbook-status")
      .waitFor({ state: "attached", timeout: 60_000 });
    await page.waitForTimeout(1_500);
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
    // Time by entry into the lazily loaded chunks: the outermost frame from any script but
    // taskpane.js (React's own), i.e. the component or callback that React called.
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const entries = new Map<string, number>();
    profile.samples.forEach((id, k) => {
      let outer: ProfileNode | null = null;
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const n = nodes.get(at)!;
        if (n.callFrame.url && !n.callFrame.url.endsWith("/taskpane.js")) outer = n;
      }
      if (!outer) return;
      const key = `${outer.callFrame.functionName || "(anonymous)"} ${outer.callFrame.url.replace(server.origin, "")}:${outer.callFrame.lineNumber}:${outer.callFrame.columnNumber}`;
      entries.set(key, (entries.get(key) ?? 0) + (profile.timeDeltas[k + 1] ?? 0) / 1000);
    });
    console.log("time inside the lazy chunks, by the outermost function React called:");
    for (const [key, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, 20))
      console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
    const { frames, tasks } = await page.evaluate(() => {
      const w = window as unknown as { __frames: LongFrame[]; __tasks: number[] };
      return { frames: w.__frames, tasks: w.__tasks };
    });
    console.log(
      `long tasks (ms): ${tasks
        .map((d) => d.toFixed(0))
        .sort((x, y) => Number(y) - Number(x))
        .join(" ")}`
    );
    for (const frame of [...frames]
      .sort((x, y) => y.duration - x.duration)
      .slice(0, Number(process.env.TOP ?? 5))) {
      console.log(
        `\nframe of ${frame.duration.toFixed(0)} ms (blocking ${(frame.blockingDuration ?? 0).toFixed(0)} ms, style and layout ${frame.styleAndLayoutStart ? (frame.startTime + frame.duration - frame.styleAndLayoutStart).toFixed(0) : "?"} ms):`
      );
      for (const script of [...frame.scripts].sort((x, y) => y.duration - x.duration).slice(0, 6))
        console.log(
          `  ${script.duration.toFixed(0).padStart(5)} ms  ${script.invokerType} ${script.invoker}  ` +
            `${script.sourceFunctionName} ${script.sourceURL.replace(server.origin, "")}@${script.sourceCharPosition}` +
            `  (layout forced ${(script.forcedStyleAndLayoutDuration ?? 0).toFixed(0)} ms)`
        );
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
