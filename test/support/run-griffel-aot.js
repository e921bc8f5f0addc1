/**
 * Runs scripts/griffel-aot-loader.js on the files named in argv, as webpack would, and prints
 * { [file]: { code, warnings } } as JSON. A separate process: esbuild, which the loader uses,
 * refuses to load in Jest's jsdom environment.
 */
const { readFileSync } = require("fs");
const loader = require("../../scripts/griffel-aot-loader.js");

function runLoader(file) {
  const warnings = [];
  return new Promise((resolve, reject) => {
    loader.call(
      {
        resourcePath: file,
        addDependency: () => undefined,
        emitWarning: (error) => warnings.push(error.message),
        async: () => (error, code) => (error ? reject(error) : resolve({ code, warnings })),
      },
      readFileSync(file, "utf8")
    );
  });
}

(async () => {
  const results = {};
  for (const file of process.argv.slice(2)) results[file] = await runLoader(file);
  process.stdout.write(JSON.stringify(results));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
