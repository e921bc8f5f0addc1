/*
 * The first screen's code: what taskpane.js holds is what src/taskpane/index.tsx reaches through
 * static imports (webpack puts every dynamic import() in a chunk of its own). Everything the
 * first screen does not show must stay behind an import(): it would otherwise be downloaded,
 * parsed and run before every first paint (issue 23 §5: the time to interactive). Read from the
 * sources, so no build is needed.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import ts from "typescript";

const SRC = path.resolve(__dirname, "../../src");
const ENTRY = path.join(SRC, "taskpane/index.tsx");

interface Reached {
  /** Source files, relative to src/. */
  files: Set<string>;
  /** Named imports from npm packages, as "package:Name". */
  names: Set<string>;
}

function resolve(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (existsSync(candidate) && !candidate.endsWith(path.sep) && /\.(tsx?|json)$/.test(candidate))
      return candidate;
  return null;
}

/** Every module reached from the entry by imports that stay in the bundle (not `import type`, not import()). */
function staticallyReached(entry: string): Reached {
  const reached: Reached = { files: new Set(), names: new Set() };
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    const key = path.relative(SRC, file).split(path.sep).join("/");
    if (reached.files.has(key)) continue;
    reached.files.add(key);
    if (file.endsWith(".json")) continue;
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      let names: string[] = [];
      if (ts.isImportDeclaration(statement)) {
        const clause = statement.importClause;
        if (clause?.isTypeOnly) continue;
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) {
          const values = bindings.elements.filter((e) => !e.isTypeOnly);
          // Only types named: TypeScript drops the import.
          if (values.length === 0 && !clause?.name) continue;
          names = values.map((e) => (e.propertyName ?? e.name).text);
        }
        specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const target = specifier.text;
      if (target.startsWith(".")) {
        const resolved = resolve(file, target);
        if (!resolved) throw new Error(`${key}: cannot resolve ${target}`);
        queue.push(resolved);
      } else {
        for (const name of names) reached.names.add(`${target}:${name}`);
      }
    }
  }
  return reached;
}

describe("the first screen's code (what taskpane.js holds)", () => {
  const reached = staticallyReached(ENTRY);

  test("is found from the entry (the walk works)", () => {
    for (const file of [
      "taskpane/components/shell/App.tsx",
      "taskpane/components/shell/Pane.tsx",
      "taskpane/components/what-if/ResultsTable.tsx",
      "taskpane/i18n/en.json",
    ])
      expect(reached.files).toContain(file);
  });

  test("leaves out the views, tools and writers the first screen does not show", () => {
    const lazy = [
      /^taskpane\/components\/your-data\//,
      /^taskpane\/charts\//,
      /^taskpane\/worker\//,
      /^report\//,
      /^taskpane\/components\/what-if\/PaneDetails\.tsx$/,
      // Shown only under an older custom-functions runtime.
      /^taskpane\/components\/shared\/RuntimeNotice\.tsx$/,
      // Asked of Excel by the first read or write, never by the first screen (excel-run.ts, a
      // few lines, stays: the workbook's scenario storage is built with the host).
      /^taskpane\/host\/(date-system|office-table-reader)\.ts$/,
      // Strings of the views that load later, and the other language.
      /^taskpane\/i18n\/(data|details)\.[^/]+\.json$/,
      /^taskpane\/i18n\/zh-CN\.json$/,
    ];
    const eager = [...reached.files].filter((file) => lazy.some((pattern) => pattern.test(file)));
    expect(eager).toEqual([]);
  });

  test("holds the custom functions' ids but none of their code (it loads after the first screen)", () => {
    expect(reached.files).toContain("functions/lazy-function-table.ts");
    // The functions files and what only they use (the models' fits, the data readers).
    const functionsCode = [...reached.files].filter((file) =>
      /^functions\/(?!associate-on-first-call|lazy-function-table)|^model\/(buyers|survival)\//.test(
        file
      )
    );
    expect(functionsCode).toEqual([]);
  });

  test("draws no Fluent Button (about 4 KB gzipped of the first download)", () => {
    expect([...reached.names].filter((name) => /:(Button|ToggleButton)$/.test(name))).toEqual([]);
  });
});
