/** The report command as a user runs it: bin/retention-report.js (the compiled dist/cli command) in a child process. */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Workbook } from "exceljs";
import JSZip from "jszip";

jest.setTimeout(60_000);

const BIN = join(__dirname, "../../bin/retention-report.js");
let dir: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SCENARIO = {
  name: '=HYPERLINK("http://evil")',
  currency: "USD",
  segments: {
    new: { marketingSpend: 100000, overheads: 20000, customers: 50, averageBill: 4000 },
    returning: { marketingSpend: 30000, overheads: 20000, customers: 60, averageBill: 3500 },
  },
  retention: { rate: 0.6, startCustomers: 100, linked: true },
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "retention-report-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function load(path: string): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe("retention-report", () => {
  it("writes the worked example to retention-report.xlsx by default", async () => {
    const { code, stdout, stderr } = run();
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain("Wrote retention-report.xlsx");
    const sheet = (await load(join(dir, "retention-report.xlsx"))).getWorksheet("Retention model")!;
    expect(sheet.getCell("D24").value).toEqual({ formula: "D22-D23", result: 705000 });
    expect(readdirSync(dir)).toEqual(["retention-report.xlsx"]); // no temp files left
  });

  it("reads a scenario file saved as UTF-16 (with its mark) or as UTF-8 with one, as the pane reads files", async () => {
    const json = JSON.stringify({ ...SCENARIO, name: "门店 A" });
    writeFileSync(
      join(dir, "utf16.json"),
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, "utf16le").swap16()])
    );
    writeFileSync(join(dir, "bom.json"), "\uFEFF" + json);
    for (const file of ["utf16.json", "bom.json"]) {
      const { code, stdout, stderr } = run("--scenario", file, "--out", `${file}.xlsx`);
      expect({ file, code, stderr }).toEqual({ file, code: 0, stderr: "" });
      expect(stdout).toContain('scenario "门店 A"');
    }
  });

  it("writes a scenario file's report with names and native formulas", async () => {
    writeFileSync(join(dir, "s.json"), JSON.stringify(SCENARIO));
    const { code, stderr } = run("--scenario", "s.json", "--out", "report.xlsx", "--lang", "zh-CN");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const path = join(dir, "report.xlsx");
    const sheet = (await load(path)).getWorksheet("留存模型")!;
    expect(sheet.getCell("B2").value).toBe('=HYPERLINK("http://evil")'); // text, not a formula
    expect(sheet.getCell("C10").value).toEqual({ formula: "B14*B15", result: 60 }); // linked returning customers
    const workbookXml = await (
      await JSZip.loadAsync(readFileSync(path))
    )
      .file("xl/workbook.xml")!
      .async("string");
    for (const name of [
      "New_MarketingSpend",
      "Returning_ProfitPerCustomer",
      "Total_Revenue",
      "Total_Profit",
    ]) {
      expect(workbookXml).toMatch(new RegExp(`<definedName name="${name}" localSheetId="0">`));
    }
  });

  it("refuses to overwrite without --force, and replaces with it", () => {
    const out = join(dir, "r.xlsx");
    writeFileSync(out, "keep me");
    const refused = run("--out", "r.xlsx");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "retention-report: r.xlsx already exists (use --force to replace it)\n"
    );
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const forced = run("--out", "r.xlsx", "--force");
    expect(forced.code).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(1000);
    expect(readdirSync(dir)).toEqual(["r.xlsx"]);
  });

  it.each([
    [
      "a missing file",
      () => [],
      ["--scenario", "missing.json"],
      "retention-report: cannot read scenario file missing.json: no such file",
    ],
    [
      "bad JSON",
      () => writeFileSync(join(dir, "s.json"), "{ nope"),
      ["--scenario", "s.json"],
      /^retention-report: s\.json: invalid JSON: /,
    ],
    [
      "an invalid value",
      () =>
        writeFileSync(
          join(dir, "s.json"),
          JSON.stringify({
            ...SCENARIO,
            segments: { ...SCENARIO.segments, new: { ...SCENARIO.segments.new, customers: -3 } },
          })
        ),
      ["--scenario", "s.json"],
      "retention-report: s.json: segments.new.customers: must be greater than 0",
    ],
    [
      "a wrong type",
      () => writeFileSync(join(dir, "s.json"), JSON.stringify({ ...SCENARIO, currency: 7 })),
      ["--scenario", "s.json"],
      "retention-report: s.json: currency: must be text",
    ],
  ])(
    "fails on %s with one line naming the problem, writing nothing",
    (_what, setup, args, message) => {
      setup();
      const before = readdirSync(dir).sort();
      const { code, stderr, stdout } = run(...(args as string[]), "--out", "out.xlsx");
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.endsWith("\n")).toBe(true);
      expect(stderr.trimEnd().split("\n")).toHaveLength(1);
      if (typeof message === "string") expect(stderr.trimEnd()).toBe(message);
      else expect(stderr.trimEnd()).toMatch(message);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(existsSync(join(dir, "out.xlsx"))).toBe(false);
    }
  );

  it("rejects unknown options with exit code 2", () => {
    const { code, stderr } = run("--frobnicate");
    expect(code).toBe(2);
    expect(stderr).toBe("retention-report: unknown option --frobnicate (see --help)\n");
    expect(run("--lang", "fr").code).toBe(2);
    expect(run("--out").code).toBe(2);
  });

  it("explains itself with --help", () => {
    const { code, stdout } = run("--help");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Usage: retention-report [--scenario scenario.json] [--out report.xlsx]"
    );
    expect(stdout).toContain("--force");
    expect(readdirSync(dir)).toEqual([]);
  });
});
