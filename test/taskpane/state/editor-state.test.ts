import { scenarioProblems, WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { getInput } from "../../../src/model/whatif/worked-example-model";
import {
  editorReducer,
  EditorState,
  initialEditorState,
} from "../../../src/taskpane/state/editor-state";
import { fieldMessages } from "../../../src/taskpane/state/validation";

const start = (locale = "en-US") => initialEditorState(WORKED_EXAMPLE, locale);
const messages = (s: EditorState) => fieldMessages(s.scenario, scenarioProblems(s.scenario));

describe("editorReducer", () => {
  it("shows the worked example as the locale writes numbers, percentages as percentages", () => {
    expect(start().texts["segments.new.marketingSpend"]).toBe("1,617,000");
    expect(start("ru-RU").texts["segments.new.marketingSpend"]).toBe("1\u00a0617\u00a0000");
    expect(start().texts["retention.rate"]).toBe("80");
    expect(start().texts["ltv.discountRate"]).toBe("10");
    expect(start().texts["ltv.periods"]).toBe("");
  });

  it("parses an edit in the locale and keeps the text as typed", () => {
    const s = editorReducer(start("ru-RU"), {
      type: "edit",
      key: "segments.new.averageBill",
      text: "31 000,5",
    });
    expect(s.texts["segments.new.averageBill"]).toBe("31 000,5");
    expect(s.scenario.segments.new.averageBill).toBe(31_000.5);
    const rate = editorReducer(s, { type: "edit", key: "retention.rate", text: "65" });
    expect(rate.scenario.retention.rate).toBeCloseTo(0.65, 12);
  });

  it("reads a blank horizon as unlimited and a blank amount as not a number", () => {
    let s = editorReducer(start(), { type: "edit", key: "ltv.periods", text: "5" });
    expect(s.scenario.ltv.periods).toBe(5);
    s = editorReducer(s, { type: "edit", key: "ltv.periods", text: " " });
    expect(s.scenario.ltv.periods).toBeNull();
    s = editorReducer(s, { type: "edit", key: "segments.new.overheads", text: "" });
    expect(messages(s)).toEqual({ "segments.new.overheads": "validation.notANumber" });
  });

  it("maps the model's problems to messages by kind", () => {
    let s = start();
    s = editorReducer(s, { type: "edit", key: "segments.new.customers", text: "0" });
    s = editorReducer(s, { type: "edit", key: "segments.returning.marketingSpend", text: "-1" });
    s = editorReducer(s, { type: "edit", key: "retention.rate", text: "120" });
    s = editorReducer(s, { type: "edit", key: "ltv.periods", text: "0" });
    s = editorReducer(s, { type: "edit", key: "segments.new.averageBill", text: "thirty" });
    expect(messages(s)).toEqual({
      "segments.new.customers": "validation.positive",
      "segments.new.averageBill": "validation.notANumber",
      "segments.returning.marketingSpend": "validation.negative",
      "retention.rate": "validation.rateRange",
      "ltv.periods": "validation.periods",
    });
  });

  it("names the infinite-LTV case and the zero linked customers case", () => {
    let s = editorReducer(start(), { type: "edit", key: "retention.rate", text: "100" });
    s = editorReducer(s, { type: "edit", key: "ltv.discountRate", text: "0" });
    expect(messages(s)).toEqual({ "ltv.discountRate": "validation.ltvInfinite" });
    let linked = editorReducer(start(), { type: "linked", linked: true });
    linked = editorReducer(linked, { type: "edit", key: "retention.rate", text: "0" });
    expect(messages(linked)).toEqual({ "retention.startCustomers": "validation.derivedCustomers" });
  });

  it("sets and resets the baseline, refusing an invalid one", () => {
    let s = editorReducer(start(), {
      type: "edit",
      key: "segments.new.averageBill",
      text: "35,000",
    });
    s = editorReducer(s, { type: "setBaseline" });
    expect(s.baseline.segments.new.averageBill).toBe(35_000);
    s = editorReducer(s, { type: "edit", key: "segments.new.averageBill", text: "x" });
    expect(editorReducer(s, { type: "setBaseline" })).toBe(s);
    s = editorReducer(s, { type: "resetToBaseline" });
    expect(s.scenario.segments.new.averageBill).toBe(35_000);
    expect(s.texts["segments.new.averageBill"]).toBe("35,000");
  });

  it("applies a value from goal seek to both the number and the text", () => {
    const s = editorReducer(start(), {
      type: "apply",
      key: "segments.new.averageBill",
      value: 2_117_000 / 75,
    });
    expect(getInput(s.scenario, "segments.new.averageBill")).toBe(2_117_000 / 75);
    expect(s.texts["segments.new.averageBill"]).toBe("28,226.666667");
  });

  it("changes only how money is shown when the currency changes", () => {
    const s = editorReducer(start(), { type: "currency", currency: "CNY" });
    expect(s.scenario.currency).toBe("CNY");
    expect(s.scenario.segments).toEqual(WORKED_EXAMPLE.segments);
  });
});
