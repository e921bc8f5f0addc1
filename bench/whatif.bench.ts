/*
 * What one keystroke in the pane costs the model: the whole scenario, the 11 × 11 sensitivity
 * grid and the tornado recomputed, as the pane does on every edit. A frame is 16.7 ms; the
 * browser's share (rendering) is measured by bench/pane/bench-pane.ts. Also a goal seek.
 */
import { cloneScenario, evaluateScenario, WORKED_EXAMPLE } from "../src/model/economics/scenario";
import { goalSeek } from "../src/model/whatif/goal-seek";
import { sensitivityGrid } from "../src/model/whatif/sensitivity";
import { tornado } from "../src/model/whatif/tornado";
import { setInput, WORKED_EXAMPLE_MODEL as model } from "../src/model/whatif/worked-example-model";
import { medianMs, row } from "./harness";

let bill = 30_000;
function keystroke(): void {
  // A new value each time, as typing produces.
  bill = bill === 30_000 ? 30_001 : 30_000;
  const scenario = setInput(cloneScenario(WORKED_EXAMPLE), "segments.new.averageBill", bill);
  evaluateScenario(scenario);
  sensitivityGrid(
    model,
    scenario,
    "retention.rate",
    "segments.returning.averageBill",
    "total.profit",
    {
      steps: 11,
      spread: 0.25,
    }
  );
  tornado(model, scenario, "total.profit", { swing: 0.1 });
}

const perKeystroke =
  medianMs(() => {
    for (let i = 0; i < 100; i++) keystroke();
  }, 21) / 100;
row(
  "model per keystroke (scenario + 11×11 grid + tornado)",
  `${(perKeystroke * 1000).toFixed(0)} µs`,
  `${((perKeystroke / 16.7) * 100).toFixed(1)}% of a 60 Hz frame`
);

const seek = medianMs(
  () => goalSeek(model, WORKED_EXAMPLE, "new.profit", 0, "segments.new.averageBill"),
  51
);
row("goal seek: break-even average bill, new customers", `${(seek * 1000).toFixed(0)} µs`);
