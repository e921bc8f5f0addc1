#!/usr/bin/env node
// The report command's entry point: registers tsx so Node can run the TypeScript source directly.
"use strict";
require("tsx/cjs");
const { main } = require("../src/cli/report-command.ts");

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`retention-report: ${String((error && error.message) || error).replace(/\s+/g, " ")}\n`);
    process.exitCode = 1;
  }
);
