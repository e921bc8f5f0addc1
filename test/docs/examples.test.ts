/**
 * Every example the documentation prints, recomputed by the built dist/functions.js.
 *
 * - Each `=RETAIN.…` example with literal arguments (a table row `| formula | result |` or
 *   "formula → result") against its printed result, at the precision printed.
 * - The data functions' page: each example formula followed by a table, evaluated on the sheet
 *   it names (the sample orders, or the five subscriptions typed as the page prints them), and
 *   the table compared with the spill cell by cell; its worked example from orders to the
 *   projection, figure by figure.
 * - The cohort curves' page: the worked example's fit, projection and valuation.
 *
 * The BG/NBD worked example is checked by test/functions/clv-readme.test.ts. Needs `npm run build`.
 */
import fs from "fs";
import path from "path";
import {
  callFunction,
  errorCode,
  evaluate,
  figureMismatch,
  leadingFigure,
  NotLiteral,
  ordersSheet,
  readDoc,
  ROOT,
  serial,
  Sheet,
  tableCells,
  topLeft,
} from "./doc-formulas";

const DOCS = [
  "README.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The text from a heading to the next heading of the same or a higher level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const next = new RegExp(`^#{1,${level}} `, "m");
  const rest = text.slice(start + heading.length + 1);
  const end = rest.search(next);
  return text.slice(start, end < 0 ? undefined : start + heading.length + 1 + end);
}

/** The markdown tables of a text, each with the paragraph just above it. */
function tablesOf(text: string): Array<{ above: string; rows: string[][] }> {
  const lines = text.split("\n");
  const tables: Array<{ above: string; rows: string[][] }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("|") || (i > 0 && lines[i - 1].startsWith("|"))) continue;
    let end = i;
    while (end < lines.length && lines[end].startsWith("|")) end++;
    let top = i - 1;
    while (top >= 0 && lines[top].trim() === "") top--;
    let first = top;
    while (first > 0 && lines[first - 1].trim() !== "" && !lines[first - 1].startsWith("|"))
      first--;
    const above = top >= 0 ? lines.slice(first, top + 1).join("\n") : "";
    const rows = lines.slice(i, end).map(tableCells);
    tables.push({ above, rows: [rows[0], ...rows.slice(2)] }); // without the |---| line
    i = end - 1;
  }
  return tables;
}

/**
 * A printed table against a spill. The spill's header row (all text) is set aside; a row "…"
 * aligns the rows after it with the end of the spill; a column "…" maps the period columns by
 * their labels (column 2 + age, as cohort tables are laid out). Returns what differs.
 */
function compareTable(printed: string[][], spill: unknown[][]): string[] {
  const header = printed[0];
  const rows = printed.slice(1);
  const titled =
    spill.length > 0 &&
    (String(spill[0][0]).toLowerCase() === header[0].toLowerCase() ||
      spill[0].every((c) => typeof c === "string" && c !== ""));
  const data = titled ? spill.slice(1) : spill;
  const problems: string[] = [];
  const byLabel = header.includes("…");
  const columnOf = (k: number) => (byLabel && k >= 2 ? 2 + Number(header[k]) : k);
  if (!byLabel && header.length !== data[0].length)
    problems.push(`${header.length} columns printed, ${data[0].length} computed`);
  const gap = rows.findIndex((r) => r[0] === "…");
  const top = gap < 0 ? rows : rows.slice(0, gap);
  const bottom = gap < 0 ? [] : rows.slice(gap + 1);
  if (gap < 0 && rows.length !== data.length)
    problems.push(`${rows.length} rows printed, ${data.length} computed`);
  const check = (row: string[], computed: unknown[]) =>
    row.forEach((cell, k) => {
      if (cell === "…" || header[k] === "…") return;
      const value = computed[columnOf(k)];
      const problem = figureMismatch(cell, value);
      if (problem) problems.push(`row ${row[0]}, column ${header[k]}: ${problem}`);
    });
  top.forEach((row, i) => check(row, data[i]));
  bottom.forEach((row, j) => check(row, data[data.length - bottom.length + j]));
  return problems;
}

// ---------------------------------------------------------------- literal examples, every page
describe("every example with literal arguments gives the printed result", () => {
  const checkedPerPage = new Map<string, number>();
  test.each(DOCS)("%s", (doc) => {
    const problems: string[] = [];
    let checked = 0;
    for (const line of readDoc(doc).split("\n")) {
      const found: Array<[string, string]> = [];
      const row = /^\| `(=RETAIN\.[^`]+)`[^|]*\| ([^|]*) \|/.exec(line);
      if (row) found.push([row[1], row[2]]);
      for (const m of line.matchAll(/`(=RETAIN\.[^`]+)` → (\S+)/g)) found.push([m[1], m[2]]);
      for (const [formula, result] of found) {
        let value: unknown;
        try {
          value = evaluate(formula);
        } catch (e) {
          if (e instanceof NotLiteral) continue; // reads a sheet: checked below or elsewhere
          throw e;
        }
        checked++;
        const figure = leadingFigure(result);
        const problem = figure
          ? figureMismatch(figure, topLeft(value))
          : `no figure in "${result}"`;
        if (problem) problems.push(`${formula}: ${problem}`);
      }
    }
    checkedPerPage.set(doc, checked);
    expect(problems).toEqual([]);
  });

  test("each function family's page has literal examples", () => {
    // Economics 17, sBG 8, data 9, buyers 8 when this was written: a page that lost its
    // examples (or a pattern that stopped finding them) fails here.
    expect(checkedPerPage.get("docs/functions-economics.md")).toBeGreaterThanOrEqual(17);
    expect(checkedPerPage.get("docs/functions-sbg.md")).toBeGreaterThanOrEqual(8);
    expect(checkedPerPage.get("docs/functions-data.md")).toBeGreaterThanOrEqual(9);
    expect(checkedPerPage.get("docs/functions-buyers.md")).toBeGreaterThanOrEqual(8);
  });
});

