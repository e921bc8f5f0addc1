/*
 * `npm start`. On Windows and Mac: what Microsoft's templates do (office-addin-debugging
 * sideloads manifest.xml into desktop Excel and starts the dev server). It is fetched on
 * demand by npx, because its dependency tree does not install on a plain Linux machine.
 * On Linux (no desktop Excel): build and serve the add-in over https on localhost:3000, print
 * how to sideload it into Excel on the web, Windows and Mac, and keep serving until stopped.
 */
const fs = require("fs");
const https = require("https");
const path = require("path");
const { spawn } = require("child_process");

const root = path.resolve(__dirname, "..");
const port = Number(process.env.npm_package_config_dev_server_port || 3000);
const origin = `https://localhost:${port}`;
const pidFile = path.join(root, ".cache", "dev-server.pid");

function sideloadInstructions() {
  const manifest = path.join(root, "manifest.xml");
  return `
The add-in is being served at ${origin}
  Preview in a browser:  ${origin}/taskpane.html   (runs against an in-browser stand-in workbook)
  Manifest:              ${manifest}

Sideload it into Excel:
  Excel on the web:  open a workbook > Home > Add-ins > More Settings (or Insert > Add-ins >
                     My Add-ins) > Upload My Add-in > choose manifest.xml > Upload.
  Excel on Windows:  share a folder containing manifest.xml, add its \\\\server\\share path under
                     File > Options > Trust Center > Trust Center Settings > Trusted Add-in
                     Catalogs (tick "Show in Menu"), restart Excel, then Home > Add-ins >
                     Advanced > Shared Folder > Retain. (Or run npm start on Windows: it sideloads.)
  Excel on Mac:      copy manifest.xml to
                     ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/
                     restart Excel, then Home > Add-ins > Retain. (Or run npm start on the Mac.)
  The browser or Excel must trust the dev certificate: its CA is in
  ~/.office-addin-dev-certs/ca.crt (on Linux, import it into your browser's authorities once).

Then type =RETAIN.LTV(100, 80%, 10%) in a cell, or open the what-if panel from the Home tab.
Stop with Ctrl+C or "npm stop".
`;
}

function waitForServer(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = https.get(`${origin}/functions.json`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve();
        else retry();
      });
      req.on("error", retry);
      req.setTimeout(2000, () => req.destroy());
    };
    const retry = () =>
      Date.now() > deadline
        ? reject(new Error(`nothing answered at ${origin} within ${timeoutMs / 1000} s`))
        : setTimeout(attempt, 500);
    attempt();
  });
}

function startOnDesktop() {
  const child = spawn(
    "npx",
    ["--yes", "office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel"],
    { cwd: root, stdio: "inherit", shell: true }
  );
  child.on("exit", (code) => process.exit(code ?? 0));
}

async function startOnLinux() {
  console.log(`Building and serving the add-in on ${origin}…`);
  const webpack = path.join(root, "node_modules", "webpack", "bin", "webpack.js");
  const server = spawn(process.execPath, [webpack, "serve", "--mode", "development"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout.on("data", (chunk) => {
    const text = chunk.toString();
    // webpack's own progress is noise here; show problems.
    if (/error|warning/i.test(text)) process.stdout.write(text);
  });
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  fs.writeFileSync(pidFile, String(server.pid));
  const stop = () => {
    server.kill("SIGTERM");
    fs.rmSync(pidFile, { force: true });
  };
  process.on("SIGINT", () => (stop(), process.exit(0)));
  process.on("SIGTERM", () => (stop(), process.exit(0)));
  server.on("exit", (code) => {
    fs.rmSync(pidFile, { force: true });
    console.log(`The dev server stopped${code ? ` (exit ${code})` : ""}.`);
    process.exit(code ?? 0);
  });
  try {
    await waitForServer(180_000);
    console.log(sideloadInstructions());
  } catch (e) {
    console.error(`start: ${e.message}`);
    stop();
    process.exit(1);
  }
}

if (process.platform === "win32" || process.platform === "darwin") startOnDesktop();
else startOnLinux();
