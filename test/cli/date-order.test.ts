/**
 * Day/month order at the command line (issue 22, item 6): decided by the data (a day above 12
 * anywhere in the first rows); when nothing decides, read month-first on every machine and said
 * once on stderr, naming the guess and --date-format, which overrides it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCohortsArguments } from "../../src/cli/cohorts-arguments";
import { analyseCsv } from "../../src/cli/csv-analysis";
import { main } from "../../src/cli/main";

jest.setTimeout(120_000);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "date-order-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const err: string[] = [];
  const out: string[] = [];
  const code = await main(["node", "retention-report", "cohorts", ...args], {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd: dir,
    now: () => new Date(2025, 11, 31),
  });
  return { code, out, err };
}

const write = (name: string, lines: string[]) => {
  writeFileSync(join(dir, name), lines.join("\n") + "\n");
  return join(dir, name);
};

const AMBIGUOUS = ["customer,order_date", "A,5/3/2024", "B,6/3/2024", "A,2/4/2024", "C,11/12/2024"];

describe("day/month order at the command line", () => {
  it("says once that an undecided order was read month-first, and how to change it", async () => {
    const path = write("ambiguous.csv", AMBIGUOUS);
    for (const engine of ["stream", "duckdb"]) {
      const r = await cli("--orders", path, "--engine", engine, "--out", `a-${engine}.xlsx`);
      expect(r.code).toBe(0);
      expect(r.err).toEqual([
        `${path}: no day above 12 in the first 500 rows tells day-first from month-first dates: read month-first (3/5/2024 is March 5); give --date-format dmy if they are day-first`,
      ]);
    }
  });

  it("reads the guess as month-first, and --date-format dmy as day-first, with no notice", async () => {
    const path = write("ambiguous2.csv", AMBIGUOUS);
    const guessed = await analyseCsv(path, "a.csv", parseCohortsArguments(["--orders", path]));
    // The same orders written as ISO dates, month-first and day-first.
    const mdy = write("mdy.csv", [
      "customer,order_date",
      "A,2024-05-03",
      "B,2024-06-03",
      "A,2024-02-04",
      "C,2024-11-12",
    ]);
    const dmy = write("dmy.csv", [
      "customer,order_date",
      "A,2024-03-05",
      "B,2024-03-06",
      "A,2024-04-02",
      "C,2024-12-11",
    ]);
    const read = (p: string, ...flags: string[]) =>
      analyseCsv(p, "x.csv", parseCohortsArguments(["--orders", p, ...flags]));
    expect(guessed.retention).toEqual((await read(mdy)).retention);
    expect((await read(path, "--date-format", "dmy")).retention).toEqual(
      (await read(dmy)).retention
    );
    const r = await cli("--orders", path, "--date-format", "dmy", "--out", "told.xlsx");
    expect([r.code, r.err]).toEqual([0, []]);
  });

  it("a day above 12 anywhere in the first rows decides, with no notice", async () => {
    const path = write("decided.csv", [...AMBIGUOUS, "D,25/12/2024"]);
    const r = await cli("--orders", path, "--out", "decided.xlsx");
    expect([r.code, r.err]).toEqual([0, []]);
  });
});
