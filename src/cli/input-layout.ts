/**
 * The layout of the command's input from its first rows: the model's one proposal (the task
 * pane's too), with the columns and date format the user named by flags. A column it cannot
 * find is bad input, naming the flag that would name it.
 */
import type { DataShape } from "../model/history/analysis";
import { DomainError } from "../model/errors";
import { missingRoles } from "../model/reading/column-matching";
import {
  LAYOUT_SAMPLE_ROWS,
  LayoutChoices,
  proposeLayout,
  TableLayout,
} from "../model/reading/layout";
import { InputError } from "./arguments";
import { flagOfRole } from "./cohorts-arguments";

/**
 * The locale of the command's guesses, the same on every machine (never LC_ALL's or LANG's: one
 * file gives one set of figures): "1,234" alone is 1234. Dates never follow a locale: with no
 * day above 12 they are read month-first (AMBIGUOUS_DATE_GUESS), and the command says so.
 */
export const COMMAND_LOCALE = "en-US";

export interface InputLayout extends TableLayout {
  /** The column titles ([] without a title row), for messages. */
  headers: string[];
}

export function inputLayout(
  sample: readonly (readonly unknown[])[],
  choices: LayoutChoices & { shape: DataShape },
  shownAs: string
): InputLayout {
  let layout: TableLayout;
  try {
    layout = proposeLayout(sample, COMMAND_LOCALE, choices);
  } catch (error) {
    if (error instanceof DomainError) throw new InputError(`${shownAs}: ${error.message}`);
    throw error;
  }
  const missing = missingRoles(layout);
  if (missing.length > 0)
    throw new InputError(
      `${shownAs}: cannot tell which column holds the ${missing.join(" and ")} (name it with ${missing.map(flagOfRole).join(", ")})`
    );
  const headers = layout.hasHeader ? sample[0].map((h) => String(h ?? "")) : [];
  return { ...layout, headers };
}

/**
 * The one line that says dates were read by the guess (no day above 12 in the first rows told
 * day-first from month-first), or null when the data or --date-format decided.
 */
export function dateGuessNotice(layout: TableLayout, shownAs: string): string | null {
  if (!layout.warnings.includes("date-order-guessed")) return null;
  return `${shownAs}: no day above 12 in the first ${LAYOUT_SAMPLE_ROWS - 1} rows tells day-first from month-first dates: read month-first (3/5/2024 is March 5); give --date-format dmy if they are day-first`;
}
