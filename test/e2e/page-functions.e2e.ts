/*
 * The custom functions in the shared runtime's page (taskpane.html): taskpane.js associates
 * every id in functions.json while the page loads (before DOMContentLoaded, i.e. in no callback
 * and after no await), the functions' code comes in the "custom-functions" chunk after the first
 * screen, and each function then answers as dist/functions.js (the manifest's functions script,
 * loaded alone in a bare runtime) answers the same arguments. Run after `npm run build`.
 */
import fc from "fast-check";
import { readFileSync } from "fs";
import path from "path";
import { isCloseTo } from "../support/close-to";
import { ErrorCode } from "../support/custom-functions-global";
import { loadFunctionsBundle } from "../support/load-bundle";
import { expect, test } from "./fixtures";
import { DIST } from "./pane-harness";

const ids = (
  JSON.parse(readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
    functions: { id: string }[];
  }
).functions.map((f) => f.id);

/** A result as the page hands it back: errors as their code and message, in both realms. */
function plain(result: unknown): unknown {
  const cell = (v: unknown) =>
    v instanceof Error || (typeof v === "object" && v !== null && "code" in v)
      ? { error: (v as Error & { code: string }).code, message: (v as Error).message }
      : v;
  return Array.isArray(result) ? result.map((row: unknown[]) => row.map(cell)) : cell(result);
}

/** Office.js's own table of associations (the custom-functions runtime reads it). */
type PageWindow = typeof window & {
  CustomFunctions: {
    _association: { mappings: Record<string, (...args: unknown[]) => unknown> };
  };
  __idsAtDomContentLoaded?: string[];
};

test("taskpane.html loads no functions.js; taskpane.js associates every function while the page loads", async ({
  page,
  openPane,
}) => {
  const html = readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  expect(html).not.toMatch(/functions\.js/);
  // Deferred scripts run before DOMContentLoaded: what is associated then was associated at load.
  await page.addInitScript(`
    if (window === window.top)
      document.addEventListener("DOMContentLoaded", () => {
        window.__idsAtDomContentLoaded =
          typeof CustomFunctions === "undefined" ? [] : Object.keys(CustomFunctions._association.mappings);
      });
  `);
  await openPane();
  const atLoad = await page.evaluate(() => (window as PageWindow).__idsAtDomContentLoaded);
  expect([...(atLoad ?? [])].sort()).toEqual(ids.map((id) => id.toUpperCase()).sort());
});

test("the functions' code arrives after the first screen, and each call answers as functions.js does", async ({
  page,
  openPane,
}) => {
  // Excel's custom-functions runtime provides CustomFunctions.Error and ErrorCode, which the
  // functions read; a browser outside Excel has neither. Office.js adds to this object.
  await page.addInitScript(`
    window.CustomFunctions = {
      Error: class extends Error {
        constructor(code, message) { super(message ?? ""); this.code = code; }
      },
      ErrorCode: ${JSON.stringify(ErrorCode)},
    };
  `);
  const chunk = page.waitForRequest(/\/custom-functions\.[0-9a-f]+\.js$/);
  await openPane();
  await chunk; // asked for once the pane is idle, with no function called
  // Asked for is not yet run: wait until a call answers synchronously (the chunk evaluated).
  await page.waitForFunction(() => {
    const fn = (window as PageWindow).CustomFunctions._association.mappings["CUSTOMER_COST"];
    return !(fn([[1000]], [[10]], null) instanceof Promise);
  });
  const bundle = loadFunctionsBundle();
  const cases = fc.sample(
    fc.record({
      start: fc.integer({ min: 1, max: 100_000 }),
      growth: fc.integer({ min: 0, max: 50_000 }),
      won: fc.integer({ min: 0, max: 20_000 }),
      spend: fc.double({ min: 1, max: 1e7, noNaN: true }),
      bill: fc.double({ min: 1, max: 1e4, noNaN: true }),
      retention: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      rate: fc.double({ min: 0, max: 0.5, noNaN: true }),
      cohort: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 4, maxLength: 10 }),
    }),
    12
  );
  for (const c of cases) {
    const survivors = c.cohort.reduce<number[]>(
      (acc, drop) => [...acc, Math.max(1, acc[acc.length - 1] - drop)],
      [5000]
    );
    const calls: [string, unknown[]][] = [
      ["RETENTION_RATE", [[[c.start]], [[c.start + c.growth]], [[Math.min(c.won, c.start)]], null]],
      ["CUSTOMER_COST", [[[c.spend]], [[Math.max(1, c.won)]], null]],
      ["LTV", [[[c.bill]], [[c.retention]], [[c.rate]], null, null]],
      ["SBG_FIT", [survivors.map((n) => [n]), [[survivors.length - 1]]]],
    ];
    for (const [id, args] of calls) {
      const expected = plain(bundle.registered.get(id)!(...bundle.inRealm(args)));
      const answer = await page.evaluate(
        ([name, values]) => {
          const fn = (window as PageWindow).CustomFunctions._association.mappings[name];
          const result = fn(...(values as unknown[]));
          const plainCell = (v: unknown) =>
            v instanceof Error
              ? { error: (v as Error & { code: string }).code, message: v.message }
              : v;
          // Once the code is in, a call runs synchronously, as in functions.js.
          return {
            isPromise: result instanceof Promise,
            result: Array.isArray(result)
              ? result.map((row: unknown[]) => row.map(plainCell))
              : plainCell(result),
          };
        },
        [id, args] as const
      );
      expect(answer.isPromise).toBe(false);
      // The same code in another engine (Chromium's, not Node's): a fit's last digits may differ.
      const got = answer.result as unknown[][];
      const want = expected as unknown[][];
      expect(got.map((row) => row.length)).toEqual(want.map((row) => row.length));
      want.forEach((row, i) =>
        row.forEach((value, j) => {
          if (typeof value !== "number") expect(got[i][j]).toEqual(value);
          // A fit stops within its own tolerance, and another engine's last bits of exp and log
          // move the stopping point (3.5e-9 relative was seen): 1e-6 for SBG_FIT's parameters.
          else if (id === "SBG_FIT")
            expect(isCloseTo(got[i][j], value, 1e-6, 1), `${id} [${i}][${j}]`).toBe(true);
          else expect(got[i][j]).toBeCloseToModel(value);
        })
      );
    }
  }
});
