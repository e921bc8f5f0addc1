/*
 * The report command's start-up (issue 10): wall time of `node bin/retention-report.js` as a
 * process, beside a bare `node -e ""` (the floor no command can beat), interleaved, medians.
 *  - --help: start-up alone (the compiled command, no ExcelJS);
 *  - writing the worked example's report: start-up, ExcelJS loaded on demand, and the write.
 * Needs the built command (`npm run build`).
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { row } from "./harness";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "retention-report.js");
const RUNS = Number(process.env.RUNS ?? 15);
const WRITE_RUNS = Math.max(3, Math.round(RUNS / 3));

if (!existsSync(path.join(ROOT, "dist", "cli", "retention-report.js"))) {
  console.error("dist/cli/retention-report.js is missing: run `npm run build` first");
  process.exit(1);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

function wallMs(args: string[], cwd: string): number {
  // NODE_OPTIONS from `npm run bench` (--expose-gc) is not the command's: run it as a user would.
  const env = { ...process.env, NODE_OPTIONS: "" };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: "ignore" });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}`);
  return elapsed;
}

const dir = mkdtempSync(path.join(tmpdir(), "cli-bench-"));
try {
  const bare: number[] = [];
  const help: number[] = [];
  const write: number[] = [];
  // Round 0 warms the file cache and is not counted.
  for (let i = 0; i <= RUNS; i++) {
    const b = wallMs(["-e", ""], dir);
    const h = wallMs([BIN, "--help"], dir);
    const w = i <= WRITE_RUNS ? wallMs([BIN, "--force", "--out", "report.xlsx"], dir) : NaN;
    if (i === 0) continue;
    bare.push(b);
    help.push(h);
    if (!Number.isNaN(w)) write.push(w);
  }
  const floor = median(bare);
  row(`report command, as a process (median of ${RUNS})`, "wall time", "beyond bare Node");
  row('bare node -e "" (the floor)', ms(floor));
  row(
    "retention-report --help (start-up)",
    ms(median(help)),
    `+${ms(median(help) - floor)}   (compiled JavaScript, ExcelJS not loaded)`
  );
  row(
    `retention-report, worked example to .xlsx (${write.length} runs)`,
    ms(median(write)),
    `+${ms(median(write) - floor)}   (ExcelJS loads only here)`
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
