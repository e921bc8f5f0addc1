/* `npm stop`: ends what `npm start` began (office-addin-debugging on Windows/Mac, the dev server on Linux). */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

if (process.platform === "win32" || process.platform === "darwin") {
  const r = spawnSync("npx", ["--yes", "office-addin-debugging", "stop", "manifest.xml"], {
    stdio: "inherit",
    shell: true,
  });
  process.exit(r.status ?? 0);
}
const pidFile = path.resolve(__dirname, "..", ".cache", "dev-server.pid");
if (!fs.existsSync(pidFile)) {
  console.log("No dev server is running (nothing to stop).");
  process.exit(0);
}
const pid = Number(fs.readFileSync(pidFile, "utf8"));
try {
  process.kill(pid, "SIGTERM");
  console.log(`Stopped the dev server (pid ${pid}).`);
} catch {
  console.log("The dev server had already stopped.");
}
fs.rmSync(pidFile, { force: true });
