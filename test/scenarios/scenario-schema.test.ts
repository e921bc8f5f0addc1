import { WORKED_EXAMPLE } from "../../src/model/economics/scenario";
import { parseScenarioJson } from "../../src/scenarios/scenario-schema";

const ISSUE_EXAMPLE = {
  name: "Bag Bagsikakiy",
  currency: "RUB",
  segments: {
    new: { marketingSpend: 1617000, overheads: 500000, customers: 75, averageBill: 30000 },
    returning: { marketingSpend: 1328000, overheads: 500000, customers: 80, averageBill: 30000 },
  },
};
const withChange = (path: string, value: unknown) => {
  const copy = JSON.parse(JSON.stringify(ISSUE_EXAMPLE));
  const keys = path.split(".");
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k] ??= {};
  if (value === undefined) delete at[keys[keys.length - 1]];
  else at[keys[keys.length - 1]] = value;
  return JSON.stringify(copy);
};

describe("parseScenarioJson", () => {
  it("reads the issue's file format, filling retention and LTV from the worked example", () => {
    const scenario = parseScenarioJson(JSON.stringify(ISSUE_EXAMPLE));
    expect(scenario).toEqual({ ...WORKED_EXAMPLE, name: "Bag Bagsikakiy" });
  });

  it("accepts partial retention and LTV blocks", () => {
    const scenario = parseScenarioJson(withChange("retention", { linked: true, rate: 0.9 }));
    expect(scenario.retention).toEqual({ rate: 0.9, startCustomers: 100, linked: true });
    expect(scenario.segments.returning.customers).toBe(80); // the model derives 90 when linked
    expect(parseScenarioJson(withChange("ltv", { periods: 12, timing: 1 })).ltv).toEqual({
      discountRate: 0.1,
      periods: 12,
      timing: 1,
    });
  });

  it.each([
    ["segments.new.customers", 0, "segments.new.customers: must be greater than 0"],
    ["segments.new.customers", "75", "segments.new.customers: must be a number"],
    ["segments.returning.averageBill", undefined, "segments.returning.averageBill: is required"],
    ["segments.returning.overheads", -1, "segments.returning.overheads: cannot be negative"],
    ["segments.new.custmers", 1, "segments.new.custmers: is not a known field"],
    [
      "currency",
      "roubles",
      "currency: must be a three-letter currency code such as RUB, USD or EUR",
    ],
    ["name", "", "name: cannot be empty"],
    ["name", "x".repeat(101), "name: must be at most 100 characters"],
    ["retention.rate", 1.5, "retention.rate: must be between 0% and 100%"],
    ["ltv.timing", 2, "ltv.timing: must be 0 (end of period) or 1 (beginning)"],
    ["ltv.periods", 0, "ltv.periods: must be at least 1, or empty for no limit"],
    ["segments", undefined, "segments: is required"],
  ])("names the field: %s = %p", (path, value, message) => {
    expect(() => parseScenarioJson(withChange(path, value))).toThrow(message);
  });

  it("reports bad JSON and non-finite numbers on one line", () => {
    expect(() => parseScenarioJson("{bad")).toThrow(/^invalid JSON: /);
    expect(() => parseScenarioJson('{"name":\n"x"')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("\n") })
    );
    expect(() => parseScenarioJson(withChange("segments.new.customers", Infinity))).toThrow(
      "segments.new.customers: must be a number"
    );
    expect(() => parseScenarioJson("[]")).toThrow(/^scenario: /);
  });
});