// ---------------------------------------------------------------- the data functions' page
const DATA = readDoc("docs/functions-data.md");

/** The five subscriptions, typed into a sheet as the page's table prints them. */
function subscriptionsSheet(): Sheet {
  const table = tablesOf(section(DATA, "## The functions")).find((t) =>
    t.above.includes("**Five subscriptions**")
  );
  if (!table) throw new Error("the page no longer prints the five subscriptions");
  const sheet = new Sheet();
  const columns = table.rows[0].slice(1);
  for (const [row, ...cells] of table.rows.slice(1)) {
    cells.forEach((cell, k) => {
      const value =
        cell === ""
          ? null
          : /^\d{4}-\d{2}-\d{2}$/.test(cell)
            ? serial(cell)
            : /^\d+(\.\d+)?$/.test(cell)
              ? Number(cell)
              : cell;
      sheet.put(`${columns[k]}${row}`, value);
    });
  }
  return sheet;
}

describe("docs/functions-data.md", () => {
  const orders = ordersSheet();
  const subscriptions = subscriptionsSheet();

  test("each example table is the spill of the formula above it", () => {
    const problems: string[] = [];
    let compared = 0;
    for (const { above, rows } of tablesOf(section(DATA, "## The functions"))) {
      if (["argument", "example", ""].includes(rows[0][0])) continue; // arguments, literals, data
      const formulas = [...above.matchAll(/`(=RETAIN\.[^`]+)`/g)].map((m) => m[1]);
      const formula = formulas[formulas.length - 1];
      if (!formula) throw new Error(`no formula above the table "${rows[0].join(" | ")}"`);
      const sheet = /\b[A-Z]2:[A-Z]6\b/.test(formula) ? subscriptions : orders;
      const spill = evaluate(formula, sheet) as unknown[][];
      for (const p of compareTable(rows, spill)) problems.push(`${formula}: ${p}`);
      compared++;
    }
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(9);
  });

  test("the subscriptions' durations feed KAPLAN_MEIER and MEDIAN_LIFETIME as printed", () => {
    const text = section(DATA, "### RETAIN.SUBSCRIPTION_DURATIONS");
    const durations = evaluate(
      /`(=RETAIN\.SUBSCRIPTION_DURATIONS\(B2[^`]+)`/.exec(text)![1],
      subscriptions
    );
    subscriptions.put("F2", durations);
    const km = evaluate("=RETAIN.KAPLAN_MEIER(F2:F6, G2:G6)", subscriptions) as unknown[][];
    const [, first, afterTwo] = /survival ([\d.]+) at month 1 and ([\d.]+) from month 2/.exec(
      text
    )!;
    expect(figureMismatch(first, km[1][4])).toBeNull();
    for (const row of km.slice(2)) expect(figureMismatch(afterTwo, row[4])).toBeNull();
    expect(text).toContain("`=RETAIN.MEDIAN_LIFETIME(F2:F6, G2:G6)` is `#N/A`");
    const median = evaluate("=RETAIN.MEDIAN_LIFETIME(F2:F6, G2:G6)", subscriptions);
    expect(errorCode(topLeft(median))).toBe("#N/A");
  });

  describe("the worked example: orders → period retention → cohorts → sBG fit → projection", () => {
    const example = section(
      DATA,
      "## Worked example: orders → period retention → cohorts → sBG fit → projection"
    );
    const formulas = new Map(
      [...example.matchAll(/^\| ([A-Z]+\d+) \| `(=[^`]+)`/gm)].map((m) => [m[1], m[2]])
    );
    const tables = tablesOf(example);
    const tableAfter = (marker: string) => {
      const t = tables.find((x) => x.above.includes(marker));
      if (!t) throw new Error(`no table after "${marker}"`);
      return t.rows;
    };
    const retention = evaluate(formulas.get("E1")!, orders) as unknown[][];
    const triangle = evaluate(formulas.get("E22")!, orders) as unknown[][];

    test("the period retention table", () => {
      expect(compareTable(tableAfter("(E1,"), retention)).toEqual([]);
    });

    test("the cohort survivors, and who ordered in each month", () => {
      expect(compareTable(tableAfter("(E22,"), triangle)).toEqual([]);
      const [, printed] = /`measure` 0 shows[^:]*:\s*([\d, ]+), … for January 2024/.exec(example)!;
      const active = evaluate("=RETAIN.COHORTS(A:A, B:B, C:C, 0, , , 0)", orders) as unknown[][];
      const values = printed.split(", ").map(Number);
      expect(active[0].slice(2, 2 + values.length)).toEqual(values);
    });

    test("one α, β across the cohorts, and the projection", () => {
      // E42 is =RETAIN.SBG_FIT(DROP(E22#, , 2)): the triangle without its cohort and size columns.
      expect(formulas.get("E42")).toBe("=RETAIN.SBG_FIT(DROP(E22#, , 2))");
      const fit = callFunction(
        "SBG_FIT",
        triangle.map((row) => row.slice(2))
      ) as number[][];
      const [, alpha, beta] = /\(E42:F42\): α = (\d+\.\d+), β = (\d+\.\d+)/.exec(example)!;
      expect(figureMismatch(alpha, fit[0][0])).toBeNull();
      expect(figureMismatch(beta, fit[0][1])).toBeNull();

      expect(formulas.get("E44")).toBe("=RETAIN.SBG_SURVIVAL(E42, F42, SEQUENCE(1, 25, 0))");
      const ages = Array.from({ length: 25 }, (_, t) => t);
      const curve = callFunction(
        "SBG_SURVIVAL",
        [[fit[0][0]]],
        [[fit[0][1]]],
        [ages]
      ) as number[][];
      const [header, values] = tableAfter("(E44,");
      expect(values[0]).toBe("S(t)");
      for (let k = 1; k < header.length; k++)
        expect(figureMismatch(values[k], curve[0][Number(header[k])])).toBeNull();
    });
  });
});

// ---------------------------------------------------------------- the cohort curves' page
describe("docs/functions-sbg.md: fit, project and value a cohort", () => {
  const example = section(
    readDoc("docs/functions-sbg.md"),
    "### Worked example: fit, project and value a cohort"
  );
  const sheet = new Sheet();
  const cellFormulas = new Map<string, string>();
  const [data] = tablesOf(example);
  const columns = data.rows[0].slice(1);
  for (const [row, ...cells] of data.rows.slice(1))
    cells.forEach((cell, k) => {
      const ref = `${columns[k]}${row}`;
      if (/^`=/.test(cell)) cellFormulas.set(ref, cell.slice(1, -1));
      else if (/^\d+$/.test(cell)) sheet.put(ref, Number(cell));
    });
  const [, fillFrom, fillTo, firstYear, lastYear] = /Fill (A\d+):(A\d+) with (\d+) to (\d+)/.exec(
    example
  )!;
  const fillStart = Number(fillFrom.slice(1));
  expect(Number(fillTo.slice(1)) - fillStart).toBe(Number(lastYear) - Number(firstYear));
  for (let y = Number(firstYear); y <= Number(lastYear); y++)
    sheet.put(`A${fillStart + y - Number(firstYear)}`, y);
  sheet.put("D2", evaluate(cellFormulas.get("D2")!, sheet));

  test("the fit, at both precisions printed", () => {
    const [, a4, b4, a6, b6] = /\*\*α = ([\d.]+), β = ([\d.]+)\*\* \(([\d.]+), ([\d.]+)\)/.exec(
      example
    )!;
    const [alpha, beta] = sheet.range("D2:E2")[0];
    for (const [printed, value] of [
      [a4, alpha],
      [b4, beta],
      [a6, alpha],
      [b6, beta],
    ] as const)
      expect(figureMismatch(printed, value)).toBeNull();
  });

  test("the projection and the retention curve", () => {
    const projection = cellFormulas.get("C2")!;
    expect(projection).toMatch(/^=1000\*RETAIN\./);
    const curve = evaluate(`=${projection.slice("=1000*".length)}`, sheet) as number[][];
    const table = tablesOf(example).find((t) => t.rows[0][0] === "year")!.rows;
    const projected = table.find((r) => r[0] === "projected")!;
    const retention = table.find((r) => r[0] === "retention r(t)")!;
    const problems: string[] = [];
    for (let k = 1; k < table[0].length; k++) {
      const year = parseInt(table[0][k], 10);
      const p = figureMismatch(projected[k], 1000 * curve[year][0]);
      if (p) problems.push(`projected year ${year}: ${p}`);
      if (retention[k] !== "") {
        const r = figureMismatch(
          retention[k],
          topLeft(evaluate(`=RETAIN.SBG_RETENTION(D2, E2, ${year})`, sheet))
        );
        if (r) problems.push(`retention year ${year}: ${r}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the valuation table", () => {
    const rows = [...example.matchAll(/^\| `(=RETAIN\.[^`]+)`[^|]*\| ([^|]+) \|/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(7);
    const problems = rows.flatMap(([, formula, printed]) => {
      const p = figureMismatch(leadingFigure(printed)!, topLeft(evaluate(formula, sheet)));
      return p ? [`${formula}: ${p}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
