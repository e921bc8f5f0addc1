/*
 * Webpack loader: Griffel's ahead-of-time step for our own styles. Fluent UI's packages ship
 * their styles already compiled (`__styles(classes, cssRules)`); our `makeStyles({...})` calls
 * would otherwise be resolved in the browser, during the pane's first render, by Griffel's
 * runtime compiler (stylis, rtl-css-js, hashing), which is also about 30 KB (minified) of the
 * initial JavaScript. This loader does at build time what that compiler would do at run time, with the
 * same function (@griffel/core's resolveStyleRulesForSlots, the one Griffel's own build tools
 * use), and rewrites each call to Fluent's `__styles(classes, cssRules)`: the same class names
 * and the same CSS rules, inserted the same way, without the compiler.
 *
 * The style objects are found by evaluating the module in Node (bundled by esbuild, npm
 * packages and dynamic imports left out), with each makeStyles call recording its argument.
 * A module that cannot be evaluated keeps its makeStyles calls (a warning says so).
 */
const path = require("path");
const Module = require("module");
const ts = require("typescript");
const esbuild = require("esbuild");
const { resolveStyleRulesForSlots } = require("@griffel/core");

const STYLE_PACKAGES = new Set(["@fluentui/react-components", "@griffel/react"]);
const RECORDER = "__griffelAotRecord";

/** Spans of the makeStyles(...) calls whose makeStyles is imported from Fluent or Griffel. */
function makeStylesCalls(source, file) {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  );
  const localNames = new Set();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !STYLE_PACKAGES.has(statement.moduleSpecifier.text))
      continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const element of bindings.elements)
        if ((element.propertyName ?? element.name).text === "makeStyles")
          localNames.add(element.name.text);
  }
  const calls = [];
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      localNames.has(node.expression.text) &&
      node.arguments.length === 1
    ) {
      const argument = node.arguments[0];
      calls.push({
        start: node.getStart(sourceFile),
        end: node.end,
        argument: source.slice(argument.getStart(sourceFile), argument.end),
      });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return calls;
}

/** Replaces spans (in order, not overlapping) of `source` by `replacement(call, index)`. */
function rewrite(source, calls, replacement) {
  let out = "";
  let at = 0;
  calls.forEach((call, i) => {
    out += source.slice(at, call.start) + replacement(call, i);
    at = call.end;
  });
  return out + source.slice(at);
}

/** Runs the module in Node with each makeStyles call recording its styles; returns them in order. */
async function evaluateStyles(source, file, calls) {
  const instrumented = rewrite(
    source,
    calls,
    (call, i) => `globalThis.${RECORDER}(${i}, ${call.argument})`
  );
  const result = await esbuild.build({
    stdin: {
      contents: instrumented,
      sourcefile: file,
      resolveDir: path.dirname(file),
      loader: path.extname(file).slice(1),
    },
    bundle: true,
    write: false,
    platform: "node",
    format: "cjs",
    target: "node20",
    jsx: "automatic",
    packages: "external",
    metafile: true,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
    // Styles never depend on assets, workers or lazily loaded modules.
    loader: { ".csv": "empty", ".png": "empty", ".css": "empty" },
    plugins: [
      {
        name: "lazy-imports-stay-out",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) =>
            args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined
          );
        },
      },
    ],
  });
  const recorded = [];
  globalThis[RECORDER] = (index, styles) => {
    recorded[index] = styles;
    return () => ({});
  };
  try {
    const module = new Module(file, null);
    module.filename = file;
    module.paths = Module._nodeModulePaths(path.dirname(file));
    module._compile(result.outputFiles[0].text, file);
  } finally {
    delete globalThis[RECORDER];
  }
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(input));
  return { styles: recorded, inputs };
}

module.exports = function griffelAotLoader(source) {
  const callback = this.async();
  const file = this.resourcePath;
  const calls = source.includes("makeStyles") ? makeStylesCalls(source, file) : [];
  if (calls.length === 0) return callback(null, source);
  compile(this, source, file, calls).then(
    (compiled) => callback(null, compiled),
    (error) => {
      this.emitWarning(
        new Error(
          `Griffel AOT skipped ${path.relative(process.cwd(), file)} (its styles compile in the browser): ${error.message}`
        )
      );
      callback(null, source);
    }
  );
};

async function compile(loader, source, file, calls) {
  const { styles, inputs } = await evaluateStyles(source, file, calls);
  // The styles may come from other modules (tokens, shared constants): rebuild when they change.
  for (const input of inputs)
    if (input !== file && !input.includes("node_modules")) loader.addDependency(input);
  const missing = calls.findIndex((_, i) => styles[i] === undefined);
  if (missing >= 0)
    throw new Error(`makeStyles call ${missing + 1} was not reached when the module ran`);
  const compiled = rewrite(source, calls, (_, i) => {
    const [classes, cssRules] = resolveStyleRulesForSlots(styles[i]);
    return `__griffelStyles(${JSON.stringify(classes)}, ${JSON.stringify(cssRules)})`;
  });
  // At the end, so that the lines keep their numbers (source maps); imports are hoisted anyway.
  return `${compiled}\nimport { __styles as __griffelStyles } from "@fluentui/react-components";\n`;
}

module.exports.makeStylesCalls = makeStylesCalls;
