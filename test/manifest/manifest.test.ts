/*
 * `office-addin-manifest validate` needs an online service, so this checks offline what breaks
 * add-ins in practice: well-formed XML, every resid defined, one shared-runtime resid used
 * everywhere, no TaskpaneId beside it, the requirement sets, the CustomFunctions URLs and every
 * icon pointing at files the build produces, and the RETAIN namespace.
 */
import fs from "fs";
import path from "path";
import { parseStringPromise } from "xml2js";
import { builtFile, DIST } from "../support/built";

const MANIFEST = path.resolve(__dirname, "../../manifest.xml");
const DEV_ORIGIN = "https://localhost:3000/";

type Node = { $?: Record<string, string>; [child: string]: unknown };

/** Every element in the tree, with its tag name. */
function* walk(node: unknown, tag = "root"): Generator<[string, Node]> {
  if (Array.isArray(node)) {
    for (const n of node) yield* walk(n, tag);
  } else if (node && typeof node === "object") {
    yield [tag, node as Node];
    for (const [k, v] of Object.entries(node)) if (k !== "$" && k !== "_") yield* walk(v, k);
  }
}

let tree: unknown;
let elements: Array<[string, Node]>;
const localName = (tag: string) => tag.replace(/^.*:/, "");

beforeAll(async () => {
  tree = await parseStringPromise(fs.readFileSync(MANIFEST, "utf8"), { strict: true });
  elements = [...walk(tree)];
});

/** Resource ids defined under <Resources>, with their DefaultValue and overrides. */
function resources(): Map<string, string[]> {
  const defined = new Map<string, string[]>();
  for (const [tag, node] of elements) {
    if (
      ["Image", "Url", "String"].includes(localName(tag)) &&
      node.$?.id &&
      node.$?.DefaultValue !== undefined
    ) {
      const overrides = ((node["bt:Override"] as Node[]) ?? []).map((o) => o.$!.Value);
      defined.set(node.$.id, [node.$.DefaultValue, ...overrides]);
    }
  }
  return defined;
}

/** The file in dist/ a dev-server URL points at. */
function distFileFor(url: string): string {
  expect(url.startsWith(DEV_ORIGIN)).toBe(true);
  return path.join(DIST, url.slice(DEV_ORIGIN.length).split("?")[0]);
}

