/*
 * `npm run bench`: runs every bench/*.bench.ts and prints its figures. Benchmarks print, they
 * never assert: these machines are shared and noisy, so targets are read, not tested.
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const dir = path.join(root, "bench");
const only = process.argv[2];
let failed = 0;
for (const file of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort()) {
  console.log(`\n# ${file}`);
  const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(dir, file)], {
    cwd: root,
    stdio: "inherit",
    // A collection before each timed run keeps one run's garbage out of the next one's time.
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS || ""} --expose-gc`.trim() },
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
