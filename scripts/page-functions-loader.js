/*
 * Webpack loader for the custom functions as the shared runtime's page registers them
 * (webpack.config.js; src/functions/lazy-function-table.ts says why). Three requests:
 *  - src/functions/lazy-function-table.ts: its content is written here, from
 *    custom-functions-metadata-plugin's results for this build: FUNCTION_IDS (every id, in the
 *    metadata's order) and loadFunctionTable(), an import() of the chunk below;
 *  - lazy-function-table.ts?table: that chunk's module, FUNCTION_TABLE (id → function), importing
 *    each functions file as "<file>?lazy";
 *  - <name>functions.ts?lazy: the functions file unchanged except that its imports of sibling
 *    functions files get "?lazy" too. The plugin appends CustomFunctions.associate only to a
 *    module whose request ends in the file's name, so the "?lazy" copies associate nothing: the
 *    page associates each id once, at load, and dist/functions.js (the plain files) is as before.
 */
const path = require("path");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** The plugin's associations for this compilation: { id, functionName, sourceFileName }[]. */
function associations(loader) {
  const results = Object.values(CustomFunctionsMetadataPlugin.generateResults);
  if (results.length !== 1 || !results[0].associate?.length)
    throw new Error(
      "page-functions-loader: custom-functions-metadata-plugin has no results for this build (is it in the same compiler?)"
    );
  for (const item of results[0].associate) loader.addDependency(item.sourceFileName);
  return results[0].associate;
}

function request(fromDir, file) {
  const relative = path.relative(fromDir, file).split(path.sep).join("/");
  return JSON.stringify(`${relative.startsWith(".") ? "" : "./"}${relative}?lazy`);
}

module.exports = function pageFunctionsLoader(source) {
  const query = this.resourceQuery;
  if (path.basename(this.resourcePath) !== "lazy-function-table.ts") {
    if (query !== "?lazy")
      throw new Error(`page-functions-loader: unexpected request ${this.resource}`);
    return source.replace(
      /(\bfrom\s+)(["'])(\.\/[\w-]*functions)(?:\.ts)?\2/g,
      (_, from, quote, file) => `${from}${quote}${file}.ts?lazy${quote}`
    );
  }
  const list = associations(this);
  if (query === "?table") {
    const imports = list.map(
      (item, k) =>
        `import { ${item.functionName} as f${k} } from ${request(this.context, item.sourceFileName)};`
    );
    const entries = list.map((item, k) => `  ${JSON.stringify(item.id)}: f${k},`);
    return `${imports.join("\n")}\nexport const FUNCTION_TABLE = {\n${entries.join("\n")}\n};\n`;
  }
  if (query) throw new Error(`page-functions-loader: unknown request ${this.resource}`);
  const name = path.basename(this.resourcePath);
  return (
    `export const FUNCTION_IDS = ${JSON.stringify(list.map((item) => item.id))};\n` +
    `export function loadFunctionTable() {\n` +
    `  return import(/* webpackChunkName: "custom-functions" */ ${JSON.stringify(`./${name}?table`)}).then((m) => m.FUNCTION_TABLE);\n` +
    `}\n`
  );
};
