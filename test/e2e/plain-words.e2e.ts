/**
 * The pane speaks plainly (issue 23 §4): no internal names, no unfilled {placeholders}, no
 * English plural errors, on any screen or written sheet, in either language; the key column
 * of the period table is in sight at 400 px; axe passes in both themes.
 */
import type { FrameLocator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./pane-helpers";
import en from "../../src/taskpane/i18n/en.json";
import zh from "../../src/taskpane/i18n/zh-CN.json";
import dataEn from "../../src/taskpane/i18n/data.en.json";
import dataZh from "../../src/taskpane/i18n/data.zh-CN.json";
import detailsEn from "../../src/taskpane/i18n/details.en.json";
import detailsZh from "../../src/taskpane/i18n/details.zh-CN.json";

const LANGUAGES = [
  { query: "", strings: { ...en, ...dataEn, ...detailsEn } },
  { query: "?lang=zh-CN", strings: { ...zh, ...dataZh, ...detailsZh } },
] as const;

// Nouns the pane counts: "1 months", "1 customers", … are English plural errors.
const PLURAL_ERROR =
  /(?<![\d.,])1 (days|weeks|months|quarters|years|customers|orders|subscriptions|rows|cohorts|periods|purchases)\b/i;

/** Every problem in a screen's or a sheet's text, as "where: the words around it". */
function problems(where: string, text: string): string[] {
  const found: string[] = [];
  for (const pattern of [/seed/i, /种子/, /[{}]/, PLURAL_ERROR]) {
    const m = pattern.exec(text);
    if (m) found.push(`${where}: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
  }
  return found;
}

/** The text a user can meet: what is shown, and the names and tooltips read out or hovered. */
async function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = Array.from(
      document.querySelectorAll("[aria-label], [title], [aria-description], [placeholder]"),
      (e) =>
        ["aria-label", "title", "aria-description", "placeholder"]
          .map((a) => e.getAttribute(a) ?? "")
          .join(" ")
    );
    return `${document.body.innerText}\n${attributes.join("\n")}`;
  });
}

/** Opens every disclosure on the page (details elements and collapsed accordion headers). */
async function openEverything(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  for (const header of await page.locator("button[aria-expanded=false]").all())
    if (await header.isVisible()) await header.click().catch(() => undefined);
}

async function sheetText(frame: FrameLocator): Promise<string> {
  await frame.locator("table").first().waitFor({ timeout: 30_000 });
  return frame.locator("body").innerText();
}

for (const { query, strings } of LANGUAGES) {
  test(`no internal names, placeholders or plural errors${query ? " in Chinese" : ""}`, async ({
    page,
    openPane,
  }) => {
    test.setTimeout(180_000);
    await openPane(query);
    const found: string[] = [];
    await openEverything(page);
    found.push(...problems("what-if tab", await screenText(page)));
    await page.getByRole("button", { name: strings["workbook.write"], exact: true }).click();
    found.push(
      ...problems(
        "what-if sheet",
        await sheetText(page.frameLocator("[data-testid=sheet-preview]"))
      )
    );

    await page.getByRole("tab", { name: strings["tabs.data"] }).click();
    await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: strings["data.source.sample"] }).click();
    await page.getByTestId("period-table").waitFor({ timeout: 30_000 });
    await page.getByTestId("lifetime-top").waitFor({ timeout: 60_000 });
    await openEverything(page);
    found.push(...problems("data tab", await screenText(page)));
    await page.getByRole("button", { name: strings["data.workbook.write"] }).click();
    found.push(
      ...problems(
        "analysis sheet",
        await sheetText(page.frameLocator("[data-testid=analysis-sheet-preview]"))
      )
    );
    await page.getByRole("button", { name: strings["data.lifetime.write"] }).click();
    found.push(
      ...problems(
        "customers sheet",
        await sheetText(page.frameLocator("[data-testid=lifetime-sheet-preview]"))
      )
    );
    expect(found).toEqual([]);
  });
}

test("the retention rate is in sight without scrolling sideways at 400 px", async ({
  page,
  openPane,
}) => {
  await page.setViewportSize({ width: 400, height: 900 });
  await openPane();
  await page.getByRole("tab", { name: "Your data" }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
  await page.getByRole("button", { name: "Try the sample data" }).click();
  const rate = page.getByTestId("period-table").locator("tbody tr [data-col=rate]").first();
  await rate.waitFor({ timeout: 30_000 });
  const box = await rate.boundingBox();
  expect(box, "the rate column's first cell").not.toBeNull();
  expect(box!.x + box!.width, "the rate column ends within the pane").toBeLessThanOrEqual(400);
});

test("a Chinese header at 320 px is not one character per line", async ({ page, openPane }) => {
  await page.setViewportSize({ width: 320, height: 900 });
  await openPane("?lang=zh-CN");
  await page.getByRole("tab", { name: "你的数据" }).click();
  await page.getByTestId("data-view").waitFor({ timeout: 20_000 });
  await page.getByRole("button", { name: dataZh["data.source.sample"] }).click();
  await page.getByTestId("period-table").waitFor({ timeout: 30_000 });
  await page.getByTestId("lifetime-top").waitFor({ timeout: 60_000 });
  // A header of two or more characters is at least two characters wide, in the period table
  // and in the top customers' (the widest, with the longest headers).
  for (const testId of ["period-table", "lifetime-top"]) {
    const narrow = await page.getByTestId(testId).evaluate((table) => {
      const out: string[] = [];
      for (const th of Array.from(table.querySelectorAll("thead th"))) {
        const text = (th.textContent ?? "").trim();
        if (text.length < 2) continue;
        const size = parseFloat(getComputedStyle(th).fontSize);
        if (th.getBoundingClientRect().width < 1.8 * size) out.push(text);
      }
      return out;
    });
    expect(narrow, testId).toEqual([]);
  }
});

for (const theme of ["light", "dark"] as const)
  test(`axe finds nothing in the ${theme} theme, and no white strip shows above the title`, async ({
    page,
    openPane,
  }) => {
    await openPane(theme === "dark" ? "?theme=dark" : "");
    await expectNoAxeViolations(page, `${theme} theme`);
    // The colour a user sees at the very top of the pane: the nearest painted background there.
    const top = await page.evaluate(() => {
      let el: Element | null = document.elementFromPoint(20, 1);
      while (el) {
        const color = getComputedStyle(el).backgroundColor;
        if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") return color;
        el = el.parentElement;
      }
      return "rgb(255, 255, 255)";
    });
    if (theme === "dark") expect(top, "the top of the dark pane").not.toBe("rgb(255, 255, 255)");
  });