describe("manifest.xml", () => {
  test("is well-formed XML (a strict parser accepts it) and a task pane app", () => {
    expect(Object.keys(tree as object)).toEqual(["OfficeApp"]);
    expect((tree as { OfficeApp: Node }).OfficeApp.$!["xsi:type"]).toBe("TaskPaneApp");
  });

  test("a strict parser rejects a broken copy (the check can fail)", async () => {
    await expect(
      parseStringPromise(fs.readFileSync(MANIFEST, "utf8").replace("</Hosts>", ""), {
        strict: true,
      })
    ).rejects.toThrow();
  });

  test("every resid referenced is defined", () => {
    const defined = resources();
    const referenced = elements.filter(([, n]) => n.$?.resid).map(([, n]) => n.$!.resid);
    expect(referenced.length).toBeGreaterThan(10);
    expect(referenced.filter((id) => !defined.has(id))).toEqual([]);
  });

  test("resource ids are unique and short enough (≤ 32 characters)", () => {
    const ids = elements
      .filter(([t, n]) => ["Image", "Url", "String"].includes(localName(t)) && n.$?.id)
      .map(([, n]) => n.$!.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
  });

  test("the shared runtime's resid is the same everywhere the runtime is used", () => {
    const runtimes = elements.filter(([t]) => t === "Runtime");
    expect(runtimes.length).toBe(1);
    expect(runtimes[0][1].$!.lifetime).toBe("long");
    const runtimeId = runtimes[0][1].$!.resid;
    const page = elements.find(([t]) => t === "Page")![1] as { SourceLocation: Node[] };
    expect(page.SourceLocation[0].$!.resid).toBe(runtimeId);
    const functionFile = elements.find(([t]) => t === "FunctionFile")![1];
    expect(functionFile.$!.resid).toBe(runtimeId);
    const showTaskpane = elements.find(
      ([t, n]) => t === "Action" && n.$?.["xsi:type"] === "ShowTaskpane"
    )![1] as { SourceLocation: Node[] };
    expect(showTaskpane.SourceLocation[0].$!.resid).toBe(runtimeId);
    const sharedRuntimeSet = elements.find(
      ([t, n]) => t === "Set" && n.$?.Name === "SharedRuntime"
    );
    expect(sharedRuntimeSet).toBeDefined();
  });

  test("no Action under the long-lived runtime's host carries a TaskpaneId (one pane per shared runtime)", () => {
    const hosts = (tree as { OfficeApp: Node }).OfficeApp.VersionOverrides as Node[];
    const sharedHosts = [...walk(hosts)].filter(
      ([t, n]) =>
        t === "Host" && [...walk(n)].some(([rt, r]) => rt === "Runtime" && r.$?.lifetime === "long")
    );
    expect(sharedHosts).toHaveLength(1);
    const actions = [...walk(sharedHosts[0][1])].filter(([t]) => t === "Action");
    expect(actions.length).toBeGreaterThan(0);
    const withPaneId = actions.filter(([, a]) => a.TaskpaneId !== undefined);
    expect(withPaneId.map(([, a]) => a.TaskpaneId)).toEqual([]);
    // The check can fail: the same walk finds a TaskpaneId in a copy that has one.
    const withId = JSON.parse(JSON.stringify(sharedHosts[0][1])) as Node;
    const action = [...walk(withId)].find(([t]) => t === "Action")![1];
    action.TaskpaneId = ["RetainWhatIfPane"];
    expect([...walk(withId)].filter(([t, a]) => t === "Action" && a.TaskpaneId)).toHaveLength(1);
  });

  test("the base manifest requires SharedRuntime 1.1 and ExcelApi 1.9, the highest set the code uses", () => {
    // Base manifest = <Requirements> as a direct child of <OfficeApp>: Office activates the add-in
    // only where these exist (a <Requirements> under <VersionOverrides> gates only the overrides).
    const app = (tree as { OfficeApp: Node }).OfficeApp;
    const sets = ((app.Requirements as Node[])[0].Sets as Node[])[0];
    const declared = Object.fromEntries(
      (sets.Set as Node[]).map((set) => [
        set.$!.Name,
        set.$!.MinVersion ?? sets.$?.DefaultMinVersion ?? "1.1",
      ])
    );
    expect(declared).toEqual({ SharedRuntime: "1.1", ExcelApi: "1.9" });
  });

  test("the CustomFunctions Script, Page and Metadata URLs map to built files", () => {
    const defined = resources();
    const ext = elements.find(
      ([t, n]) => t === "ExtensionPoint" && n.$?.["xsi:type"] === "CustomFunctions"
    )![1] as Record<string, Node[]>;
    const urlOf = (child: string) =>
      defined.get((ext[child][0].SourceLocation as Node[])[0].$!.resid)!;
    expect(urlOf("Script")[0]).toBe(DEV_ORIGIN + "functions.js");
    expect(urlOf("Page")[0]).toBe(DEV_ORIGIN + "taskpane.html");
    expect(urlOf("Metadata")).toEqual([
      DEV_ORIGIN + "functions.json",
      DEV_ORIGIN + "functions-zh-cn.json",
    ]);
    for (const child of ["Script", "Page", "Metadata"])
      for (const url of urlOf(child)) expect(fs.existsSync(distFileFor(url))).toBe(true);
    builtFile("functions.js");
  });

  test("every icon URL maps to a built PNG of the declared size", () => {
    const icons: string[] = [];
    for (const [tag, node] of elements) {
      if ((tag === "IconUrl" || tag === "HighResolutionIconUrl") && node.$?.DefaultValue)
        icons.push(node.$.DefaultValue);
      if (tag === "bt:Image" && node.$?.DefaultValue) icons.push(node.$.DefaultValue);
    }
    expect(icons.length).toBeGreaterThanOrEqual(5);
    for (const url of icons) {
      const file = distFileFor(url);
      expect([url, fs.existsSync(file)]).toEqual([url, true]);
      const png = fs.readFileSync(file);
      const size = png.readUInt32BE(16);
      expect(`${url} ${size}`).toBe(`${url} ${Number(/icon-(\d+)\.png$/.exec(url)![1])}`);
    }
  });

  test("the source location and task pane URL are the built taskpane.html", () => {
    const source = elements.find(([t]) => t === "DefaultSettings")![1] as {
      SourceLocation: Node[];
    };
    expect(fs.existsSync(distFileFor(source.SourceLocation[0].$!.DefaultValue))).toBe(true);
  });

  test("the function namespace is RETAIN", () => {
    const ext = elements.find(
      ([t, n]) => t === "ExtensionPoint" && n.$?.["xsi:type"] === "CustomFunctions"
    )![1] as Record<string, Node[]>;
    const namespaceId = ext.Namespace[0].$!.resid;
    expect(resources().get(namespaceId)![0]).toBe("RETAIN");
  });

  test("the manifest in dist/ is the source manifest", () => {
    expect(fs.readFileSync(builtFile("manifest.xml"), "utf8")).toBe(
      fs.readFileSync(MANIFEST, "utf8")
    );
  });
});
