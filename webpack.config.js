/*
 * Builds dist/: taskpane.html (shared runtime page: pane + custom functions; it loads taskpane.js
 * alone, which associates every custom function at once and loads their code in a chunk of its
 * own: src/functions/lazy-function-table.ts), functions.js (the manifest's functions script, the
 * same functions whole, loadable on its own with only a CustomFunctions global), functions.json (generated from
 * JSDoc), functions-zh-cn.json (the same with Chinese descriptions), assets, manifest.xml (for
 * ADDIN_PUBLIC_URL's address when it is set: docs/deploy.md), and a local copy of Office.js for
 * the offline preview. Layout follows Microsoft's add-in templates.
 */
const path = require("path");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { EsbuildPlugin } = require("esbuild-loader");
const { LocalizedFunctionsPlugin } = require("./scripts/localize-functions");
const { EagerCompilePlugin } = require("./scripts/eager-compile");
const { devServerHttpsOptions } = require("./scripts/dev-certs");

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port || 3000);
/** Production pages load Office.js from Microsoft's CDN (the Office Store requires it). */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Development pages use the local copy, so the preview also works offline. */
const OFFICE_JS_LOCAL = "office-js/office.js";
/** Every src/functions/*functions.ts is a file of custom functions, each with its .zh-cn.json. */
const FUNCTION_FILES = require("fs")
  .readdirSync(path.resolve(__dirname, "src/functions"))
  .filter((f) => /functions\.ts$/.test(f))
  .sort()
  .map((f) => `./src/functions/${f}`);
const FUNCTION_TRANSLATIONS = FUNCTION_FILES.map((f) => f.replace(/\.ts$/, ".zh-cn.json"));
/** The entry bundles (Terser-minified): taskpane.html loads taskpane.js; functions.js stands alone. */
const INITIAL_BUNDLES = /^(functions|taskpane|intl-warm-up)\.js$/;
/** Written at build time (scripts/page-functions-loader.js): the page's ids and its functions chunk. */
const LAZY_FUNCTION_TABLE = path.resolve(__dirname, "src/functions/lazy-function-table.ts");
/** Where the build goes: dist/, or ADDIN_OUTPUT_DIR (a test builds into a folder of its own). */
const OUTPUT_DIR = path.resolve(__dirname, process.env.ADDIN_OUTPUT_DIR || "dist");
/** The origin every URL in manifest.xml names: the dev server's (npm start). */
const DEV_ORIGIN = "https://localhost:3000";

/**
 * The address the add-in is served from for a team (docs/deploy.md): with
 * `ADDIN_PUBLIC_URL=https://addins.contoso.com/retain npm run build`, dist/manifest.xml names it
 * wherever manifest.xml names the dev server (source location, functions script and metadata,
 * icons, support and learn-more links), and its origin as the app domain. Unset, the manifest is
 * copied as it is, for npm start. Office loads add-ins only over HTTPS, so nothing else is accepted.
 */
function publicAddress(value) {
  if (!value) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `ADDIN_PUBLIC_URL "${value}" is not a URL (e.g. https://addins.contoso.com/retain)`
    );
  }
  if (url.protocol !== "https:" || url.search || url.hash || url.username || url.password)
    throw new Error(
      `ADDIN_PUBLIC_URL "${value}" must be a plain https:// address, without query, fragment or credentials`
    );
  return { base: `${url.origin}${url.pathname.replace(/\/+$/, "")}`, origin: url.origin };
}

/** manifest.xml for the public address: the app domain gets its origin, every other URL its base. */
function manifestFor(xml, address) {
  if (!address) return xml;
  return xml
    .split(`<AppDomain>${DEV_ORIGIN}</AppDomain>`)
    .join(`<AppDomain>${address.origin}</AppDomain>`)
    .split(DEV_ORIGIN)
    .join(address.base);
}

/**
 * The report command (bin/retention-report.js) as one compiled file for Node, dist/cli/retention-report.js,
 * so running it needs no TypeScript tooling. Everything under src/ it imports is bundled (new
 * modules under src/cli come in through the entry's imports). npm packages stay packages,
 * resolved from node_modules at run time (ExcelJS loads only when a file is written), except
 * CLI_BUNDLED: pure JavaScript whose loading from node_modules costs more start-up than bundled.
 */
const CLI_ENTRY = "./src/cli/main.ts";
const CLI_BUNDLED = new Set(["zod"]);
const RUNTIME_DEPENDENCIES = new Set(Object.keys(require("./package.json").dependencies || {}));
const NODE_BUILTINS = new Set(require("module").builtinModules);

