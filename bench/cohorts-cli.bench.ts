/*
 * `retention-report cohorts` on a file past Excel's limit (issue 11): a generated orders CSV of
 * 10,000,000 rows and 1,000,000 customers (written once to the temp folder, ~300 MB), streamed by
 * the built command as a process. Prints rows/s (wall time, start-up and the .xlsx write
 * included) and the child's peak resident memory (process.resourceUsage().maxRSS, printed at exit
 * by a --require hook, so the command itself is unchanged), beside the targets.
 * Needs the built command (`npm run build`). ROWS / CUSTOMERS override the size.
 */
import { spawnSync } from "child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "fs";
import { tmpdir } from "os";
import path from "path";
import { row } from "./harness";
import { seededRandom } from "../test/support/seeded-random";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "retention-report.js");
const ROWS = Number(process.env.ROWS ?? 10_000_000);
const CUSTOMERS = Number(process.env.CUSTOMERS ?? 1_000_000);
const FILE = path.join(tmpdir(), `retention-cohorts-${ROWS}-${CUSTOMERS}.csv`);

if (!existsSync(path.join(ROOT, "dist", "cli", "retention-report.js"))) {
  console.error("dist/cli/retention-report.js is missing: run `npm run build` first");
  process.exit(1);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Exactly ROWS orders of CUSTOMERS customers over 36 months from 2023-01: each customer gets
 * ROWS / CUSTOMERS orders (±, summing exactly) from a random first month on, a month or a few
 * apart. Customer ids are scattered (i × a prime mod CUSTOMERS) so no two neighbouring lines
 * share a customer by construction. Written in 4 MB pieces.
 */
function generate(file: string): void {
  const random = seededRandom(11);
  const fd = openSync(`${file}.part`, "w");
  let buffer = "customer_id,order_date,amount\n";
  let written = 0;
  const perCustomer = ROWS / CUSTOMERS;
  for (let i = 0; i < CUSTOMERS; i++) {
    const id = `C-${String(((i * 7919) % CUSTOMERS) + 1).padStart(7, "0")}`;
    const target = Math.round((i + 1) * perCustomer) - Math.round(i * perCustomer);
    let month = Math.floor(random() * 24);
    for (let k = 0; k < target; k++) {
      const m = Math.min(month, 35);
      const year = 2023 + Math.floor(m / 12);
      const mm = (m % 12) + 1;
      const day = 1 + Math.floor(random() * DAYS_IN_MONTH[mm - 1]);
      const amount = (5 + random() * 195).toFixed(2);
      buffer += `${id},${year}-${pad2(mm)}-${pad2(day)},${amount}\n`;
      written++;
      month += random() < 0.7 ? 1 : 1 + Math.floor(random() * 4);
    }
    if (buffer.length > 4_000_000) {
      writeSync(fd, buffer);
      buffer = "";
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  if (written !== ROWS) throw new Error(`generated ${written} rows, not ${ROWS}`);
  rmSync(file, { force: true });
  require("fs").renameSync(`${file}.part`, file);
}

if (!existsSync(FILE)) {
  const t0 = Date.now();
  generate(FILE);
  console.log(
    `generated ${FILE} (${(statSync(FILE).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "cohorts-bench-"));
try {
  const hook = path.join(dir, "max-rss.js");
  writeFileSync(
    hook,
    `process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("maxRSS " + u.maxRSS + " cpu " + (u.userCPUTime + u.systemCPUTime) + "\\n"); });\n`
  );
  const t0 = process.hrtime.bigint();
  // NODE_OPTIONS from `npm run bench` (--expose-gc) is not the command's: run it as a user would.
  const r = spawnSync(
    process.execPath,
    [BIN, "cohorts", "--orders", FILE, "--out", path.join(dir, "analysis.xlsx")],
    { env: { ...process.env, NODE_OPTIONS: `--require ${hook}` }, encoding: "utf8" }
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`the command failed (${r.status}): ${r.stderr}`);
  const maxRssKb = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
  const cpuSeconds = Number(/cpu (\d+)/.exec(r.stderr)?.[1]) / 1e6;
  const size = statSync(path.join(dir, "analysis.xlsx")).size;
  row(
    `cohorts --orders, ${(ROWS / 1e6).toFixed(0)}M rows, ${(CUSTOMERS / 1e6).toFixed(1)}M customers`,
    "",
    r.stdout.trim()
  );
  row("  wall time (start-up and .xlsx write included)", `${seconds.toFixed(1)} s`);
  row(
    "  rows/s (wall)",
    `${Math.round(ROWS / seconds).toLocaleString("en-US")}`,
    "target ≥ 500,000"
  );
  // On a shared machine the wall time includes waiting for a core; CPU time does not.
  row(
    "  rows/s (CPU time of the child)",
    `${Math.round(ROWS / cpuSeconds).toLocaleString("en-US")}`,
    `${cpuSeconds.toFixed(1)} s of CPU; machine load ${require("os").loadavg()[0].toFixed(1)} on ${require("os").cpus().length} cores`
  );
  row("  peak memory (child maxRSS)", `${(maxRssKb / 1024).toFixed(0)} MB`, "target ≤ 1,024 MB");
  row("  workbook written", `${(size / 1024).toFixed(0)} KB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
