/*
 * The RETAIN.* functions for the shared runtime's page (taskpane.html): their ids, which the page
 * associates while it loads, and loadFunctionTable(), which loads their code (the models) in a
 * chunk of its own, so that the pane's first screen never waits for it. dist/functions.js, the
 * manifest's functions script, stays whole and registers the same functions synchronously.
 *
 * At build time scripts/page-functions-loader.js writes this module's content from the
 * functions' JSDoc (custom-functions-metadata-plugin's results). The text below only gives
 * TypeScript its types: no function, and a table that is empty.
 */
import type { FunctionTable } from "./associate-on-first-call";

export const FUNCTION_IDS: readonly string[] = [];

export function loadFunctionTable(): Promise<FunctionTable> {
  return Promise.resolve({});
}
