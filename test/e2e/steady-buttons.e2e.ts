/*
 * The cause of the pane's intermittent axe-core failure: when saved scenarios finish loading,
 * Save scenario and Compare scenarios turn from disabled to enabled, and Fluent faded their
 * colours over 100 ms. An axe run inside those 100 ms met mixed colours and reported
 * color-contrast (1.05 : 1 on Save scenario, 2.47 : 1 on Compare scenarios, with the fade held
 * 30 % through). This records every colour transition that starts on a button while the pane
 * opens with saved scenarios (the moment the e2e axe check waits for): there must be none. It
 * also holds any that start 30 % through, and runs axe at that moment.
 */
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./pane-helpers";

test("buttons that loading data enables change colour at once, and axe passes at that moment", async ({
  page,
  openPane,
}) => {
  await openPane();
  for (const name of ["Plan A", "Plan B"]) {
    await page.getByLabel("Scenario name").fill(name);
    await page.getByRole("button", { name: "Save scenario" }).click();
    await page.getByRole("button", { name: `Load ${name}` }).waitFor();
  }
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { buttonFades: string[] }).buttonFades = seen;
    document.addEventListener(
      "transitionrun",
      (event) => {
        const target = event.target as HTMLElement;
        const button = target.closest("button");
        if (!button || !/color|background/.test(event.propertyName)) return;
        seen.push(`${event.propertyName} on "${button.textContent?.trim()}"`);
        // Hold it 30% through, where a fast machine's axe run would meet it.
        for (const animation of target.getAnimations()) {
          animation.pause();
          animation.currentTime = Number(animation.effect?.getTiming().duration ?? 0) * 0.3;
        }
      },
      true
    );
  });
  await openPane();
  await page.getByRole("button", { name: "Load Plan B" }).waitFor();
  await expectNoAxeViolations(page, "pane as saved scenarios finish loading");
  const fades = await page.evaluate(
    () => (window as unknown as { buttonFades: string[] }).buttonFades
  );
  expect(fades, "colour transitions on buttons while the pane loads").toEqual([]);
});
