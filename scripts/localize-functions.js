/*
 * Post-processing of the functions.json that custom-functions-metadata-plugin generates from JSDoc:
 *
 * 1. Metadata options the generator cannot emit (completeMetadata). allowErrorForDataTypeAny is a
 *    top-level option (Microsoft's "Manually create JSON metadata for custom functions"): with it,
 *    error values inside `any` ranges reach the function (as CustomFunctions.Error objects)
 *    instead of turning the whole result into that error, so each row gets its own #VALUE!
 *    naming the argument. The generator writes only allowCustomDataForDataTypeAny.
 *
 * 2. Chinese Excel keeps the English function names; only descriptions are translated.
 * Translations live beside the functions (src/functions/*.zh-cn.json, keyed by function id
 * and parameter name) and are merged into the generated functions.json at build time, so the
 * localized metadata can never drift from the real one. A missing or stale translation fails
 * the build (and test/functions/localization.test.ts).
 */
const fs = require("fs");
const path = require("path");

/** Top-level options every RETAIN function relies on; see the header. */
const METADATA_OPTIONS = { allowErrorForDataTypeAny: true };

/** The generated metadata with METADATA_OPTIONS set (a new object; options first, as Microsoft's example). */
function completeMetadata(metadata) {
  return { ...METADATA_OPTIONS, ...metadata, ...METADATA_OPTIONS };
}

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

/**
 * Webpack plugin: completes the generated functions.json (completeMetadata) in place, then emits
 * functions-<locale>.json from it, so both carry the same options.
 */
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
          const metadata = completeMetadata(JSON.parse(asset.source.source().toString()));
          compilation.updateAsset(
            this.options.source,
            new sources.RawSource(JSON.stringify(metadata, null, 4))
          );
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

module.exports = {
  completeMetadata,
  localizeMetadata,
  readTranslations,
  LocalizedFunctionsPlugin,
  METADATA_OPTIONS,
};
