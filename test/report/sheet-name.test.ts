import fc from "fast-check";
import { uniqueSheetName } from "../../src/report/plans/report-plan";
import { sanitizeSheetName } from "../../src/report/sheet-name";

describe("uniqueSheetName", () => {
  it("uses the base name when it is free, then (2), (3), … case-insensitively", () => {
    expect(uniqueSheetName("Retention model", ["Sheet1"])).toBe("Retention model");
    expect(uniqueSheetName("Retention model", ["retention MODEL"])).toBe("Retention model (2)");
    expect(
      uniqueSheetName("Retention model", [
        "Retention model",
        "Retention model (2)",
        "RETENTION MODEL (3)",
      ])
    ).toBe("Retention model (4)");
  });

  it("keeps to 31 characters and Excel's forbidden characters", () => {
    const long = "A very long scenario name that goes on";
    expect(uniqueSheetName(long, [])).toBe("A very long scenario name that"); // 31 characters, trailing space trimmed
    const second = uniqueSheetName(long, [uniqueSheetName(long, [])]);
    expect(second).toMatch(/ \(2\)$/);
    expect(second.length).toBeLessThanOrEqual(31);
    expect(sanitizeSheetName("a/b\\c?d*e[f]g:h")).toBe("a_b_c_d_e_f_g_h");
    expect(sanitizeSheetName("'quoted'")).toBe("quoted");
    expect(sanitizeSheetName("   ")).toBe("Sheet");
    expect(sanitizeSheetName("History")).toBe("History_");
  });

  it("always returns a valid name that no existing sheet has", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 50 }),
        fc.array(fc.string({ maxLength: 31 }), { maxLength: 20 }),
        (base, existing) => {
          const taken = [
            ...existing,
            sanitizeSheetName(base),
            `${sanitizeSheetName(base).slice(0, 27)} (2)`,
          ];
          const name = uniqueSheetName(base, taken);
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(31);
          expect(name).not.toMatch(/[:\\/?*[\]]/);
          expect(name.startsWith("'") || name.endsWith("'")).toBe(false);
          expect(taken.map((t) => t.toLowerCase())).not.toContain(name.toLowerCase());
        }
      )
    );
  });
});
