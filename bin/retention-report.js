#!/usr/bin/env node
// The report command's entry point: runs the compiled command (dist/cli/retention-report.js,
// built by `npm run build`), so no TypeScript tooling is needed at run time.
"use strict";
const path = require("path");

let command;
try {
  command = require(path.join(__dirname, "..", "dist", "cli", "retention-report.js"));
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && /retention-report\.js/.test(error.message)) {
    process.stderr.write("retention-report: the command is not built: run `npm run build` first\n");
    process.exit(1);
  }
  throw error;
}

command.main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `retention-report: ${String((error && error.message) || error).replace(/\s+/g, " ")}\n`
    );
    process.exitCode = 1;
  }
);
