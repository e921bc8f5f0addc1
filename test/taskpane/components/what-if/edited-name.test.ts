import { cloneScenario, WORKED_EXAMPLE } from "../../../../src/model/economics/scenario";
import { scenarioSaveName } from "../../../../src/taskpane/components/what-if/edited-name";
import { loadDetailStrings, translate } from "../../../../src/taskpane/i18n/strings";

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate("en", key, params);

beforeAll(() => loadDetailStrings("en"));

describe("the name a scenario is saved and downloaded under", () => {
  it("is the worked example's while its inputs are the article's", () => {
    expect(scenarioSaveName(cloneScenario(WORKED_EXAMPLE), t)).toBe("Worked example");
  });

  it("says the worked example was edited once any input changed", () => {
    const edited = cloneScenario(WORKED_EXAMPLE);
    edited.segments.new.averageBill = 31_000;
    expect(scenarioSaveName(edited, t)).toBe("Worked example (edited)");
    const relinked = cloneScenario(WORKED_EXAMPLE);
    relinked.retention.linked = true;
    expect(scenarioSaveName(relinked, t)).toBe("Worked example (edited)");
  });

  it("keeps any other name as the user gave it", () => {
    const mine = { ...cloneScenario(WORKED_EXAMPLE), name: "Q3 plan" };
    mine.segments.new.customers = 90;
    expect(scenarioSaveName(mine, t)).toBe("Q3 plan");
  });
});
