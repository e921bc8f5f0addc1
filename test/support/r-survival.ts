/**
 * R's survival package as the reference engine for the survival statistics, the way LibreOffice
 * is for workbooks. `runR(script, data)` writes each data frame as a CSV, runs the script with
 * Rscript (the frames are loaded as variables of the same names, the survival package attached),
 * and returns what the script printed with `emit(name, values)` as numbers keyed by name.
 * scripts/system-deps.js installs R and r-cran-survival when they are missing (npm test does it).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rscriptPath } = require("../../scripts/system-deps");

export type RFrame = Record<string, readonly (number | string)[]>;

function csv(frame: RFrame): string {
  const names = Object.keys(frame);
  const rows = frame[names[0]].length;
  const quote = (v: number | string) =>
    typeof v === "number" ? (Number.isFinite(v) ? String(v) : "NA") : `"${v.replace(/"/g, '""')}"`;
  const lines = [names.join(",")];
  for (let i = 0; i < rows; i++) lines.push(names.map((n) => quote(frame[n][i])).join(","));
  return lines.join("\n") + "\n";
}

const PRELUDE = `
suppressPackageStartupMessages(library(survival))
emit <- function(name, values) cat("@@", name, format(as.numeric(values), digits = 17), "\\n")
`;

/**
 * Runs `script` in R. Frames become data frames (text columns stay character, not factors);
 * every `emit("name", x)` line comes back as result.name = numbers (NA → NaN).
 */
export function runR(script: string, frames: Record<string, RFrame> = {}): Record<string, number[]> {
  const dir = mkdtempSync(join(tmpdir(), "r-survival-"));
  try {
    const loads = Object.entries(frames).map(([name, frame]) => {
      const file = join(dir, `${name}.csv`);
      writeFileSync(file, csv(frame));
      return `${name} <- read.csv(${JSON.stringify(file)}, stringsAsFactors = FALSE)`;
    });
    const path = join(dir, "script.R");
    writeFileSync(path, [PRELUDE, ...loads, script].join("\n"));
    const out = execFileSync(rscriptPath(), ["--vanilla", path], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const result: Record<string, number[]> = {};
    for (const line of out.split("\n")) {
      const m = /^@@ (\S+) ?(.*)$/.exec(line.trim());
      if (!m) continue;
      result[m[1]] = m[2]
        .trim()
        .split(/\s+/)
        .filter((t) => t.length > 0)
        .map((t) => (t === "NA" ? NaN : Number(t)));
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
