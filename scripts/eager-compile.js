/*
 * Build step (production builds; webpack.config.js runs it once dist/ is written): the first
 * screen's functions are compiled with taskpane.js, off the main thread.
 *
 * Why: V8 compiles a function the first time it is called, on the main thread. Opening the pane,
 * about 800 functions of taskpane.js run before the first screen is up, and compiling them took
 * 50-100 ms of the main thread in Chromium's traces. A function expression in parentheses is
 * one V8 expects to be called at once: it compiles it with the rest of the script, on the thread
 * that parses the download while Office.js still loads (the "PIFE" hint). The parentheses change
 * nothing else.
 *
 * Which functions: the ones the pane actually calls on its way to the first screen, as
 * Chromium's precise coverage reports them, in the built pane itself, served from the folder
 * just written, on a second opening (the first one remembers the host, as a user's does:
 * src/taskpane/host/remembered-host.ts). Wrapping every function instead compiles code the
 * first screen never runs, and the pane starts later (measured: bench/pane). Function
 * declarations cannot take the hint and are left as they are.
 *
 * Without Chromium the bundle is left as webpack wrote it (a warning says so): the pane works
 * the same, it only starts a little later. `npm test` and CI install Chromium first.
 */
const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require("fs");
const { tmpdir } = require("os");
const path = require("path");
const acorn = require("acorn");

const BUNDLE = "taskpane.js";
/** The pane is served under this origin inside the browser only (every request is answered here). */
const ORIGIN = "https://retain-build.localhost/";
const MIME = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json" };

/**
 * `source` with every function expression and arrow in `called` (V8 coverage ranges: [start,
 * end) offsets) in parentheses. Left alone: function declarations (nowhere to put the hint),
 * and methods, whose rewriting to `key: (function …)` made the pane start later when measured:
 * webpack's module factories are methods, and compiling them whole at once costs more than it
 * saves. Returns the new source and how many functions were wrapped.
 */
function parenthesize(source, called) {
  const wanted = new Set(called.map(([start, end]) => `${start}:${end}`));
  const ast = acorn.parse(source, { ecmaVersion: "latest", sourceType: "script" });
  const edits = []; // [offset, text], applied from the end
  const visit = (node, parent) => {
    const isMethod =
      parent &&
      (parent.type === "MethodDefinition" ||
        (parent.type === "Property" && (parent.method || parent.kind !== "init")));
    if (
      (node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression") &&
      !isMethod &&
      wanted.has(`${node.start}:${node.end}`)
    )
      edits.push([node.start, "("], [node.end, ")"]);
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === "string") visit(child, node);
      } else if (value && typeof value.type === "string") visit(value, node);
    }
  };
  visit(ast, null);
  // Applied from the end, so earlier offsets stay valid. Two edits share an offset only when
  // nested arrows end together (`a => b => c`), and both are ")".
  edits.sort((a, b) => b[0] - a[0]);
  let out = source;
  for (const [offset, text] of edits) out = out.slice(0, offset) + text + out.slice(offset);
  return { source: out, wrapped: edits.length / 2 };
}

/**
 * The functions of `dir`/taskpane.js the pane calls before its first screen is committed, as
 * [start, end) offsets: the pane opened twice in Chromium (the second opening is measured),
 * every request answered from `dir`, and Office.js's (`officeJs`, the address taskpane.html
 * names) from `dir`'s copy of it.
 */
async function firstScreenFunctions(dir, chromiumPath, officeJs) {
  const officeBase = officeJs.slice(0, officeJs.lastIndexOf("/") + 1);
  const { chromium } = require("playwright-core");
  const profile = mkdtempSync(path.join(tmpdir(), "retain-eager-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    headless: true,
    locale: "en-US",
    viewport: { width: 400, height: 900 },
  });
  try {
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      const file = url.startsWith(ORIGIN)
        ? path.join(dir, decodeURIComponent(new URL(url).pathname))
        : url.startsWith(officeBase)
          ? path.join(dir, "office-js", url.slice(officeBase.length).split("?")[0])
          : null;
      if (file && file.startsWith(dir) && existsSync(file))
        await route.fulfill({
          path: file,
          contentType: MIME[path.extname(file)] ?? "application/octet-stream",
        });
      else if (file) await route.fulfill({ status: 404, body: "" });
      else await route.abort();
    });
    const committed = () =>
      new MutationObserver((_, observer) => {
        if (document.querySelector("[data-testid=results-table]")) {
          window.__firstScreen = true;
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    await context.addInitScript(committed);
    // First opening: the pane waits for Office and remembers the host.
    const first = await context.newPage();
    await first.goto(`${ORIGIN}taskpane.html`);
    await first.waitForFunction(() => performance.getEntriesByName("pane:office-ready").length > 0);
    await first.close();
    // Second opening, measured from navigation to the first screen.
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.startPreciseCoverage", { callCount: true, detailed: false });
    await page.goto(`${ORIGIN}taskpane.html`);
    await page.waitForFunction(() => window.__firstScreen === true, null, { polling: "raf" });
    const { result } = await cdp.send("Profiler.takePreciseCoverage");
    const script = result.find((s) => s.url === `${ORIGIN}${BUNDLE}`);
    if (!script) throw new Error(`${BUNDLE} did not run`);
    return script.functions
      .map((f) => f.ranges[0])
      .filter((r) => r.count > 0)
      .map((r) => [r.startOffset, r.endOffset]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Rewrites `dir`/taskpane.js with its first screen's functions in parentheses. */
async function eagerCompileFirstScreen(dir, chromiumPath, officeJs) {
  const file = path.join(dir, BUNDLE);
  const source = readFileSync(file, "utf8");
  const called = await firstScreenFunctions(dir, chromiumPath, officeJs);
  const result = parenthesize(source, called);
  // The count at the end says the step ran (test/scripts/eager-compile.test.ts reads it).
  writeFileSync(
    file,
    `${result.source}\n/* first screen: ${result.wrapped} functions compiled with the script */\n`
  );
  return { called: called.length, wrapped: result.wrapped };
}

/** Webpack plugin: runs the step after a production build has written the pane. */
class EagerCompilePlugin {
  constructor({ outputDir, officeJs }) {
    this.outputDir = outputDir;
    this.officeJs = officeJs;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tapPromise("EagerCompilePlugin", async (compilation) => {
      const logger = compilation.getLogger("EagerCompilePlugin");
      if (compilation.errors.length > 0) return;
      const chromiumPath = require("./system-deps").chromiumPath();
      if (!existsSync(chromiumPath)) {
        logger.warn(
          `${chromiumPath} not found: ${BUNDLE} left as built (it starts a little later)`
        );
        return;
      }
      let counts;
      try {
        counts = await eagerCompileFirstScreen(this.outputDir, chromiumPath, this.officeJs);
      } catch (error) {
        // The pane as webpack wrote it still works; test/scripts/eager-compile.test.ts fails.
        logger.warn(`${BUNDLE} left as built: ${error.message.split("\n")[0]}`);
        return;
      }
      const { called, wrapped } = counts;
      logger.info(
        `${wrapped} of the ${called} functions the first screen calls compile with ${BUNDLE}`
      );
    });
  }
}

module.exports = {
  parenthesize,
  firstScreenFunctions,
  eagerCompileFirstScreen,
  EagerCompilePlugin,
};
