import {
  churnRate,
  expectedLifetime,
  rescaleRetention,
  retentionRate,
} from "../../../src/model/economics/retention";
import { DomainError } from "../../../src/model/errors";

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return "no error";
};

describe("retentionRate (docs/definitions.md §1)", () => {
  test("“15 Customer Retention Strategies”: S=80, E=60, N=20 gives 50%", () => expect(retentionRate(80, 60, 20)).toBe(0.5));
  test("“Customer Retention Rate” method 1: (1100−200)/1000 = 90%", () =>
    expect(retentionRate(1000, 1100, 200, 0)).toBeCloseTo(0.9, 15));
  test("“Customer Retention Rate” method 3: (1100−200)/(1000+200) = 75%, not the article's 88%", () => {
    expect(retentionRate(1000, 1100, 200, 1)).toBeCloseTo(0.75, 15);
    expect(retentionRate(1000, 1100, 200, 1)).not.toBeCloseTo(0.88, 2);
  });
  test("keeping everyone is 100%, losing everyone 0%", () => {
    expect(retentionRate(50, 50, 0)).toBe(1);
    expect(retentionRate(50, 10, 10)).toBe(0);
  });
  test.each([
    ["no start customers", () => retentionRate(0, 5, 5), "div0"],
    [
      "no start customers, more retained than start (docs/functions-economics.md: S = 0 is #DIV/0!)",
      () => retentionRate(0, 10, 5),
      "div0",
    ],
    ["no start customers, more new than end", () => retentionRate(0, 5, 10), "div0"],
    ["basis 1, S + N = 0", () => retentionRate(0, 3, 0, 1), "div0"],
    ["negative start", () => retentionRate(-1, 5, 0), "num"],
    ["negative new", () => retentionRate(10, 5, -1), "num"],
    ["more new than end", () => retentionRate(10, 5, 6), "num"],
    ["more retained than start", () => retentionRate(10, 30, 5), "num"],
    ["basis 2", () => retentionRate(10, 10, 0, 2), "num"],
    ["basis 0.5", () => retentionRate(10, 10, 0, 0.5), "num"],
  ])("%s is an error", (_, f, code) => expect(codeOf(f)).toBe(code));
});

describe("companions", () => {
  test("churn is 1 − retention", () => expect(churnRate(0.8)).toBeCloseTo(0.2, 15));
  test("expected lifetime 1/(1−r)", () => expect(expectedLifetime(0.8)).toBeCloseTo(5, 12));
  test("100% retention has no finite lifetime", () =>
    expect(codeOf(() => expectedLifetime(1))).toBe("div0"));
  test("annual retention is monthly^12, never 12 × monthly", () => {
    expect(rescaleRetention(0.95, 12)).toBeCloseTo(0.5403600876626367, 14);
    expect(rescaleRetention(rescaleRetention(0.6, 1 / 12), 12)).toBeCloseTo(0.6, 14);
  });
  test.each([[-0.1], [1.1], [NaN]])("retention %p is #NUM!", (r) =>
    expect(codeOf(() => churnRate(r))).toBe("num")
  );
  test("non-positive periods are #NUM!", () =>
    expect(codeOf(() => rescaleRetention(0.5, 0))).toBe("num"));
});