function packageName(request) {
  const parts = request.split("/");
  return request.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** A bare import from the command: external if it is a runtime dependency, a build error otherwise. */
function cliExternals({ request }, callback) {
  if (!request || request.startsWith(".") || path.isAbsolute(request)) return callback();
  if (request.startsWith("node:") || NODE_BUILTINS.has(request))
    return callback(null, `commonjs ${request}`);
  const name = packageName(request);
  if (CLI_BUNDLED.has(name)) return callback();
  if (RUNTIME_DEPENDENCIES.has(name)) return callback(null, `commonjs ${request}`);
  return callback(
    new Error(
      `the report command imports "${name}", which is not in package.json's "dependencies" (users will not have it)`
    )
  );
}

function cliConfig(dev) {
  return {
    name: "cli",
    target: "node20",
    devtool: false,
    entry: { "retention-report": CLI_ENTRY },
    output: {
      path: path.join(OUTPUT_DIR, "cli"),
      filename: "[name].js",
      library: { type: "commonjs2" },
      clean: true,
    },
    externals: [cliExternals],
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: "esbuild-loader",
          options: { target: "node20" },
        },
      ],
    },
    // Minified: Node compiles the file at every start, and a smaller file compiles faster.
    optimization: {
      minimize: !dev,
      minimizer: [new EsbuildPlugin({ target: "node20", keepNames: true })],
      nodeEnv: dev ? "development" : "production",
    },
    // One file: dynamic imports (the .xlsx renderer) stay lazy, evaluated only when reached.
    plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
    performance: { hints: false },
  };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  // Checked first: a mistyped address fails the build before anything is compiled. The dev
  // server (npm start) always serves the localhost manifest.
  const address = env.WEBPACK_SERVE ? null : publicAddress(process.env.ADDIN_PUBLIC_URL);
  const pane = await paneConfig(env, dev, address);
  // The dev server serves the pane alone; every build also compiles the report command.
  return env.WEBPACK_SERVE ? pane : [pane, cliConfig(dev)];
};

async function paneConfig(env, dev, address) {
  return {
    name: "pane",
    devtool: dev ? "source-map" : false,
    entry: {
      functions: FUNCTION_FILES,
      taskpane: "./src/taskpane/index.tsx",
      // Named by hand in taskpane.html (async, ahead of Office.js): src/taskpane/intl-warm-up.ts.
      "intl-warm-up": "./src/taskpane/intl-warm-up.ts",
    },
    output: {
      path: OUTPUT_DIR,
      clean: { keep: (file) => /^cli([\\/]|$)/.test(file) }, // dist/cli is the command's own build
      chunkFilename: "[name].[contenthash:8].js",
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Loaders run last to first: our makeStyles calls are compiled ahead of time, then the TypeScript.
          use: [
            { loader: "esbuild-loader", options: { target: "es2020", jsx: "automatic" } },
            { loader: path.resolve(__dirname, "scripts/griffel-aot-loader.js") },
          ],
        },
        {
          // The page's custom functions: ids now, code in the "custom-functions" chunk. Runs
          // before the TypeScript loaders; "?lazy" copies of the functions files associate nothing.
          enforce: "pre",
          test: LAZY_FUNCTION_TABLE,
          loader: path.resolve(__dirname, "scripts/page-functions-loader.js"),
        },
        {
          enforce: "pre",
          test: /[\\/]src[\\/]functions[\\/][^\\/]*functions\.ts$/,
          resourceQuery: /^\?lazy$/,
          loader: path.resolve(__dirname, "scripts/page-functions-loader.js"),
        },
        {
          test: /\.(png|jpg|jpeg|gif|ico)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name][ext][query]" },
        },
      ],
    },
    optimization: {
      // The two bundles taskpane.html loads go through webpack's own minimizer (Terser, "..."):
      // unlike esbuild's, it drops the unused declarations webpack leaves in concatenated modules
      // (thousands of `icon = null` from Fluent's icon files, unused tokens), about 10 KB gzipped of
      // the first download. The lazily loaded chunks, over 2 MB, keep esbuild's much faster minifier
      // (it marks what it minified, so Terser skips those).
      minimizer: [new EsbuildPlugin({ target: "es2020", exclude: INITIAL_BUNDLES }), "..."],
      // functions.js must stand alone: never share chunks with the pane.
      splitChunks: false,
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTION_FILES, output: "functions.json" }),
      new LocalizedFunctionsPlugin({
        source: "functions.json",
        locales: { "zh-cn": FUNCTION_TRANSLATIONS },
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Not functions.js: taskpane.js associates the functions itself, and their code loads
        // after the first screen (or on the first call), not before it.
        chunks: ["taskpane"],
        templateParameters: { officeJs: dev ? OFFICE_JS_LOCAL : OFFICE_JS_CDN },
      }),
      // Production: the first screen's functions compile with taskpane.js (scripts/eager-compile.js).
      ...(dev || env.WEBPACK_SERVE
        ? []
        : [new EagerCompilePlugin({ outputDir: OUTPUT_DIR, officeJs: OFFICE_JS_CDN })]),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => manifestFor(content.toString("utf8"), address),
          },
          {
            // Only what office.js loads outside Office and in Excel; the package is 86 MB.
            context: "node_modules/@microsoft/office-js/dist",
            from: "{office,o15apptofilemappingtable,es6-promise,custom-functions-runtime,excel-*}.js",
            to: "office-js/",
            globOptions: { ignore: ["**/*.debug.js"] },
            info: { minimized: true },
          },
          {
            context: "node_modules/@microsoft/office-js/dist",
            from: "{en-us,zh-cn}/**",
            to: "office-js/",
            info: { minimized: true },
          },
        ],
      }),
    ],
    devServer: {
      static: false, // serve the in-memory build, never a stale dist/
      headers: { "Access-Control-Allow-Origin": "*" },
      // Certificates only when serving: a plain build must not touch ~/.office-addin-dev-certs.
      server: env.WEBPACK_SERVE
        ? { type: "https", options: await devServerHttpsOptions() }
        : "https",
      port: DEV_PORT,
      host: "localhost",
      hot: false,
      liveReload: false,
      client: false,
      open: false,
    },
  };
}
