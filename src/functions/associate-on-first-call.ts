/*
 * Custom functions associated at once, their code loaded on the first call. Excel can fail the
 * first call of a function associated late (after an await: Microsoft Q&A 2086985; a module
 * script that runs after Excel asks: office-js #4769), so every id is associated while the page
 * loads; the code behind them can come later. Until it is in, a call returns a Promise of its
 * result (allowed for any custom function: Excel shows #BUSY! meanwhile); once it is in, the
 * same call runs synchronously, as in dist/functions.js. A failed load (the network) is retried
 * by the next call.
 */

// Excel hands custom functions any values; each function reads its own (excel-args.ts).
export type CustomFunction = (...args: any[]) => unknown;
export type FunctionTable = Readonly<Record<string, CustomFunction>>;

export interface LazyFunctions {
  /** Loads the functions' code (once, unless it failed); resolves when every call runs it directly. */
  load(): Promise<void>;
}

export function associateOnFirstCall(
  ids: readonly string[],
  loadTable: () => Promise<FunctionTable>,
  associate: (id: string, fn: CustomFunction) => void
): LazyFunctions {
  let table: FunctionTable | null = null;
  let loading: Promise<FunctionTable> | null = null;
  const load = (): Promise<FunctionTable> =>
    (loading ??= loadTable().then(
      (loaded) => {
        const missing = ids.filter((id) => typeof loaded[id] !== "function");
        if (missing.length) throw new Error(`the functions' code has no ${missing.join(", ")}`);
        return (table = loaded);
      },
      (error: unknown) => {
        loading = null;
        throw error;
      }
    ));
  for (const id of ids)
    associate(id, (...args: unknown[]) =>
      table ? table[id](...args) : load().then((loaded) => loaded[id](...args))
    );
  return { load: () => load().then(() => undefined) };
}
