/**
 * The `retention-report` command line (bin/retention-report.js runs its compiled form): picks
 * the command (`cohorts`, `plan`, or the report by default) and runs it the same way for all. Errors
 * are one line on stderr, exit code 1 for bad input or an existing output, 2 for bad usage
 * (the message ends "(see --help)"); nothing is written on error.
 */
import { oneLine } from "../model/errors";
import { Command, CommandIo, defaultIo } from "./command-io";
import { REPORT_COMMAND } from "./report-command";

/** Runs the command `argv` names (process.argv: node, script, ...args). Returns the exit code. */
export async function main(argv: string[], io: CommandIo = defaultIo): Promise<number> {
  if (argv[2] === "cohorts") {
    // Loaded only when asked: the report's start-up does not pay for the CSV and DuckDB paths.
    const { COHORTS_COMMAND } = await import("./cohorts-command");
    return runCommand(COHORTS_COMMAND, argv.slice(3), io);
  }
  if (argv[2] === "plan") {
    const { PLAN_COMMAND } = await import("./plan-command");
    return runCommand(PLAN_COMMAND, argv.slice(3), io);
  }
  return runCommand(REPORT_COMMAND, argv.slice(2), io);
}

async function runCommand<A extends { help: boolean }>(
  command: Command<A>,
  args: string[],
  io: CommandIo
): Promise<number> {
  let parsed: A;
  try {
    parsed = command.parse(args);
  } catch (error) {
    io.stderr(`${command.name}: ${oneLine((error as Error).message)} (see --help)`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(command.usage);
    return 0;
  }
  try {
    io.stdout(await command.run(parsed, io));
    return 0;
  } catch (error) {
    io.stderr(`retention-report: ${oneLine((error as Error).message)}`);
    return 1;
  }
}
