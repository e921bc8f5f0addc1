/**
 * What every `retention-report` command reads and writes outside itself: its output lines, the
 * folder it runs in, the clock; its input file; and the output workbook, which appears whole or
 * not at all (a temporary file, then a link or rename).
 */
import {
  existsSync,
  linkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
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

/**
 * The output file's full path, checked before any work: an existing file is refused without
 * `replace`; a folder, a missing folder, or the input itself (compared by real path, through
 * symbolic links) is refused always, named as the user wrote it.
 */
export function outputPath(
  io: CommandIo,
  file: string,
  replace: boolean,
  inputs: readonly string[] = []
): string {
  const path = resolve(io.cwd, file);
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new InputError(`cannot write ${file}: the folder ${dirname(file)} does not exist`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory())
      throw new InputError(
        `cannot write ${file}: it is a folder (name a file, e.g. ${join(file, "report.xlsx")})`
      );
    const real = realpathSync(path);
    if (inputs.some((input) => realpathSync(input) === real))
      throw new InputError(`cannot write ${file}: it is the input file; name another output`);
    if (!replace) throw new InputError(`${file} already exists (use --force to replace it)`);
  }
  return path;
}

/** Link errors of file systems that cannot make hard links (FAT, exFAT, some network shares). */
const NO_HARD_LINKS = new Set([
  "EPERM",
  "ENOTSUP",
  "EOPNOTSUPP",
  "EXDEV",
  "ENOSYS",
  "EMLINK",
  "EACCES",
]);

/** Writes bytes to `target` whole or not at all; without `replace`, fails if `target` exists. */
export function writeAtomically(
  target: string,
  bytes: Uint8Array,
  replace: boolean,
  link: typeof linkSync = linkSync
): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const exists = () => new InputError(`${target} already exists (use --force to replace it)`);
  writeFileSync(temp, bytes, { flag: "wx" });
  try {
    if (replace) renameSync(temp, target);
    else {
      try {
        link(temp, target); // atomic "create only if absent": fails with EEXIST
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "";
        if (!NO_HARD_LINKS.has(code)) throw error;
        // No hard links here: an exclusive create still never replaces a file that appeared
        // meanwhile; a failed write removes its partial file.
        try {
          writeFileSync(target, bytes, { flag: "wx" });
        } catch (inner) {
          if ((inner as NodeJS.ErrnoException).code !== "EEXIST" && existsSync(target))
            unlinkSync(target);
          throw inner;
        }
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw exists();
    throw error;
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
}
