/**
 * jsdom has no TextDecoder or TextEncoder; the browsers the pane runs in (and their workers) do.
 * The worker's reading code decodes text, so the component tests that run it in jsdom get Node's.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "util";

if (typeof globalThis.TextDecoder === "undefined")
  Object.assign(globalThis, { TextDecoder: NodeTextDecoder });
if (typeof globalThis.TextEncoder === "undefined")
  Object.assign(globalThis, { TextEncoder: NodeTextEncoder });
