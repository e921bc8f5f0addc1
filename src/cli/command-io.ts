/**
 * What every `retention-report` command reads and writes outside itself: its output lines, the
 * folder it runs in, the clock; its input file; and the output workbook, which appears whole or
 * not at all (a temporary file, then a link or rename).
 */
import { existsSync, linkSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "./arguments";

export interface CommandIo {
  stdout(line: string): void;
  stderr(line: string): void;
  cwd: string;
  now(): Date;
}

/** A command: its usage, the reading of its arguments, and the run, which returns its one line of output. */
export interface Command<A extends { help: boolean }> {
  /** How usage errors name it: "retention-report cohorts". */
  name: string;
  usage: string;
  parse(args: string[]): A;
  run(args: A, io: CommandIo): Promise<string>;
}

export const defaultIo: CommandIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  now: () => new Date(),
};

/**
 * The input file's full path; a missing file or a folder is bad input, named as the user wrote it
 * ("cannot read scenario file s.json: no such file", `what` being "scenario file").
 */
export function inputPath(io: CommandIo, file: string, what = ""): string {
  const path = resolve(io.cwd, file);
  const named = what ? `${what} ${file}` : file;
  if (!existsSync(path)) throw new InputError(`cannot read ${named}: no such file`);
  if (statSync(path).isDirectory()) throw new InputError(`cannot read ${named}: it is a folder`);
  return path;
}

/** The output file's full path; without `replace`, an existing file is refused before any work. */
export function outputPath(io: CommandIo, file: string, replace: boolean): string {
  const path = resolve(io.cwd, file);
  if (existsSync(path) && !replace)
    throw new InputError(`${file} already exists (use --force to replace it)`);
  return path;
}

/** Writes bytes to `target` whole or not at all; without `replace`, fails if `target` exists. */
export function writeAtomically(target: string, bytes: Uint8Array, replace: boolean): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temp, bytes, { flag: "wx" });
  try {
    if (replace) renameSync(temp, target);
    else linkSync(temp, target); // atomic "create only if absent": fails with EEXIST
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new InputError(`${target} already exists (use --force to replace it)`);
    throw error;
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}
