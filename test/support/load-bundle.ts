/**
 * Loads the built dist/functions.js as the JavaScript-only custom functions runtime would: in a
 * fresh JavaScript context whose only non-standard global is CustomFunctions (no window,
 * document, React or Office), collecting the functions it registers by id.
 */
import fs from "fs";
import vm from "vm";
import { builtFile } from "./built";
import { CustomFunctionsError, ErrorCode } from "./custom-functions-global";

export type RegisteredFunction = (...args: unknown[]) => unknown;

export function loadFunctionsBundle(): {
  registered: Map<string, RegisteredFunction>;
  associateCalls: string[];
  /** Builds arguments inside the bundle's own realm, as Excel's runtime hands them over. */
  inRealm: <T>(value: T) => T;
} {
  const registered = new Map<string, RegisteredFunction>();
  const associateCalls: string[] = [];
  const CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode,
    associate: (id: string, fn: RegisteredFunction) => {
      associateCalls.push(id);
      registered.set(id, fn);
    },
  };
  const context = vm.createContext({ CustomFunctions });
  vm.runInContext(fs.readFileSync(builtFile("functions.js"), "utf8"), context, {
    filename: "functions.js",
  });
  const inRealm = <T>(value: T): T => vm.runInContext(`(${JSON.stringify(value)})`, context) as T;
  return { registered, associateCalls, inRealm };
}
