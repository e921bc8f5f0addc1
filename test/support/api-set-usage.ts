/**
 * Which Office.js requirement sets a body of TypeScript needs, read the way the compiler reads it:
 * every property access (`sheet.pageLayout.zoom`), every property of an object literal passed to
 * Office.js (`{ verticalFitToPages: 0 }`) and every call (`Excel.run`) is resolved by the type
 * checker to its declaration; a declaration in @types/office-js carries its requirement set in its
 * JSDoc ("[Api set: ExcelApi 1.9]"), or else inherits its class's or interface's (`load`, `items`).
 *
 * Not seen: members reached through `any`, string-literal enum values ("ColumnClustered"), and
 * per-parameter or setter-only qualifiers ("1.1 for get, 1.8 for set" counts as 1.1).
 */
import fs from "fs";
import path from "path";
import ts from "typescript";

export const OFFICE_TYPES = require.resolve("@types/office-js/index.d.ts");

export interface ApiSetUse {
  /** "ExcelApi", "SharedRuntime", ... */
  set: string;
  /** "1.9" */
  version: string;
  /** "Excel.PageLayout.zoom" */
  member: string;
  /** "src/report/render-office.ts:104" */
  where: string;
}

/** 1.10 is above 1.9: versions compare part by part, as numbers. */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Excel's form ("[Api set: ExcelApi 1.9]") and the common API's ("**Requirement set**: {@link … | SharedRuntime 1.1}"). */
const API_SET = [
  /\[\s*Api set:\s*([A-Za-z]+)\s+(\d+\.\d+)/i,
  /\*\*Requirement sets?\*\*:\s*(?:\{@link [^|}]*\|\s*)?([A-Za-z]+)\s+(\d+\.\d+)/i,
];

/** The requirement set a declaration's own JSDoc names, if any. */
function ownApiSet(declaration: ts.Node): { set: string; version: string } | undefined {
  const text = declaration.getSourceFile().getFullText();
  const comments = ts.getLeadingCommentRanges(text, declaration.getFullStart()) ?? [];
  for (const range of comments.reverse()) {
    const comment = text.slice(range.pos, range.end);
    for (const pattern of API_SET) {
      const match = pattern.exec(comment);
      if (match) return { set: match[1], version: match[2] };
    }
  }
  return undefined;
}

/** The declaration's set, or its class's / interface's when the member names none (load, items, toJSON). */
function apiSetOf(declaration: ts.Node): { set: string; version: string } | undefined {
  const own = ownApiSet(declaration);
  if (own) return own;
  const parent = declaration.parent;
  if (parent && (ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent)))
    return ownApiSet(parent);
  return undefined;
}

/** "Excel.PageLayout.zoom" for a member declared in office-js. */
function qualifiedName(declaration: ts.Node, name: string): string {
  const parts = [name];
  for (let node = declaration.parent; node; node = node.parent) {
    if (
      (ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isModuleDeclaration(node)) &&
      node.name
    )
      parts.unshift(node.name.getText());
  }
  return parts.join(".");
}

/**
 * Every office-js member with a requirement set that `files` use. `virtualFiles` (path -> text)
 * are compiled as if they were on disk, so a test can show that a given use is caught.
 */
export function apiSetUses(
  files: string[],
  options: ts.CompilerOptions,
  virtualFiles: Record<string, string> = {}
): ApiSetUse[] {
  const host = ts.createCompilerHost(options, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const virtual = new Map(Object.entries(virtualFiles).map(([p, t]) => [path.resolve(p), t]));
  host.readFile = (f) => virtual.get(path.resolve(f)) ?? readFile(f);
  host.fileExists = (f) => virtual.has(path.resolve(f)) || fileExists(f);
  host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(f));
    return text !== undefined
      ? ts.createSourceFile(f, text, languageVersion, true)
      : getSourceFile(f, languageVersion, onError, shouldCreate);
  };
  const roots = [...files, ...virtual.keys()];
  const program = ts.createProgram(roots, options, host);
  const checker = program.getTypeChecker();
  const officeTypes = path.resolve(OFFICE_TYPES);
  const uses: ApiSetUse[] = [];

  const record = (symbol: ts.Symbol | undefined, node: ts.Node, name: string) => {
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol?.declarations ?? []) {
      if (path.resolve(declaration.getSourceFile().fileName) !== officeTypes) continue;
      const found = apiSetOf(declaration);
      if (!found) continue;
      const file = node.getSourceFile();
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      uses.push({
        ...found,
        member: qualifiedName(declaration, name),
        where: `${path.relative(process.cwd(), file.fileName)}:${line}`,
      });
      return; // one declaration (overloads share the set)
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      record(checker.getSymbolAtLocation(node.name), node.name, node.name.text);
    } else if (ts.isObjectLiteralExpression(node)) {
      // { horizontalFitToPages: 1, verticalFitToPages: 0 } assigned to an Office.js property.
      const type = checker.getContextualType(node);
      if (type) {
        for (const property of node.properties) {
          if (!property.name || !ts.isIdentifier(property.name)) continue;
          const name = property.name.text;
          const members = type.isUnion() ? type.types : [type];
          for (const member of members)
            record(checker.getPropertyOfType(member, name), property, name);
        }
      }
    }
    ts.forEachChild(node, visit);
  };

  const rootSet = new Set(roots.map((r) => path.resolve(r)));
  for (const file of program.getSourceFiles())
    if (rootSet.has(path.resolve(file.fileName))) visit(file);
  return uses;
}

/** Every .ts/.tsx file under `dir`. */
export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The project's compiler options (tsconfig.json), for the checker to see what `tsc` sees. */
export function projectCompilerOptions(root: string): ts.CompilerOptions {
  const configPath = path.join(root, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}
