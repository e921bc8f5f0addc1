/**
 * `retention-report cohorts` as a process on hostile inputs (issue 22): characters split across
 * read pieces, the output being the input, empty and UTF-16 files, a folder or a missing folder
 * as the output, control characters from the data in messages, DuckDB's SQL kept from the user,
 * file names that look like globs, Ctrl-C during the DuckDB engine; and the output written by an
 * exclusive create where hard links cannot be made.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeAtomically } from "../../src/cli/command-io";
import { CSV_READ_BYTES } from "../../src/cli/csv-analysis";
import { fileError } from "../../src/cli/input-errors";
import { oneLine, shownText } from "../../src/model/errors";
import { builtFile } from "../support/built";

jest.setTimeout(120_000);

const BIN = resolve(__dirname, "../../bin/retention-report.js");
let dir: string;

beforeAll(() => builtFile("cli/retention-report.js"));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cli-safety-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ENGINES = ["stream", "duckdb"] as const;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, "cohorts", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "", TMPDIR: dir },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SAMPLE = "customer_id,order_date,amount\nA,2024-01-05,10\nB,2024-02-07,5\nA,2024-03-01,7\n";

test("60,000 orders of the one customer 张三, with the character on every piece boundary, are 1 customer in both engines", () => {
  const lines = ["customer,order_date,amount"];
  for (let i = 0; i < 60_000; i++) {
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 700) * 864e5).toISOString().slice(0, 10);
    lines.push(`张三,${day},${(i % 7) + 1}${".5".slice(0, i % 2)}${"0".repeat(i % 13)}`);
  }
  const text = lines.join("\n") + "\n";
  // Where each read piece ends inside the id's bytes: every offset into 张 and 三 must occur.
  const bytes = Buffer.from(text, "utf8");
  const id = Buffer.from("张三", "utf8");
  const offsets = new Set<number>();
  for (let b = CSV_READ_BYTES; b < bytes.length; b += CSV_READ_BYTES)
    for (let k = 1; k < id.length; k++)
      if (bytes.subarray(b - k, b - k + id.length).equals(id)) offsets.add(k);
  expect([...offsets].sort()).toEqual([1, 2, 3, 4, 5]);
  writeFileSync(join(dir, "z.csv"), bytes);
  for (const engine of ENGINES) {
    const r = run("--orders", "z.csv", "--out", `z-${engine}.xlsx`, "--engine", engine);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/60,000 orders of 1 customers\.$/m);
  }
});

describe("the output", () => {
  beforeEach(() => writeFileSync(join(dir, "in.csv"), SAMPLE));

  test.each(ENGINES)(
    "equal to the input is refused, even with --force, even through a link (%s)",
    (engine) => {
      symlinkSync(join(dir, "in.csv"), join(dir, "link.xlsx"));
      for (const out of ["in.csv", "./in.csv", "link.xlsx"]) {
        const r = run("--orders", "in.csv", "--out", out, "--force", "--engine", engine);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^retention-report: cannot write .*: it is the input file/);
      }
      expect(readFileSync(join(dir, "in.csv"), "utf8")).toBe(SAMPLE);
    }
  );

  test("a folder is named as a folder, not EISDIR", () => {
    mkdirSync(join(dir, "reports"));
    const r = run("--orders", "in.csv", "--out", "reports", "--force");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^retention-report: cannot write reports: it is a folder/);
    expect(r.stderr).not.toMatch(/EISDIR/);
  });

  test("a missing folder is named as the user wrote it, not a hidden temporary file", () => {
    const r = run("--orders", "in.csv", "--out", "nowhere/x.xlsx");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "retention-report: cannot write nowhere/x.xlsx: the folder nowhere does not exist\n"
    );
  });
});

test.each([
  ["orders", "--orders", "no orders"],
  ["subscriptions", "--subscriptions", "no subscriptions"],
])("a 0-byte %s file says so (both engines for orders)", (_, flag, message) => {
  writeFileSync(join(dir, "empty.csv"), "");
  const engines = flag === "--orders" ? ENGINES : (["stream"] as const);
  for (const engine of engines) {
    const r = run(flag, "empty.csv", "--engine", engine);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`retention-report: empty.csv: ${message}\n`);
  }
  expect(existsSync(join(dir, "cohort-analysis.xlsx"))).toBe(false);
});

test.each([
  ["utf-16le", Buffer.from([0xff, 0xfe])],
  ["utf-16be", Buffer.from([0xfe, 0xff])],
])("a %s CSV with its byte-order mark is read, the same by both engines", (encoding, mark) => {
  const text = "客户,下单日期,金额\n张三,2024-01-05,10\n李四,2024-02-07,5\n张三,2024-03-01,7\n";
  const le = Buffer.from(text, "utf16le");
  if (encoding === "utf-16be") le.swap16();
  writeFileSync(join(dir, "u16.csv"), Buffer.concat([mark, le]));
  for (const engine of ENGINES) {
    const r = run("--orders", "u16.csv", "--out", `${engine}.xlsx`, "--engine", engine);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/3 orders of 2 customers\.$/m);
  }
});

test.each(["orders[1].csv", "orders*.csv", "o?.csv"])(
  "a file named %s is that file, not a glob pattern, in the DuckDB engine",
  (name) => {
    writeFileSync(join(dir, name), SAMPLE);
    // The files a glob would have matched instead.
    writeFileSync(join(dir, "orders1.csv"), "customer_id,order_date,amount\nZ,2020-01-01,1\n");
    writeFileSync(join(dir, "ox.csv"), "customer_id,order_date,amount\nZ,2020-01-01,1\n");
    for (const engine of ENGINES) {
      const r = run("--orders", name, "--out", `${engine}.xlsx`, "--engine", engine);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/3 orders of 2 customers\.$/m);
    }
  }
);

test("DuckDB's own SQL never reaches the user", () => {
  writeFileSync(join(dir, "bad.csv"), "customer_id,order_date,amount\nA,2024-01-05,ten\n");
  const r = run("--orders", "bad.csv", "--engine", "duckdb");
  expect(r.code).toBe(1);
  // The streaming engine names the cell DuckDB could not convert.
  expect(r.stderr).toBe("retention-report: bad.csv:2:3: amount: 'ten' is not a number\n");
  const duckdbMessage =
    'Conversion Error: Could not convert string "ten" to DOUBLE when casting from source column amount\n\n' +
    "LINE 1: SELECT CAST(amount AS DOUBLE) FROM read_csv('/tmp/x/input.csv')\n               ^";
  expect(fileError(new Error(duckdbMessage), "bad.csv").message).toBe(
    'bad.csv: Could not convert string "ten" to DOUBLE'
  );
});

test("terminal control characters from the data are shown escaped", () => {
  const date = "2024-02-30\x1b]0;pwned\x07\u009b31m\u202eevil";
  writeFileSync(
    join(dir, "ctl.csv"),
    `customer_id,order_date,amount\nA,2024-01-05,10\nB,${date},10\n`
  );
  const r = run("--orders", "ctl.csv");
  expect(r.code).toBe(1);
  // eslint-disable-next-line no-control-regex
  expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  expect(r.stderr).toContain("2024-02-30\\x1b]0;pwned\\x07\\x9b31m\\u202eevil");
  expect(r.stderr).toMatch(/^retention-report: ctl\.csv:3:2: order_date: /);
});

test("shownText escapes C0 and C1 controls and bidirectional characters, and nothing else", () => {
  // A separate reference: the character classes written out by code point.
  const escaped = (c: number) =>
    c <= 0x1f ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x61c ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069);
  for (let c = 0; c < 0x3000; c++) {
    const ch = String.fromCharCode(c);
    const want = !escaped(c)
      ? ch
      : c <= 0xff
        ? "\\x" + c.toString(16).padStart(2, "0")
        : "\\u" + c.toString(16).padStart(4, "0");
    expect(shownText(`a${ch}b`)).toBe(`a${want}b`);
  }
  expect(oneLine("Scenario \u202eevil\n\x1b[2J")).toBe("Scenario \\u202eevil \\x1b[2J");
});

test("a scenario name with a C1 control or a bidirectional override is shown escaped", () => {
  const scenario = {
    name: "Plan \u202eevil\u0085x",
    currency: "USD",
    segments: {
      new: { marketingSpend: 100000, overheads: 20000, customers: 50, averageBill: 4000 },
      returning: { marketingSpend: 30000, overheads: 20000, customers: 60, averageBill: 3500 },
    },
    retention: { rate: 0.6, startCustomers: 100, linked: true },
  };
  writeFileSync(join(dir, "s.json"), JSON.stringify(scenario));
  const r = spawnSync(process.execPath, [BIN, "--scenario", "s.json"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  expect(r.stderr).toBe("");
  expect(r.stdout).toContain('scenario "Plan \\u202eevil\\x85x"');
});

describe("writing without --force where hard links cannot be made", () => {
  const failingLink = (code: string) => () => {
    throw Object.assign(new Error(code), { code });
  };

  test.each(["EPERM", "ENOTSUP", "EXDEV", "EOPNOTSUPP"])(
    "link failing with %s: the file is written by an exclusive create",
    (code) => {
      const target = join(dir, "out.xlsx");
      writeAtomically(target, Buffer.from("bytes"), false, failingLink(code));
      expect(readFileSync(target, "utf8")).toBe("bytes");
      expect(readdirSync(dir)).toEqual(["out.xlsx"]);
    }
  );

  test("an existing file is still never replaced", () => {
    const target = join(dir, "out.xlsx");
    writeFileSync(target, "mine");
    expect(() => writeAtomically(target, Buffer.from("new"), false, failingLink("EPERM"))).toThrow(
      /already exists \(use --force/
    );
    expect(readFileSync(target, "utf8")).toBe("mine");
    expect(readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  test("another link error is not hidden", () => {
    expect(() =>
      writeAtomically(join(dir, "o.xlsx"), Buffer.from("x"), false, failingLink("EIO"))
    ).toThrow(/EIO/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

test.each([
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)(
  "%s during --engine duckdb leaves no retain-duckdb-* folder behind and exits %s",
  async (signal, exitCode) => {
    // Large enough that DuckDB is still at work when the signal comes.
    const file = join(dir, "big.csv");
    await new Promise<void>((done, fail) => {
      const out = createWriteStream(file);
      out.on("error", fail);
      out.write("customer_id,order_date,amount\n");
      const parts: string[] = [];
      for (let i = 0; i < 1_500_000; i++)
        parts.push(`C${i % 90_000},20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10},${i % 97}\n`);
      out.end(parts.join(""), done);
    });
    const temp = join(dir, "tmp");
    mkdirSync(temp);
    const child = spawn(
      process.execPath,
      [BIN, "cohorts", "--orders", file, "--engine", "duckdb", "--period", "day"],
      {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: "", TMPDIR: temp },
        stdio: "ignore",
      }
    );
    const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
    const deadline = Date.now() + 60_000;
    while (!readdirSync(temp).some((f) => f.startsWith("retain-duckdb-"))) {
      if (Date.now() > deadline) throw new Error("the DuckDB engine never made its folder");
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill(signal);
    expect(await exited).toBe(exitCode);
    expect(readdirSync(temp)).toEqual([]);
    expect(existsSync(join(dir, "cohort-analysis.xlsx"))).toBe(false);
  }
);

/** Every cell of a written workbook's first sheet, as "A1=value". */
async function sheetCells(file: string): Promise<string[]> {
  const { Workbook } = await import("exceljs");
  const workbook = new Workbook();
  await workbook.xlsx.readFile(join(dir, file));
  const cells: string[] = [];
  workbook.worksheets[0].eachRow((row) =>
    row.eachCell((cell) => cells.push(`${cell.address}=${JSON.stringify(cell.value)}`))
  );
  return cells;
}

