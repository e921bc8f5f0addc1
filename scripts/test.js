/*
 * `npm test`: everything, in the order a fresh machine needs it.
 *   1. system programs the tests need (Chromium, LibreOffice, PostgreSQL), installed when missing;
 *   2. type check;
 *   3. production build (the tests load dist/ as Excel and the browser would);
 *   4. Jest: model, functions (unit, property, built bundle), manifest, report, scenarios,
 *      CLI, Office.js renderer against office-addin-mock, pane components, LibreOffice;
 *   5. end-to-end: the built pane in real Chromium, on Playwright Test (test/e2e/*.e2e.ts,
 *      playwright.config.ts).
 * Ends with one line "N passed, M failed" over all of it; exits non-zero on any failure.
 * `npm test -- <jest args>` runs only Jest with those arguments (after the build).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { ensureSystemDeps } = require("./system-deps");
const { ensurePostgres } = require("./postgres");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const totals = { passed: 0, failed: 0 };

function step(title, command, args, options = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: options.capture ? ["inherit", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    env: { ...process.env, ...options.env },
  });
  if (options.capture && result.stdout) process.stdout.write(result.stdout);
  console.log(
    `=== ${title}: ${result.status === 0 ? "ok" : "FAILED"} (${((Date.now() - started) / 1000).toFixed(0)} s)`
  );
  return result;
}

function main() {
  const jestArgs = process.argv.slice(2);
  try {
    ensureSystemDeps();
    ensurePostgres(); // the SQL tests run every query on a private PostgreSQL server too
  } catch (e) {
    console.error(`test: ${e.message}`);
    process.exit(1);
  }
  const check = step("type check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  if (check.status !== 0) totals.failed++;
  // The pane, the custom functions and the report command (dist/cli), as `npm run build`.
  const build = step("build", bin("webpack"), ["--mode", "production"]);
  if (build.status !== 0) {
    console.log("\n0 passed, 1 failed");
    process.exit(1);
  }

  const report = path.join(os.tmpdir(), `jest-report-${process.pid}.json`);
  const jest = step("jest", bin("jest"), ["--ci", "--json", `--outputFile=${report}`, ...jestArgs]);
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, "utf8"));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
    fs.rmSync(report);
  } else if (jest.status !== 0) {
    totals.failed++;
  }

  if (jestArgs.length === 0) {
    // Playwright Test (playwright.config.ts): the list reporter for people, the JSON one to count.
    const e2eReport = path.join(os.tmpdir(), `e2e-report-${process.pid}.json`);
    const e2e = step("e2e (Playwright Test)", bin("playwright"), ["test", "--reporter=list,json"], {
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
    });
    if (fs.existsSync(e2eReport)) {
      const { stats, errors = [] } = JSON.parse(fs.readFileSync(e2eReport, "utf8"));
      // Retries are off, so nothing is "flaky"; a skipped check is a check that did not run;
      // errors are failures outside any test (the config, a spec that does not load).
      const failed = stats.unexpected + stats.flaky + stats.skipped + errors.length;
      totals.passed += stats.expected;
      totals.failed += failed > 0 || e2e.status === 0 ? failed : 1;
      fs.rmSync(e2eReport);
    } else {
      totals.failed++; // Playwright did not even report
    }
  }

  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}

main();
