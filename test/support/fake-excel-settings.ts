/**
 * A stand-in for Excel.run over one workbook's settings (ExcelApi 1.4), shared by every store or
 * pane in a test, as co-authors share a workbook: values are read only after load + sync (as in
 * Office.js), settings.add lands at the next sync, and workbook.settings.onSettingsChanged calls
 * every registered handler after a sync that changed a setting (Excel on the web raises it when
 * a co-author's change arrives). Handlers are removed through their EventHandlerResult, with
 * Excel.run(result.context, ...), as the documentation prescribes.
 */
export interface FakeSettings {
  values: Map<string, unknown>;
  /** Registered onSettingsChanged handlers. */
  handlers: Set<() => unknown>;
  /** Completed syncs. */
  syncs: () => number;
  /** Changes a setting as a co-author's Excel would: the value, then the event. */
  coAuthorWrites(key: string, value: unknown): void;
  uninstall(): void;
}

export function installFakeExcelSettings(initial: Record<string, unknown> = {}): FakeSettings {
  const values = new Map(Object.entries(initial));
  const handlers = new Set<() => unknown>();
  let syncs = 0;
  const fire = () => [...handlers].forEach((h) => void h());

  function newContext() {
    const queued: Array<() => void> = [];
    let changed = false;
    const context = {
      sync: async () => {
        for (const command of queued.splice(0)) command();
        syncs++;
        if (changed) {
          changed = false;
          fire();
        }
      },
      workbook: {
        settings: {
          add: (key: string, value: unknown) => {
            queued.push(() => {
              values.set(key, value);
              changed = true;
            });
          },
          getItemOrNullObject: (key: string) => {
            let loadedAt: number | undefined;
            let snapshot: { present: boolean; value: unknown } | undefined;
            queued.push(() => {
              if (loadedAt !== undefined)
                snapshot = { present: values.has(key), value: values.get(key) };
            });
            const loaded = () => {
              if (!snapshot) throw new Error("PropertyNotLoaded: load the setting and sync first");
              return snapshot;
            };
            return {
              load: () => {
                loadedAt = syncs;
              },
              get isNullObject() {
                return !loaded().present;
              },
              get value() {
                return loaded().value;
              },
            };
          },
          onSettingsChanged: {
            add: (handler: () => unknown) => {
              const result = {
                context,
                remove: () => queued.push(() => handlers.delete(handler)),
              };
              queued.push(() => handlers.add(handler));
              return result;
            },
          },
        },
      },
    };
    return context;
  }

  type Context = ReturnType<typeof newContext>;
  (globalThis as Record<string, unknown>).Excel = {
    run: async (
      first: Context | ((c: Context) => Promise<unknown>),
      second?: (c: Context) => Promise<unknown>
    ) =>
      second ? second(first as Context) : (first as (c: Context) => Promise<unknown>)(newContext()),
  };
  return {
    values,
    handlers,
    syncs: () => syncs,
    coAuthorWrites: (key, value) => {
      values.set(key, value);
      fire();
    },
    uninstall: () => delete (globalThis as Record<string, unknown>).Excel,
  };
}
