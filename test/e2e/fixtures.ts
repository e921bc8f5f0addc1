/**
 * Playwright Test fixtures for the built pane. A new spec file is `test/e2e/<name>.e2e.ts`:
 *
 *   import { test } from "./fixtures";
 *   test("my view shows …", async ({ page, openPane }) => {
 *     await openPane("?lang=zh-CN");
 *     …
 *   });
 *
 * Every test gets: dist/ served on 127.0.0.1 (one server per worker), Office.js's CDN answered
 * from dist/office-js, any other request aborted, and, after the test, a failure if a page
 * threw an uncaught error or asked for anything besides the local server and Office.js.
 */
import { expect as baseExpect, test as base, Page } from "@playwright/test";
import { existsSync } from "fs";
import path from "path";
import { isCloseTo } from "../support/close-to";
import { DIST, routeOfficeJsLocally, serveStatic } from "./pane-harness";

export interface PaneFixtures {
  /** The origin dist/ is served from, e.g. http://127.0.0.1:41234. */
  origin: string;
  /** Opens taskpane.html (with an optional query such as "?lang=zh-CN") and waits until the pane is whole. */
  openPane: (query?: string) => Promise<void>;
  /** URLs pages asked for that are neither the local server nor Office.js's CDN (each was aborted). */
  foreignRequests: string[];
  /** Uncaught errors thrown in any page of the test. */
  pageErrors: string[];
}

/** Opens the pane and waits for it as the user ends up seeing it. */
export async function openPaneAt(page: Page, origin: string, query = ""): Promise<void> {
  await page.goto(`${origin}/taskpane.html${query}`);
  await page
    .getByRole("table", { name: /Economics by customer segment|按客户群划分的经济指标/ })
    .waitFor({ timeout: 20_000 });
  // The sections below the results are a lazily loaded chunk: wait for the pane as the user ends up seeing it.
  await page.getByTestId("pane-details").waitFor({ timeout: 20_000 });
}

export const test = base.extend<PaneFixtures, { server: { origin: string } }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (!existsSync(path.join(DIST, "taskpane.html")))
        throw new Error("dist/taskpane.html is missing: run `npm run build` first");
      const server = await serveStatic(DIST);
      await use({ origin: server.origin });
      await server.close();
    },
    { scope: "worker" },
  ],
  origin: async ({ server }, use) => use(server.origin),
  foreignRequests: [
    async ({ context, origin }, use) => {
      const foreign = await routeOfficeJsLocally(context, origin);
      await use(foreign);
      if (foreign.length > 0)
        throw new Error(`network requests besides Office.js:\n     ${foreign.join("\n     ")}`);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => page.on("pageerror", (error) => errors.push(error.message));
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(errors);
      if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    },
    { auto: true },
  ],
  openPane: async ({ page, origin }, use) => use((query = "") => openPaneAt(page, origin, query)),
});

/** Playwright's expect, plus the comparison every check of a number against the model makes. */
export const expect = baseExpect.extend({
  /** A number equal to `expected` to 1e-9 relative (to 1e-9 absolute where |expected| < 1). */
  toBeCloseToModel(received: unknown, expected: number) {
    const pass = isCloseTo(received, expected, 1e-9, 1);
    return {
      pass,
      name: "toBeCloseToModel",
      expected,
      actual: received,
      message: () =>
        `${this.utils.matcherHint("toBeCloseToModel", undefined, undefined, { isNot: this.isNot })}\n\n` +
        `Expected: ${this.isNot ? "not " : ""}${this.utils.printExpected(expected)} (to 1e-9)\n` +
        `Received: ${this.utils.printReceived(received)}`,
    };
  },
});
