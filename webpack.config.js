/* eslint-disable no-undef */
/*
 * Builds dist/: taskpane.html (shared runtime page: pane + custom functions), functions.js
 * (loadable on its own with only a CustomFunctions global), functions.json (generated from
 * JSDoc), functions-zh-cn.json (the same with Chinese descriptions), assets, and a local copy
 * of Office.js for the offline preview. Layout follows Microsoft's add-in templates.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { EsbuildPlugin } = require("esbuild-loader");
const { LocalizedFunctionsPlugin } = require("./scripts/localize-functions");
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

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: FUNCTION_FILES,
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      clean: true,
      chunkFilename: "[name].[contenthash:8].js",
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, loader: "esbuild-loader", options: { target: "es2020", jsx: "automatic" } },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext][query]" } },
      ],
    },
    optimization: {
      minimizer: [new EsbuildPlugin({ target: "es2020" })],
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
        chunks: ["functions", "taskpane"],
        templateParameters: { officeJs: dev ? OFFICE_JS_LOCAL : OFFICE_JS_CDN },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          {
            // Only what office.js loads outside Office and in Excel; the package is 86 MB.
            context: "node_modules/@microsoft/office-js/dist",
            from: "{office,o15apptofilemappingtable,es6-promise,custom-functions-runtime,excel-*}.js",
            to: "office-js/",
            globOptions: { ignore: ["**/*.debug.js"] },
            info: { minimized: true },
          },
          { context: "node_modules/@microsoft/office-js/dist", from: "{en-us,zh-cn}/**", to: "office-js/", info: { minimized: true } },
        ],
      }),
    ],
    devServer: {
      static: false, // serve the in-memory build, never a stale dist/
      headers: { "Access-Control-Allow-Origin": "*" },
      // Certificates only when serving: a plain build must not touch ~/.office-addin-dev-certs.
      server: env.WEBPACK_SERVE ? { type: "https", options: await devServerHttpsOptions() } : "https",
      port: DEV_PORT,
      host: "localhost",
      hot: false,
      liveReload: false,
      client: false,
      open: false,
    },
  };
};
