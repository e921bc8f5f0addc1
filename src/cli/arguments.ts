/**
 * The command line every `retention-report` command reads the same way: `--flag value` or
 * `--flag=value`, and the flags they share (-h/--help, --out, --force, --lang). A command
 * handles its own flags through `option`; anything neither knows is a usage error.
 */

/** Bad usage: exit code 2, and the message ends with "(see --help)". */
export class UsageError extends Error {}
/** Bad input or an existing output: exit code 1. */
export class InputError extends Error {}

export interface CommonArguments {
  out: string;
  force: boolean;
  /** --lang zh-CN (or zh-…): Chinese labels; en (the default): English. */
  zh: boolean;
  help: boolean;
}

/**
 * Reads `args` (what follows the command's name). `option(flag, value)` handles the command's
 * own flags, calling `value()` for the flag's value, and returns false for a flag it does not know.
 */
export function parseCommandLine(
  args: string[],
  defaultOut: string,
  option: (flag: string, value: () => string) => boolean
): CommonArguments {
  const parsed: CommonArguments = { out: defaultOut, force: false, zh: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const equals = args[i].startsWith("--") ? args[i].indexOf("=") : -1;
    const [flag, inline] =
      equals >= 0 ? [args[i].slice(0, equals), args[i].slice(equals + 1)] : [args[i], undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--")))
        throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "-h":
      case "--help":
        parsed.help = true;
        break;
      case "--out":
        parsed.out = value();
        break;
      case "--force":
        parsed.force = true;
        break;
      case "--lang": {
        const lang = value();
        if (/^en(-|$)/i.test(lang)) parsed.zh = false;
        else if (/^zh(-|$)/i.test(lang)) parsed.zh = true;
        else throw new UsageError(`--lang must be en or zh-CN, not "${lang}"`);
        break;
      }
      default:
        if (!option(flag, value))
          throw new UsageError(
            flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument "${flag}"`
          );
    }
  }
  return parsed;
}
