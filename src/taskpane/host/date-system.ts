/**
 * The workbook's date system. A workbook in the 1904 date system (some made on a Mac) counts
 * serial 0 as 1904-01-01, so its serials are 1,462 days below the 1900 system's for the same day.
 * The model always works in 1900-system serials (src/model/reading/excel-dates.ts): the pane adds
 * 1,462 to every date it reads from such a workbook and takes it off every date it writes there.
 *
 * `Workbook.use1904DateSystem` is in no released requirement set, so the system is asked of Excel
 * itself: `DATE(1904, 1, 1)` (workbook.functions, ExcelApi 1.2) is 0 in a 1904 workbook and
 * 1,462 otherwise. One sync, once per session (the pane's runtime lives with one workbook).
 */
import type { SheetPlan } from "../../report/sheet-plan";
import { runExcel } from "../../office/excel-run";

export type DateSystem = "1900" | "1904";

/** Days from 1900-system serials to 1904-system ones: DATE(1904, 1, 1) in a 1900 workbook. */
export const DAYS_1904_AFTER_1900 = 1462;

/** The system a workbook's answer to DATE(1904, 1, 1) reveals; anything unexpected counts as 1900. */
export function dateSystemFromProbe(value: unknown): DateSystem {
  return value === 0 ? "1904" : "1900";
}

/**
 * Whether an Excel number format code (Range.numberFormat: always the invariant, English code)
 * shows a calendar date. Quoted text, escaped characters, padding and [colour]/[$-locale] tags are
 * not tokens; y or d is a date, m is a month unless hours or seconds make it minutes (a time of
 * day alone, such as h:mm, holds no date to shift). Only the first section (positive numbers) counts.
 */
export function isDateFormat(code: unknown): boolean {
  if (typeof code !== "string") return false;
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/[\\_*]./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .split(";")[0]
    .toLowerCase();
  if (bare.trim() === "general") return false;
  return /[yd]/.test(bare) || (bare.includes("m") && !/[hs]/.test(bare));
}

/**
 * A block read from a 1904 workbook, in 1900-system serials: each number whose cell is formatted
 * as a date moves 1,462 days later. Changes `values` in place (the reader's own array).
 */
export function datesTo1900System(values: unknown[][], formats: unknown[][]): unknown[][] {
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const rowFormats = formats[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      if (typeof row[c] === "number" && isDateFormat(rowFormats[c]))
        row[c] = (row[c] as number) + DAYS_1904_AFTER_1900;
    }
  }
  return values;
}

/**
 * A plan to write into a 1904 workbook: its date cells (numbers formatted as dates, all the plans'
 * dates are) 1,462 days earlier, so Excel shows the same calendar days. A copy; `plan` is kept.
 */
export function planIn1904System(plan: SheetPlan): SheetPlan {
  return {
    ...plan,
    blocks: plan.blocks.map((block) => ({
      ...block,
      rows: block.rows.map((row) =>
        row.map((cell) =>
          cell?.kind === "number" && cell.format.kind === "date"
            ? { ...cell, value: cell.value - DAYS_1904_AFTER_1900 }
            : cell
        )
      ),
    })),
  };
}

/** The workbook's date system, asked of Excel once and remembered for the session. */
export class WorkbookDateSystem {
  private known: DateSystem | undefined;

  /** The system if it has been asked already. */
  get current(): DateSystem | undefined {
    return this.known;
  }

  /**
   * The system, asking Excel within `context` (one sync) the first time only. If Excel cannot
   * answer, the workbook is taken to be in the 1900 system (the default everywhere) for the session.
   */
  async inContext(context: Excel.RequestContext): Promise<DateSystem> {
    if (this.known) return this.known;
    try {
      const probe = context.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      await context.sync();
      this.known = dateSystemFromProbe(probe.value);
    } catch {
      this.known = "1900";
    }
    return this.known;
  }

  /** The system, in a batch of its own when it is not known yet (no batch at all when it is). */
  async detect(): Promise<DateSystem> {
    if (this.known) return this.known;
    return runExcel((context) => this.inContext(context));
  }
}
