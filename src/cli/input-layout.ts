/**
 * The layout of the command's input from its first rows: the model's one proposal (the task
 * pane's too), with the columns and date format the user named by flags. A column it cannot
 * find is bad input, naming the flag that would name it.
 */
import type { DataShape } from "../model/history/analysis";
import { DomainError } from "../model/errors";
import { missingRoles } from "../model/reading/column-matching";
import { LayoutChoices, proposeLayout, TableLayout } from "../model/reading/layout";
import { InputError } from "./arguments";
import { flagOfRole } from "./cohorts-arguments";

/** The system's locale: it reads 3/5/2024 as March or May when no day above 12 tells. */
export const systemLocale = (): string => Intl.DateTimeFormat().resolvedOptions().locale;

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
    layout = proposeLayout(sample, systemLocale(), choices);
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
