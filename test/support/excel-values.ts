/** Helpers to read what a custom function returned, as Excel would show it. */
import { CustomFunctionsError } from "./custom-functions-global";

export type Shown = number | "" | { error: string; message: string };

/** A cell as Excel would show it: a number, a blank, or an error with its message. */
export function shown(cell: unknown): Shown {
  if (cell instanceof CustomFunctionsError) return { error: cell.code, message: cell.message };
  if (typeof cell === "number" || cell === "") return cell;
  throw new Error(
    `a custom function returned something Excel cannot show well: ${JSON.stringify(cell)}`
  );
}

/** The whole result as a grid of shown cells (a single error stands for a 1×1 grid). */
export function grid(result: unknown): Shown[][] {
  if (result instanceof CustomFunctionsError) return [[shown(result)]];
  if (!Array.isArray(result) || !result.every(Array.isArray))
    throw new Error(`not a 2-D result: ${JSON.stringify(result)}`);
  return (result as unknown[][]).map((row) => row.map(shown));
}

/** The single value of a 1×1 result. */
export function single(result: unknown): Shown {
  const g = grid(result);
  expect(g.length).toBe(1);
  expect(g[0].length).toBe(1);
  return g[0][0];
}

export const isError = (code: string) => expect.objectContaining({ error: code });

/** True when a result contains only finite numbers, blanks or proper errors. */
export function onlyNumbersBlanksOrErrors(result: unknown): boolean {
  if (result instanceof CustomFunctionsError) return true;
  if (!Array.isArray(result)) return false;
  return result.every(
    (row) =>
      Array.isArray(row) &&
      row.every(
        (c) =>
          (typeof c === "number" && Number.isFinite(c)) ||
          c === "" ||
          c instanceof CustomFunctionsError
      )
  );
}
