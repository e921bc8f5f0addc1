/*
 * Chinese Excel keeps the English function names; only descriptions are translated.
 * Translations live beside the functions (src/functions/*.zh-cn.json, keyed by function id
 * and parameter name) and are merged into the generated functions.json at build time, so the
 * localized metadata can never drift from the real one. A missing or stale translation fails
 * the build (and test/functions/localization.test.ts).
 */
const fs = require("fs");
const path = require("path");

/** Returns { metadata, problems }: the localized copy of `metadata`, and what is missing or extra. */
function localizeMetadata(metadata, translations) {
  const problems = [];
  const used = new Set();
  const functions = metadata.functions.map((fn) => {
    const t = translations[fn.id];
    if (!t) {
      problems.push(`no translation for function ${fn.id}`);
      return fn;
    }
    used.add(fn.id);
    const parameters = fn.parameters.map((p) => {
      const description = t.parameters && t.parameters[p.name];
      if (!description) problems.push(`no translation for ${fn.id}(${p.name})`);
      return description ? { ...p, description } : p;
    });
    for (const name of Object.keys(t.parameters || {})) {
      if (!fn.parameters.some((p) => p.name === name))
        problems.push(`translation for unknown parameter ${fn.id}(${name})`);
    }
    if (!t.description) problems.push(`no description for function ${fn.id}`);
    return { ...fn, description: t.description || fn.description, parameters };
  });
  for (const id of Object.keys(translations))
    if (!used.has(id)) problems.push(`translation for unknown function ${id}`);
  return { metadata: { ...metadata, functions }, problems };
}

function readTranslations(files) {
  const merged = {};
  for (const file of files) {
    const full = path.resolve(__dirname, "..", file);
    if (fs.existsSync(full)) Object.assign(merged, JSON.parse(fs.readFileSync(full, "utf8")));
  }
  return merged;
}

/** Webpack plugin: emits functions-<locale>.json next to the generated functions.json. */
class LocalizedFunctionsPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { Compilation, sources, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("LocalizedFunctionsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "LocalizedFunctionsPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset(this.options.source);
          if (!asset) return;
          const metadata = JSON.parse(asset.source.source().toString());
          for (const [locale, files] of Object.entries(this.options.locales)) {
            const { metadata: localized, problems } = localizeMetadata(
              metadata,
              readTranslations(files)
            );
            for (const p of problems)
              compilation.errors.push(new WebpackError(`functions-${locale}.json: ${p}`));
            compilation.emitAsset(
              `functions-${locale}.json`,
              new sources.RawSource(JSON.stringify(localized, null, 2))
            );
          }
        }
      );
    });
  }
}

module.exports = { localizeMetadata, readTranslations, LocalizedFunctionsPlugin };
