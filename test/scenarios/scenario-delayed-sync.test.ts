/**
 * Issue 22.11: co-authors' settings reach each other late, and a setting arriving from a co-author
 * replaces the local one whole. Two panes that saved different scenarios 10 ms apart, with their
 * settings 50 ms in transit, ended with only one of the two. Here each pane has its own replica
 * of the workbook's settings; a write reaches the other replica after a delay, replaces it, and
 * raises the change event there, on which the pane reads the list again (as the pane does).
 */
import { cloneScenario, Scenario, WORKED_EXAMPLE } from "../../src/model/economics/scenario";
import {
  createScenarioStore,
  deleteScenario,
  parseScenarioDocument,
  ScenarioStorage,
  ScenarioStore,
  upsertScenario,
} from "../../src/scenarios/scenario-store";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One co-author's copy of the settings; `peer` receives every write `delay` ms later. */
class Replica implements ScenarioStorage {
  text: string | null = null;
  peer?: Replica;
  private listeners = new Set<() => void>();
  constructor(private readonly delay: number) {}
  async read() {
    return this.text;
  }
  async write(text: string) {
    this.text = text;
    const peer = this.peer;
    if (peer) setTimeout(() => peer.receive(text), this.delay);
  }
  receive(text: string) {
    this.text = text; // last arrival wins, whole: as co-authored settings do
    this.listeners.forEach((l) => l());
  }
  subscribe(onChange: () => void) {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }
}

function pair(delay: number) {
  const a = new Replica(delay);
  const b = new Replica(delay);
  a.peer = b;
  b.peer = a;
  const stores = [a, b].map((replica) => {
    const store = createScenarioStore(replica);
    replica.subscribe(() => void store.load()); // the pane re-reads on every change event
    return store;
  });
  return { replicas: [a, b], stores };
}

const named = (name: string, rate = 0.8): Scenario => ({
  ...cloneScenario(WORKED_EXAMPLE),
  name,
  retention: { ...WORKED_EXAMPLE.retention, rate },
});
const save = (store: ScenarioStore, scenario: Scenario) =>
  store.update((list) => upsertScenario(list, scenario));
const names = (replica: Replica) =>
  parseScenarioDocument(replica.text)
    .scenarios.map((s) => s.name)
    .sort();

describe("two co-authors whose settings arrive 50 ms late", () => {
  it("both of two scenarios saved 10 ms apart survive, in both copies", async () => {
    const { replicas, stores } = pair(50);
    await save(stores[0], named("Alice plan"));
    await sleep(10);
    await save(stores[1], named("Bob plan"));
    await sleep(400);
    for (const replica of replicas) expect(names(replica)).toEqual(["Alice plan", "Bob plan"]);
    expect((await stores[0].load()).scenarios.map((s) => s.name).sort()).toEqual([
      "Alice plan",
      "Bob plan",
    ]);
  });

  it("a deletion and a concurrent save both hold: the deleted scenario does not come back", async () => {
    const { replicas, stores } = pair(50);
    await save(stores[0], named("Shared"));
    await sleep(200); // both copies hold "Shared"
    await stores[0].update((list) => deleteScenario(list, "Shared"));
    await sleep(10);
    await save(stores[1], named("Carol plan"));
    await sleep(400);
    for (const replica of replicas) expect(names(replica)).toEqual(["Carol plan"]);
  });

  it("the later of two edits of one scenario wins in both copies", async () => {
    const { replicas, stores } = pair(50);
    await save(stores[0], named("Plan", 0.7));
    await sleep(200);
    await save(stores[0], named("Plan", 0.75));
    await sleep(10);
    await save(stores[1], named("Plan", 0.9));
    await sleep(400);
    for (const replica of replicas) {
      const [plan] = parseScenarioDocument(replica.text).scenarios;
      expect(plan.retention.rate).toBe(0.9);
    }
  });

  it("many saves from both sides, 0–60 ms apart, all survive and the copies agree", async () => {
    const { replicas, stores } = pair(50);
    const saved: string[] = [];
    for (let i = 0; i < 12; i++) {
      const name = `Plan ${i}`;
      saved.push(name);
      await save(stores[i % 2], named(name));
      await sleep((i * 17) % 61);
    }
    await sleep(600);
    for (const replica of replicas) expect(names(replica)).toEqual([...saved].sort());
  });
});
