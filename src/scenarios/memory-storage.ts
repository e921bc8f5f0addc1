/**
 * Scenario storage for the standalone preview (no Excel): localStorage when the browser allows
 * it (so scenarios survive a reload), otherwise memory for the session.
 */
import { ScenarioStorage } from "./scenario-store";

export const BROWSER_STORAGE_KEY = "retention-economics.scenarios";
export const BROWSER_PLAN_STORAGE_KEY = "retention-economics.planScenarios";

/** The part of the Web Storage API used here (so tests can pass a stand-in). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class MemoryKeyValueStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

export class BrowserScenarioStorage implements ScenarioStorage {
  private chosen: KeyValueStorage | undefined;

  constructor(
    private readonly given?: KeyValueStorage,
    private readonly key = BROWSER_STORAGE_KEY
  ) {}

  // Chosen at first use, not when the preview starts: probing localStorage writes to it, which
  // costs the first screen tens of milliseconds in a fresh page.
  private get storage(): KeyValueStorage {
    this.chosen ??= this.given ?? availableLocalStorage() ?? new MemoryKeyValueStorage();
    return this.chosen;
  }

  async read(): Promise<string | null> {
    return this.storage.getItem(this.key);
  }

  async write(text: string): Promise<void> {
    this.storage.setItem(this.key, text);
  }

  /** Another tab of the preview saved: the browser raises "storage" in this one. */
  subscribe(onChange: () => void): () => void {
    const target = globalThis as Partial<Pick<Window, "addEventListener" | "removeEventListener">>;
    if (!target.addEventListener || !target.removeEventListener) return () => {};
    const listener = (event: StorageEvent) => {
      if (event.key === this.key || event.key === null) onChange();
    };
    target.addEventListener("storage", listener);
    return () => target.removeEventListener!("storage", listener);
  }
}

/** localStorage, or undefined where it is missing or blocked (private mode, sandboxed frames). */
function availableLocalStorage(): KeyValueStorage | undefined {
  try {
    const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!storage) return undefined;
    const probe = `${BROWSER_STORAGE_KEY}.probe`;
    storage.setItem(probe, "1");
    return storage;
  } catch {
    return undefined;
  }
}
