/**
 * Where the pane's first screen spends its main thread (a diagnostic, not a test): loads the
 * built taskpane.html (or PROFILE_DIST's) in Chromium under the V8 sampling profiler until the
 * results table is committed, and prints self time per script and the heaviest functions.
 *   npx tsx scripts/profile-first-screen.ts     (after npm run build; RUNS=3 by default)
 */
import path from "path";
import { DIST, launchBrowser, serveStatic } from "../test/e2e/pane-harness";
import type { Profile } from "./cpu-profile";

async function main(): Promise<void> {
  const root = process.env.PROFILE_DIST ? path.resolve(process.env.PROFILE_DIST) : DIST;
  const server = await serveStatic(root);
  const browser = await launchBrowser(server.origin);
  const runs = Number(process.env.RUNS ?? 3);
  const byUrl = new Map<string, number>();
  const byFunction = new Map<string, number>();
  try {
    for (let run = 0; run <= runs; run++) {
      const page = await browser.context.newPage();
      // A string, not a function: tsx would wrap a named function in a __name() the page lacks.
      // At interactive, a named busy wait the profile can find: samples after it are not counted.
      await page.addInitScript(`
        new MutationObserver((_, observer) => {
          if (document.querySelector("[data-testid=results-table]")) {
            window.__interactive = performance.now();
            observer.disconnect();
            (function interactiveMarker() {
              const until = performance.now() + 3;
              while (performance.now() < until);
            })();
          }
        }).observe(document, { childList: true, subtree: true });
      `);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await page.goto(`${server.origin}/taskpane.html`);
      await page.waitForFunction(
        () => (window as unknown as { __interactive?: number }).__interactive !== undefined
      );
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
      const interactive = await page.evaluate(
        () => (window as unknown as { __interactive: number }).__interactive
      );
      await page.close();
      if (run === 0) continue; // warm-up
      console.log(`run ${run}: interactive at ${interactive.toFixed(0)} ms`);
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      const end = profile.samples.findIndex(
        (id) => nodes.get(id)!.callFrame.functionName === "interactiveMarker"
      );
      if (end < 0) throw new Error("the profile has no interactiveMarker sample");
      profile.samples.slice(0, end).forEach((id, k) => {
        const node = nodes.get(id)!;
        const dt = (profile.timeDeltas[k] ?? 0) / 1000 / runs;
        const url =
          node.callFrame.url.replace(server.origin, "") || `(${node.callFrame.functionName})`;
        byUrl.set(url, (byUrl.get(url) ?? 0) + dt);
        const fn = `${node.callFrame.functionName || "(anonymous)"} ${url}:${node.callFrame.lineNumber}:${node.callFrame.columnNumber}`;
        byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log("\nself time per script (ms per load, until interactive):");
  for (const [url, t] of top(byUrl, 15)) console.log(`  ${t.toFixed(1).padStart(7)}  ${url}`);
  console.log("\nheaviest functions (self time, ms per load):");
  for (const [fn, t] of top(byFunction, 25)) console.log(`  ${t.toFixed(1).padStart(7)}  ${fn}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
