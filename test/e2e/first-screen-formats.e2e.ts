/**
 * The first screen's numbers are written without ICU (src/taskpane/format/plain-number-format.ts:
 * Chromium's first Intl.NumberFormat costs 25–60 ms), then checked against ICU once the pane is
 * idle. Here, in Chromium: nothing builds an Intl.NumberFormat before the first screen is up,
 * and what it showed then is what ICU shows once loaded, in both languages.
 */
import { expect, test } from "./fixtures";
import { cell, field } from "./pane-helpers";

for (const query of ["", "?lang=zh-CN"]) {
  test(`first screen${query ? ` (${query})` : ""}: numbers without ICU, the same as ICU's`, async ({
    page,
    origin,
  }) => {
    await page.addInitScript(() => {
      const w = window as unknown as {
        __built: number;
        __firstScreen?: string[];
      };
      w.__built = 0;
      const Real = Intl.NumberFormat;
      const Counted = function (...args: ConstructorParameters<typeof Intl.NumberFormat>) {
        w.__built++;
        return new Real(...args);
      } as unknown as typeof Intl.NumberFormat;
      Counted.supportedLocalesOf = Real.supportedLocalesOf;
      Intl.NumberFormat = Counted;
      // At the commit of the results table: its cells, the inputs' texts, and the count so far.
      new MutationObserver((_, observer) => {
        const table = document.querySelector("[data-testid=results-table]");
        if (!table) return;
        observer.disconnect();
        w.__firstScreen = [
          String(w.__built),
          ...[...table.querySelectorAll("td")].map((td) => td.textContent ?? ""),
          ...[...document.querySelectorAll("input")].map((input) => input.value),
        ];
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${origin}/taskpane.html${query}`);
    await page.getByTestId("pane-details").waitFor({ timeout: 20_000 });
    const [built, ...shown] = await page.evaluate(
      () => (window as unknown as { __firstScreen: string[] }).__firstScreen
    );
    expect(built, "Intl.NumberFormat built before the first screen").toBe("0");
    const inputs = shown.slice(-8);
    const cells = shown.slice(0, -8);
    expect(cells.filter((text) => /\d/.test(text)).length).toBeGreaterThan(20);

    // Once ICU has loaded (the pane settles when idle), every number goes through Intl: edit an
    // input and put it back, and the results are written again, by ICU.
    await page.waitForFunction(() => (window as unknown as { __built: number }).__built > 0);
    const bill = field(
      page,
      query ? "新客户" : "New customers",
      query ? "平均客单价" : "Average bill"
    );
    const original = await bill.inputValue();
    const revenue = await cell(page, "new.revenue").innerText();
    await bill.fill("12345");
    await expect(cell(page, "new.revenue")).not.toHaveText(revenue);
    await bill.fill(original);
    const rewritten = page.locator("[data-testid=results-table] td");
    await expect(rewritten).toHaveText(cells);

    // The inputs' texts, as ICU writes each number in the pane's locale.
    const locale = query ? "zh-CN" : "en-US";
    const icu = await page.evaluate(
      ([texts, locale]) =>
        texts.map((text) =>
          new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(
            Number(text.replace(/,/g, ""))
          )
        ),
      [inputs, locale] as const
    );
    expect(inputs).toEqual(icu);
  });
}
