/*
 * associateOnFirstCall (the shared runtime page's custom functions): every id associated at
 * once, before any code is loaded; calls before the code is in wait for it (one load however
 * many calls), calls after run synchronously; a failed load is retried by the next call.
 */
import fc from "fast-check";
import {
  associateOnFirstCall,
  CustomFunction,
  FunctionTable,
} from "../../src/functions/associate-on-first-call";

/** A table whose function for each id returns [id, ...its arguments], or throws for "BAD". */
function tableOf(ids: string[]): FunctionTable {
  return Object.fromEntries(
    ids.map((id) => [
      id,
      (...args: unknown[]) => {
        if (args[0] === "BAD") throw new Error(`${id} refuses BAD`);
        return [id, ...args];
      },
    ])
  );
}

/** A load the test resolves or rejects when it chooses, counting how often it was asked. */
function controlledLoad(table: FunctionTable) {
  const pending: { resolve: (t: FunctionTable) => void; reject: (e: Error) => void }[] = [];
  const load = jest.fn(
    () =>
      new Promise<FunctionTable>((resolve, reject) => {
        pending.push({ resolve, reject });
      })
  );
  return {
    load,
    resolve: () => pending.splice(0).forEach((p) => p.resolve(table)),
    reject: () => pending.splice(0).forEach((p) => p.reject(new Error("network"))),
  };
}

const idList = fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z_]{0,11}$/), {
  minLength: 1,
  maxLength: 20,
});
const argList = fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 5 });

describe("associateOnFirstCall", () => {
  test("associates every id once, synchronously, without loading the code", () => {
    fc.assert(
      fc.property(idList, (ids) => {
        const associated: string[] = [];
        const { load } = controlledLoad(tableOf(ids));
        associateOnFirstCall(ids, load, (id) => associated.push(id));
        expect(associated).toEqual(ids);
        expect(load).not.toHaveBeenCalled();
      })
    );
  });

  test("calls before the code is in load it once and answer with the real function's result", async () => {
    await fc.assert(
      fc.asyncProperty(
        idList,
        fc.array(argList, { minLength: 1, maxLength: 6 }),
        async (ids, calls) => {
          const registered = new Map<string, CustomFunction>();
          const control = controlledLoad(tableOf(ids));
          associateOnFirstCall(ids, control.load, (id, fn) => registered.set(id, fn));
          const results = calls.map((args, k) => registered.get(ids[k % ids.length])!(...args));
          for (const r of results) expect(r).toBeInstanceOf(Promise);
          expect(control.load).toHaveBeenCalledTimes(1);
          control.resolve();
          const answers = await Promise.all(results);
          answers.forEach((answer, k) =>
            expect(answer).toEqual([ids[k % ids.length], ...calls[k]])
          );
        }
      )
    );
  });

  test("calls after the code is in run synchronously, errors included", async () => {
    await fc.assert(
      fc.asyncProperty(idList, argList, async (ids, args) => {
        const registered = new Map<string, CustomFunction>();
        const control = controlledLoad(tableOf(ids));
        const lazy = associateOnFirstCall(ids, control.load, (id, fn) => registered.set(id, fn));
        const loaded = lazy.load();
        control.resolve();
        await loaded;
        for (const id of ids) {
          expect(registered.get(id)!(...args)).toEqual([id, ...args]);
          expect(() => registered.get(id)!("BAD")).toThrow(`${id} refuses BAD`);
        }
        expect(control.load).toHaveBeenCalledTimes(1);
      })
    );
  });

  test("a function that throws before the code is in rejects its call with that error", async () => {
    const control = controlledLoad(tableOf(["A"]));
    const registered = new Map<string, CustomFunction>();
    associateOnFirstCall(["A"], control.load, (id, fn) => registered.set(id, fn));
    const call = registered.get("A")!("BAD") as Promise<unknown>;
    control.resolve();
    await expect(call).rejects.toThrow("A refuses BAD");
  });

  test("a failed load fails the calls waiting for it, and the next call loads again", async () => {
    const control = controlledLoad(tableOf(["A", "B"]));
    const registered = new Map<string, CustomFunction>();
    associateOnFirstCall(["A", "B"], control.load, (id, fn) => registered.set(id, fn));
    const first = registered.get("A")!(1) as Promise<unknown>;
    control.reject();
    await expect(first).rejects.toThrow("network");
    const second = registered.get("B")!(2) as Promise<unknown>;
    expect(control.load).toHaveBeenCalledTimes(2);
    control.resolve();
    await expect(second).resolves.toEqual(["B", 2]);
  });

  test("code that lacks an associated id is refused, naming the id", async () => {
    const control = controlledLoad(tableOf(["A"]));
    const lazy = associateOnFirstCall(["A", "MISSING"], control.load, () => undefined);
    const loaded = lazy.load();
    control.resolve();
    await expect(loaded).rejects.toThrow("MISSING");
  });
});
