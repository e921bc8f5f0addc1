/**
 * The report command runs compiled JavaScript (dist/cli, built by `npm run build`): no
 * TypeScript tooling at run time, and ExcelJS loaded only when a file is written. Checked on the
 * real process, with a preload that records every module file Node loads.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { builtFile } from "../support/built";

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, "../..");
const BIN = join(ROOT, "bin/retention-report.js");
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

// Records each module file loaded and the bare requests the compiled command makes itself.
const TRACER = `
const Module = require("module");
const fs = require("fs");
const load = Module._load;
const record = { files: [], bare: [] };
Module._load = function (request, parent, isMain) {
  if (parent && /dist[\\\\/]cli[\\\\/]/.test(parent.filename || "") && !/^[./]/.test(request)) record.bare.push(request);
  try { record.files.push(Module._resolveFilename(request, parent, isMain)); } catch (e) {}
  return load.apply(this, arguments);
};
process.on("exit", () => fs.writeFileSync(process.env.TRACE_OUT, JSON.stringify(record)));
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "retention-report-trace-"));
  writeFileSync(join(dir, "tracer.js"), TRACER);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function traced(...args: string[]): { code: number | null; files: string[]; bare: string[] } {
  const out = join(dir, "trace.json");
  const result = spawnSync(process.execPath, ["--require", join(dir, "tracer.js"), BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TRACE_OUT: out, NODE_OPTIONS: "" },
  });
  const { files, bare } = JSON.parse(readFileSync(out, "utf8"));
  return { code: result.status, files, bare };
}

/** The package a loaded file belongs to (its outermost node_modules folder), if any. */
const packageOf = (file: string): string | undefined => {
  const parts = relative(ROOT, file).split(sep);
  const at = parts.indexOf("node_modules");
  if (at < 0) return undefined;
  return parts[at + 1].startsWith("@") ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1];
};

describe("the compiled report command", () => {
  it("is built into dist/cli", () => {
    expect(readFileSync(builtFile("cli/retention-report.js"), "utf8")).toContain(
      "retention-report"
    );
  });

  it("starts without TypeScript tooling, TypeScript sources or ExcelJS", () => {
    const { code, files } = traced("--help");
    expect(code).toBe(0);
    expect(files).toContain(join(ROOT, "dist/cli/retention-report.js"));
    const packages = new Set(files.map(packageOf).filter(Boolean));
    for (const tool of ["tsx", "typescript", "esbuild", "ts-node", "@swc/core", "exceljs", "jszip"])
      expect(packages).not.toContain(tool);
    expect(files.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
  });

  it("loads ExcelJS when it writes a file, and needs only runtime dependencies", () => {
    const { code, files, bare } = traced("--out", "r.xlsx");
    expect(code).toBe(0);
    expect(new Set(files.map(packageOf))).toContain("exceljs");
    expect(files.filter((f) => /\.tsx?$/.test(f))).toEqual([]);
    // What the compiled file requires from node_modules must be installed for users too.
    const runtime = new Set(Object.keys(PACKAGE.dependencies));
    const fromPackages = bare.filter(
      (r) => !r.startsWith("node:") && !require("module").isBuiltin(r)
    );
    expect(fromPackages.length).toBeGreaterThan(0);
    for (const request of fromPackages)
      expect(runtime).toContain(
        request.startsWith("@") ? request.split("/").slice(0, 2).join("/") : request.split("/")[0]
      );
  });

  it("has tsx only as a development dependency", () => {
    expect(PACKAGE.dependencies).not.toHaveProperty("tsx");
    expect(PACKAGE.devDependencies).toHaveProperty("tsx");
    expect(PACKAGE.bin["retention-report"]).toBe("bin/retention-report.js");
    expect(readFileSync(BIN, "utf8")).not.toMatch(/tsx|\.ts["']/);
  });
});
