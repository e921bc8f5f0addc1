/**
 * Run by engines-agree.test.ts in a child process (through tsx) under a given LC_ALL and TZ:
 * each CSV file named in the JSON list (argv[2]) through both engines of `retention-report
 * cohorts`, printed as JSON (typed arrays as arrays; a refusal as its message).
 */
import { readFileSync } from "node:fs";
import { parseCohortsArguments } from "../../src/cli/cohorts-arguments";
import { analyseCsv } from "../../src/cli/csv-analysis";
import { analyseWithDuckDb } from "../../src/cli/duckdb-analysis";
import type { AnalysisTables } from "../../src/model/history/analysis";

const tables = (a: AnalysisTables) => ({
  rows: a.rows,
  customers: a.ids.count,
  range: a.range,
  lastDay: a.lastDay,
  retention: a.retention,
  cohorts: a.cohorts,
  movements: a.movements,
});

const plain = (_key: string, value: unknown) =>
  ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value;

async function main(): Promise<void> {
  const files = JSON.parse(readFileSync(process.argv[2], "utf8")) as string[];
  const out: Record<string, unknown> = {};
  for (const path of files) {
    const args = parseCohortsArguments(["--orders", path, "--engine", "duckdb"]);
    const settle = (p: Promise<AnalysisTables>) =>
      p.then(tables, (e: Error) => ({ refused: e.message }));
    out[path] = {
      stream: await settle(analyseCsv(path, "o.csv", args)),
      duckdb: await settle(analyseWithDuckDb(path, "o.csv", args)),
    };
  }
  process.stdout.write(JSON.stringify(out, plain));
}

void main();
