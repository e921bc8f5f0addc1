/**
 * The first screen before Office.js is ready. Inside Excel, Office.onReady waits for Office.js's
 * files and its handshake with the host, and only then says which language and theme the pane
 * is in. The pane remembers them (this browser's storage for the add-in's origin) and, from the
 * second opening on, renders the first screen at once with the last session's, on a provisional
 * host that touches nothing: the inputs and results need no workbook. When Office is ready the
 * pane renders again on the real host (the workbook's views and tools come in then), and if the
 * language or theme changed since, the screen follows. The first opening, or a browser without
 * storage, waits for Office as before.
 */
import type { WorkbookHost } from "./workbook-host";

const KEY = "retain.pane.lastHost";

export interface RememberedHost {
  kind: WorkbookHost["kind"];
  language: string;
  theme: WorkbookHost["theme"];
}

/** The last session's host settings, or null: none, unreadable, or storage refused. */
export function readRememberedHost(
  storage: Pick<Storage, "getItem"> | undefined
): RememberedHost | null {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? "null");
    if (typeof value !== "object" || value === null) return null;
    const { kind, language, theme } = value as Record<string, unknown>;
    if (kind !== "excel" && kind !== "preview") return null;
    if (theme !== "light" && theme !== "dark") return null;
    if (typeof language !== "string" || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language))
      return null;
    return { kind, language, theme };
  } catch {
    return null;
  }
}

/** Keeps this session's host settings for the next opening; storage refused: nothing kept. */
export function rememberHost(
  host: WorkbookHost,
  storage: Pick<Storage, "setItem"> | undefined
): void {
  try {
    const { kind, language, theme } = host;
    storage?.setItem(KEY, JSON.stringify({ kind, language, theme }));
  } catch {
    // Private mode, or storage blocked in a frame: the next opening waits for Office.
  }
}

/**
 * A host for the first screen only: the remembered language and theme, and no workbook. The
 * pane shows nothing that needs one while `provisional` is set (Pane.tsx), so the refusals
 * below are never reached from the screen; they keep a mistake from touching Office too early.
 */
export function createProvisionalHost(remembered: RememberedHost): WorkbookHost {
  const notYet = () => Promise.reject(new Error("Office is still starting"));
  return {
    ...remembered,
    provisional: true,
    onThemeChange: () => () => {},
    writeSheet: notYet,
    scenarioStorage: { read: notYet, write: notYet },
  };
}
