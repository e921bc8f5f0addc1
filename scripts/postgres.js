/*
 * A private PostgreSQL server for the SQL tests: installed from Debian's packages when missing,
 * then a throw-away cluster in a temporary folder on a free local port, started and stopped by
 * the tests (never the machine's own cluster). As root the server runs as the `postgres` user
 * the Debian package creates (PostgreSQL refuses to run as root), else as `nobody`.
 *   node scripts/postgres.js   installs PostgreSQL if needed and prints where it is.
 */
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl (or $PG_BIN). */
function findPostgresBin() {
  if (process.env.PG_BIN)
    return fs.existsSync(path.join(process.env.PG_BIN, "initdb")) ? process.env.PG_BIN : null;
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter(
      (v) =>
        fs.existsSync(path.join(root, v, "bin", "initdb")) &&
        fs.existsSync(path.join(root, v, "bin", "pg_ctl"))
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

/** Installs Debian's `postgresql` package when no server is found; returns the bin folder. */
function ensurePostgres() {
  let bin = findPostgresBin();
  if (bin) return bin;
  if (!fs.existsSync("/usr/bin/apt-get"))
    throw new Error(
      "PostgreSQL is missing: install it, or set PG_BIN to the folder holding initdb and pg_ctl"
    );
  console.log("Installing postgresql from Debian's packages…");
  const run = (args) =>
    execFileSync(isRoot() ? "apt-get" : "sudo", isRoot() ? args : ["apt-get", ...args], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  run(["update"]);
  run(["install", "-y", "--no-install-recommends", "postgresql"]);
  bin = findPostgresBin();
  if (!bin) throw new Error("could not install PostgreSQL");
  return bin;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The user the server runs as: as root, `postgres` (or `nobody`); otherwise ourselves. */
function serverUser() {
  if (!isRoot()) return null;
  for (const name of ["postgres", "nobody"]) {
    try {
      execFileSync("id", ["-u", name], { stdio: "ignore" });
      return name;
    } catch {
      // try the next one
    }
  }
  throw new Error("running as root and no `postgres` or `nobody` user to run PostgreSQL as");
}

function runAs(user, command, args, options = {}) {
  const argv = user ? ["-u", user, "--", command, ...args] : args;
  return execFileSync(user ? "runuser" : command, argv, {
    stdio: "pipe",
    encoding: "utf8",
    ...options,
  });
}

/**
 * Starts a throw-away server; resolves to { host, port, user, database, stop() }. The database
 * `postgres` is open to the local user `retain` without a password (trust, 127.0.0.1 only).
 */
async function startPostgres() {
  const bin = ensurePostgres();
  const user = serverUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-pg-"));
  const data = path.join(dir, "data");
  if (user) execFileSync("chown", [user, dir]);
  runAs(user, path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "retain",
    "--auth=trust",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  let lastError;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      runAs(user, path.join(bin, "pg_ctl"), [
        "-D",
        data,
        "-l",
        path.join(dir, "server.log"),
        "-w",
        "-t",
        "60",
        "-o",
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -F -c max_connections=20 -c shared_buffers=64MB`,
        "start",
      ]);
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        process.removeListener("exit", stop);
        try {
          runAs(user, path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      };
      // A test run that ends without stopping it (a failure, Ctrl-C) leaves no server behind.
      process.once("exit", stop);
      return { host: "127.0.0.1", port, user: "retain", database: "postgres", stop };
    } catch (e) {
      lastError = e; // most likely the port was taken in between: try another
    }
  }
  const log = fs.existsSync(path.join(dir, "server.log"))
    ? fs.readFileSync(path.join(dir, "server.log"), "utf8")
    : "";
  fs.rmSync(dir, { recursive: true, force: true });
  throw new Error(`PostgreSQL did not start: ${lastError && lastError.message}\n${log}`);
}

module.exports = { ensurePostgres, findPostgresBin, startPostgres };

if (require.main === module) {
  try {
    console.log(`PostgreSQL: ${ensurePostgres()}`);
  } catch (e) {
    console.error(`postgres: ${e.message}`);
    process.exit(1);
  }
}