test("a Parquet file with a DATE column is read by the default engine, as its CSV is", async () => {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const rows = [
    ["A", "2024-01-05", 10],
    ["B", "2024-02-07", 5],
    ["A", "2024-03-01", 7.5],
    ["C", "2024-03-20", 3],
    ["B", "2024-04-02", 4],
  ] as const;
  const values = rows.map(([c, d, a]) => `('${c}', DATE '${d}', ${a})`).join(", ");
  const parquet = join(dir, "orders[1].parquet");
  await db.run(
    `COPY (SELECT * FROM (VALUES ${values}) t(customer_id, order_date, amount)) TO '${parquet}' (FORMAT parquet)`
  );
  const types = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`))
    .getRows()
    .map((r) => String(r[1]));
  db.closeSync();
  instance.closeSync();
  expect(types[1]).toBe("DATE");
  writeFileSync(
    join(dir, "orders.csv"),
    "customer_id,order_date,amount\n" + rows.map((r) => r.join(",")).join("\n") + "\n"
  );
  const fromParquet = run("--orders", "orders[1].parquet", "--out", "p.xlsx");
  expect(fromParquet.stderr).toBe("");
  expect(fromParquet.stdout).toMatch(/5 orders of 3 customers\.$/m);
  expect(run("--orders", "orders.csv", "--out", "c.xlsx").stderr).toBe("");
  expect(await sheetCells("p.xlsx")).toEqual(await sheetCells("c.xlsx"));
  const duck = run("--orders", "orders[1].parquet", "--out", "d.xlsx", "--engine", "duckdb");
  expect(duck.stdout).toMatch(/5 orders of 3 customers\.$/m);
});
