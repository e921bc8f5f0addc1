/**
 * The one way the add-in starts an Excel batch (the pane's host, the scenario storage, the sheet
 * renderer): Office.js plumbing shared by layers that must not import one another. Without `delayForCellEdit`, a batch that reaches
 * Excel while the user is typing in a cell fails outright (InvalidOperationInCellEditMode); with
 * it, Excel holds the batch until the user leaves the cell. The option is honoured from
 * ExcelApi 1.11, above the 1.9 manifest.xml requires, so it is passed only where Office reports
 * that set; elsewhere the batch starts exactly as before.
 */

/** True where Excel can hold a batch until cell editing ends (ExcelApi 1.11). */
export function delaysForCellEdit(): boolean {
  try {
    return (
      typeof Office !== "undefined" &&
      Office.context?.requirements?.isSetSupported("ExcelApi", "1.11") === true
    );
  } catch {
    return false; // Office.js not initialised (tests, the preview): no option
  }
}

/**
 * Excel.run, waiting for the user to leave a cell being edited where Excel supports it.
 * `previous`: run on the request context of an earlier batch (to remove an event handler, say).
 */
export function runExcel<T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  previous?: OfficeExtension.ClientRequestContext
): Promise<T> {
  if (!delaysForCellEdit()) return previous ? Excel.run(previous, batch) : Excel.run(batch);
  const options: Excel.RunOptions = { delayForCellEdit: true };
  if (previous) options.previousObjects = previous;
  return Excel.run(options, batch);
}
