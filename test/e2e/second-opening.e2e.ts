/**
 * From the second opening, the pane's first screen renders before Office.onReady, on the last
 * session's language and theme (src/taskpane/host/remembered-host.ts); when Office is ready it
 * renders again on the real host, and the views that need the workbook come in.
 */
import { expect, test } from "./fixtures";
import { OFFICE_CDN } from "./pane-harness";
import { cell, field } from "./pane-helpers";

/** At the commit of the results table: the time, the title and the document's language. */
async function watchFirstScreen(page: import("@playwright/test").Page): Promise<void> {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector("[data-testid=results-table]")) return;
      observer.disconnect();
      (window as unknown as { __first: unknown }).__first = {
        at: performance.now(),
        officeReady: performance.getEntriesByName("pane:office-ready").length > 0,
        title: document.querySelector("h1")?.textContent,
        details: document.querySelector("[data-testid=pane-details]") !== null,
      };
    }).observe(document, { childList: true, subtree: true });
  });
}

const first = (page: import("@playwright/test").Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __first: { at: number; officeReady: boolean; title: string; details: boolean };
        }
      ).__first
  );

test("the second opening shows the first screen before Office is ready, then the whole pane", async ({
  page,
  openPane,
}) => {
  await watchFirstScreen(page);
  await openPane();
  expect((await first(page)).officeReady, "first opening: after Office.onReady").toBe(true);

  // Inside Excel, Office.onReady waits for the host's handshake. Here Office.js's own files
  // (after office.js itself) come 400 ms late, so that Office is not ready before the bundle has
  // even run: otherwise which comes first is a race this machine's load decides.
  await page.route(`${OFFICE_CDN}**`, async (route) => {
    if (!route.request().url().endsWith("/office.js"))
      await new Promise((resolve) => setTimeout(resolve, 400));
    await route.fallback();
  });
  await openPane();
  const second = await first(page);
  expect(second.officeReady, "second opening: before Office.onReady").toBe(false);
  expect(second.details, "no workbook views on the provisional host").toBe(false);
  expect(second.title).toBe("Retention economics");
  const officeReady = await page.evaluate(
    () => performance.getEntriesByName("pane:office-ready")[0].startTime
  );
  expect(second.at).toBeLessThan(officeReady);
  // The pane is whole (openPane waited for the details), and works.
  await field(page, "New customers", "Average bill").fill("40,000");
  await expect(cell(page, "new.revenue")).toHaveText("₽3,000,000");
});

test("a language remembered from another session shows first, and Office's replaces it", async ({
  page,
  openPane,
}) => {
  await watchFirstScreen(page);
  await openPane();
  await page.evaluate(() =>
    localStorage.setItem(
      "retain.pane.lastHost",
      JSON.stringify({ kind: "preview", language: "zh-CN", theme: "dark" })
    )
  );
  await openPane();
  expect((await first(page)).title, "first screen in the remembered language").not.toBe(
    "Retention economics"
  );
  // Office (here the preview: the browser's en-US and light theme) decides once ready.
  await expect(page.locator("h1")).toHaveText("Retention economics");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("retain.pane.lastHost")!));
  expect(kept).toEqual({ kind: "preview", language: "en-US", theme: "light" });
});
