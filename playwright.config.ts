/**
 * End-to-end tests (test/e2e/*.e2e.ts) on Playwright Test, in Debian's Chromium: never a
 * downloaded browser (scripts/system-deps.js installs it; CHROMIUM_PATH points elsewhere).
 * Run after `npm run build` (they open the built pane in dist/): `npm run test:e2e`, or as
 * part of `npm test`. Failures keep a trace and a screenshot under test-results/e2e/<run>/
 * (`npx playwright show-trace test-results/e2e/<run>/<test>/trace.zip`; the list shows the paths).
 * The README's pictures go there too, so a run leaves the working tree as it was;
 * UPDATE_SCREENSHOTS=1 writes them to docs/ instead (test/e2e/pane-helpers.ts, screenshotPath).
 */
import { defineConfig } from "@playwright/test";
import { readdirSync, rmSync, statSync } from "fs";
import path from "path";
import { CHROMIUM, CHROMIUM_ARGS } from "./test/e2e/pane-harness";

// Each run keeps its traces and screenshots in a folder of its own: Playwright empties its
// output folder when a run starts, which would delete the artifacts of a run still going in
// the same checkout. Workers inherit the run's id through the environment. Runs older than a
// day are removed.
const RESULTS = path.join(__dirname, "test-results", "e2e");
process.env.E2E_RUN_ID ??= new Date().toISOString().replace(/[:.]/g, "-");
for (const old of safeList(RESULTS))
  if (Date.now() - statSync(path.join(RESULTS, old)).mtimeMs > 86_400_000)
    rmSync(path.join(RESULTS, old), { recursive: true, force: true });

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.e2e.ts",
  outputDir: path.join(RESULTS, process.env.E2E_RUN_ID),
  // A flaky check is a bug to find, never a retry to hide it.
  retries: 0,
  // Two shared cores and a LibreOffice check: one test at a time keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // Generous: the old runner had no per-check limit, and axe-core or 80 Tab presses on a shared,
  // loaded 2-core machine took 3 minutes under tracing; the limit only stops a hung test.
  timeout: 300_000,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    locale: "en-US",
    colorScheme: "light",
    viewport: { width: 760, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
