import { useCallback, useEffect, useRef, useState } from "react";
import type { Scenario } from "../../model/economics/scenario";
import type { Named, ScenarioStorage } from "../../scenarios/scenario-store";
import type { BoundScenarioStore } from "../services/saved-scenarios";

export interface SavedScenarios<T extends Named = Scenario> {
  ready: boolean;
  scenarios: T[];
  /** Stored data that could not be read (it was ignored); the store's own description. */
  problem?: string;
  /** A change waiting for the user to confirm replacing unreadable stored data. */
  pendingOverwrite: boolean;
  /** Why the last change failed (a name clash, too many scenarios, storage refused). */
  error?: string;
  save: (scenario: T) => Promise<boolean>;
  rename: (oldName: string, newName: string) => Promise<boolean>;
  remove: (name: string) => Promise<boolean>;
  confirmOverwrite: () => Promise<void>;
  cancelOverwrite: () => void;
}

type Change<T extends Named> = (m: BoundScenarioStore<T>, stored: T[]) => T[];

/**
 * Saved scenarios through the host's storage. Every change goes through the store, which applies
 * it to the list as stored at that moment (a co-author's scenarios saved meanwhile are kept) and
 * refuses to replace data it could not read: then this asks the user (pendingOverwrite) instead
 * of silently destroying it. When the storage reports a change (a co-author saved), the list is
 * read again, so the pane follows others' changes.
 */
export function useSavedScenarios<T extends Named = Scenario>(
  storage: ScenarioStorage,
  /** The store's code for this kind (saved-scenarios.ts), loaded on first use. */
  load: (storage: ScenarioStorage) => Promise<BoundScenarioStore<T>>
): SavedScenarios<T> {
  const module = useRef<BoundScenarioStore<T> | null>(null);
  const pending = useRef<Change<T> | null>(null);
  const live = useRef(true);
  const [scenarios, setScenarios] = useState<T[]>([]);
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [pendingOverwrite, setPendingOverwrite] = useState(false);
  const [error, setError] = useState<string>();

  /** Shows the list as stored now. */
  const refresh = useCallback(async (m: BoundScenarioStore<T>) => {
    const loaded = await m.store.load();
    if (!live.current) return;
    setScenarios(loaded.scenarios);
    setProblem(loaded.problem);
  }, []);

  useEffect(() => {
    live.current = true;
    let active = true; // this storage's subscription, not the component's life
    let unsubscribe = () => {};
    void (async () => {
      const m = await load(storage);
      if (!active) return;
      module.current = m;
      await refresh(m);
      if (!active) return;
      setReady(true);
      unsubscribe = storage.subscribe?.(() => void refresh(m)) ?? unsubscribe;
    })();
    return () => {
      active = false;
      live.current = false;
      unsubscribe();
    };
  }, [storage, load, refresh]);

  const commit = useCallback(
    async (change: Change<T>, overwriteCorrupt = false): Promise<boolean> => {
      const m = module.current;
      if (!m) return false;
      setError(undefined);
      try {
        const next = await m.store.update((stored) => change(m, stored), { overwriteCorrupt });
        if (!live.current) return true;
        setScenarios(next);
        setProblem(undefined); // what is stored now is what was just written
        return true;
      } catch (e) {
        if (!live.current) return false;
        if (e instanceof m.UnreadableScenariosError) {
          pending.current = change;
          setPendingOverwrite(true);
        } else {
          setError((e as Error).message);
          // The change may have failed against a list a co-author changed (a name now taken):
          // show the list as it is.
          void refresh(m);
        }
        return false;
      }
    },
    [refresh]
  );

  return {
    ready,
    scenarios,
    problem,
    pendingOverwrite,
    error,
    save: (scenario) => commit((m, list) => m.upsert(list, scenario)),
    rename: (oldName, newName) => commit((m, list) => m.rename(list, oldName, newName)),
    remove: (name) => commit((m, list) => m.remove(list, name)),
    confirmOverwrite: async () => {
      const change = pending.current;
      setPendingOverwrite(false);
      pending.current = null;
      if (change) await commit(change, true);
    },
    cancelOverwrite: () => {
      pending.current = null;
      setPendingOverwrite(false);
    },
  };
}
