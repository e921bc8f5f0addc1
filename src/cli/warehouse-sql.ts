/**
 * The warehouse SQL files (sql/*.sql): where they are and how their parameters are set. Each
 * file opens with a `params` CTE whose lines read `<value> AS <name>,  -- comment`; a user edits
 * those values in their console, and the command line and the tests set them the same way, so
 * every engine runs exactly the text a user would paste.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { isoTextFromSerial } from "../model/reading/excel-dates";
import { PeriodUnit, PERIOD_UNITS } from "../model/history/periods";

export const WAREHOUSE_SQL_FILES = [
  "period_retention",
  "subscription_retention",
  "cohorts",
  "subscription_cohorts",
  "revenue_movements",
  "subscription_revenue_movements",
  "rfm_summary",
  "kaplan_meier_input",
] as const;

export type WarehouseSqlFile = (typeof WAREHOUSE_SQL_FILES)[number];

/** A parameter's value: a period unit or other text, a date as an Excel serial, or null. */
export type SqlParameter =
  | { kind: "unit"; value: PeriodUnit }
  | { kind: "date"; value: number | null }
  | { kind: "number"; value: number };

/**
 * The repository's sql/ folder: two levels up from this module both in src/cli (tests, tsx)
 * and in dist/cli (the compiled command); RETAIN_SQL_DIR overrides.
 */
export function sqlDirectory(): string {
  const candidates = [process.env.RETAIN_SQL_DIR, resolve(__dirname, "..", "..", "sql")];
  // Webpack may leave __dirname as "/" or "."; fall back to the folder of the running script.
  if (require.main?.filename) candidates.push(resolve(dirname(require.main.filename), "..", "sql"));
  for (const dir of candidates)
    if (dir && existsSync(join(dir, "period_retention.sql"))) return dir;
  throw new Error("the SQL files (sql/*.sql) are missing beside the command");
}

export function readSqlFile(name: WarehouseSqlFile, dir = sqlDirectory()): string {
  return readFileSync(join(dir, `${name}.sql`), "utf8");
}

function literal(p: SqlParameter): string {
  switch (p.kind) {
    case "unit":
      if (!PERIOD_UNITS.includes(p.value)) throw new Error(`unknown period unit ${p.value}`);
      return `'${p.value}'`;
    case "date":
      return p.value === null ? "CAST(NULL AS DATE)" : `DATE '${isoTextFromSerial(p.value)}'`;
    case "number":
      if (!Number.isFinite(p.value)) throw new Error(`parameter must be a finite number`);
      return String(p.value);
  }
}

/** The SQL with the named values of its `params` CTE replaced; a name it lacks is an error. */
export function bindSqlParameters(sql: string, values: Record<string, SqlParameter>): string {
  let out = sql;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^(\\s*)((?!--)\\S.*?) AS ${name}(,?)([ \\t]*--.*)?$`, "m");
    if (!line.test(out)) throw new Error(`the SQL has no parameter ${name}`);
    out = out.replace(line, (_m, indent: string, _old: string, comma: string, comment = "") => {
      return `${indent}${literal(value)} AS ${name}${comma}${comment}`;
    });
  }
  return out;
}
