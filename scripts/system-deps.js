/*
 * The tests need three programs from Debian: Chromium (the pane, driven by playwright-core; it
 * must never download a browser), LibreOffice Calc (recalculates the workbooks we write) and R
 * with its survival package (the reference engine for the survival statistics). This installs
 * whichever is missing, so `npm test` passes on a fresh
 * Debian machine. Elsewhere, point CHROMIUM_PATH / SOFFICE_PATH at your own copies.
 */
const fs = require("fs");
const { execFileSync } = require("child_process");

const TOOLS = [
  {
    name: "Chromium",
    env: "CHROMIUM_PATH",
    binary: "/usr/bin/chromium",
    packages: ["chromium"],
    recommends: true,
  },
  {
    name: "LibreOffice Calc",
    env: "SOFFICE_PATH",
    binary: "/usr/bin/soffice",
    packages: ["libreoffice-calc"],
    recommends: false,
  },
  {
    name: "R's survival package",
    env: "R_SURVIVAL_PATH",
    // Debian's r-cran-survival puts the package here; Rscript comes with it (r-base-core).
    binary: "/usr/lib/R/library/survival/DESCRIPTION",
    packages: ["r-base-core", "r-cran-survival"],
    recommends: false,
  },
];

function toolPath(tool) {
  return process.env[tool.env] || tool.binary;
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function hasApt() {
  return fs.existsSync("/usr/bin/apt-get");
}

function apt(args) {
  const command = isRoot() ? "apt-get" : "sudo";
  const argv = isRoot() ? args : ["apt-get", ...args];
  execFileSync(command, argv, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** Installs what is missing; throws with a one-line explanation when it cannot. */
function ensureSystemDeps() {
  const missing = TOOLS.filter((t) => !fs.existsSync(toolPath(t)));
  if (missing.length === 0) return;
  if (!hasApt()) {
    const names = missing.map((t) => `${t.name} (set ${t.env})`).join(", ");
    throw new Error(
      `missing ${names}: install them, or run the tests on Debian/Ubuntu where this script installs them`
    );
  }
  console.log(
    `Installing ${missing.map((t) => t.packages.join(" ")).join(", ")} from Debian's packages…`
  );
  apt(["update"]);
  for (const tool of missing)
    apt([
      "install",
      "-y",
      ...(tool.recommends ? [] : ["--no-install-recommends"]),
      ...tool.packages,
    ]);
  const still = missing.filter((t) => !fs.existsSync(toolPath(t)));
  if (still.length) throw new Error(`could not install ${still.map((t) => t.name).join(", ")}`);
}

const chromiumPath = () => toolPath(TOOLS[0]);
const sofficePath = () => toolPath(TOOLS[1]);
/** Rscript sits beside the survival package Debian installs. */
const rscriptPath = () => process.env.RSCRIPT_PATH || "/usr/bin/Rscript";

module.exports = { ensureSystemDeps, chromiumPath, sofficePath, rscriptPath };

if (require.main === module) {
  try {
    ensureSystemDeps();
    console.log(`Chromium: ${chromiumPath()}\nLibreOffice: ${sofficePath()}`);
  } catch (e) {
    console.error(`system-deps: ${e.message}`);
    process.exit(1);
  }
}
