import { useCallback, useEffect, useRef, useState } from "react";
import type { Scenario } from "../../model/scenario";
import type { ScenarioStorage } from "../../scenarios/scenario-store";
import { loadScenarioStore } from "../services/saved-scenarios";

type StoreModule = Awaited<ReturnType<typeof loadScenarioStore>>;

export interface SavedScenarios {
  ready: boolean;
  scenarios: Scenario[];
  /** Stored data that could not be read (it was ignored); the store's own description. */
  problem?: string;
  /** A change waiting for the user to confirm replacing unreadable stored data. */
  pendingOverwrite: boolean;
  /** Why the last change failed (a name clash, too many scenarios, storage refused). */
  error?: string;
  save: (scenario: Scenario) => Promise<boolean>;
  rename: (oldName: string, newName: string) => Promise<boolean>;
  remove: (name: string) => Promise<boolean>;
  confirmOverwrite: () => Promise<void>;
  cancelOverwrite: () => void;
}

/**
 * Saved scenarios through the host's storage. Every change goes through the store, which
 * re-reads before writing and refuses to replace data it could not read: then this asks
 * the user (pendingOverwrite) instead of silently destroying it.
 */
export function useSavedScenarios(storage: ScenarioStorage): SavedScenarios {
  const module = useRef<StoreModule | null>(null);
  const pending = useRef<Scenario[] | null>(null);
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [pendingOverwrite, setPendingOverwrite] = useState(false);
  const [error, setError] = useState<string>();
  // The latest list, for callbacks created once.
  const scenariosRef = useRef(scenarios);
  scenariosRef.current = scenarios;

  useEffect(() => {
    let live = true;
    void (async () => {
      const m = await loadScenarioStore(storage);
      const loaded = await m.store.load();
      if (!live) return;
      module.current = m;
      setScenarios(loaded.scenarios);
      setProblem(loaded.problem);
      setReady(true);
    })();
    return () => {
      live = false;
    };
  }, [storage]);

  const commit = useCallback(
    async (
      change: (m: StoreModule, list: Scenario[]) => Scenario[],
      overwriteCorrupt = false
    ): Promise<boolean> => {
      const m = module.current;
      if (!m) return false;
      setError(undefined);
      let next: Scenario[] = [];
      try {
        next = change(m, scenariosRef.current);
        await m.store.save(next, { overwriteCorrupt });
      } catch (e) {
        if (e instanceof m.UnreadableScenariosError) {
          pending.current = next;
          setPendingOverwrite(true);
        } else setError((e as Error).message);
        return false;
      }
      setScenarios(next);
      if (overwriteCorrupt) setProblem(undefined);
      return true;
    },
    []
  );

  return {
    ready,
    scenarios,
    problem,
    pendingOverwrite,
    error,
    save: (scenario) => commit((m, list) => m.upsertScenario(list, scenario)),
    rename: (oldName, newName) => commit((m, list) => m.renameScenario(list, oldName, newName)),
    remove: (name) => commit((m, list) => m.deleteScenario(list, name)),
    confirmOverwrite: async () => {
      const list = pending.current;
      setPendingOverwrite(false);
      pending.current = null;
      if (list) await commit(() => list, true);
    },
    cancelOverwrite: () => {
      pending.current = null;
      setPendingOverwrite(false);
    },
  };
}
