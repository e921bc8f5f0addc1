/*
 * `office-addin-manifest validate` needs an online service, so this checks offline what breaks
 * add-ins in practice: well-formed XML, every resid defined, one shared-runtime resid used
 * everywhere, no TaskpaneId beside it, the requirement sets, the CustomFunctions URLs and every
 * icon pointing at files the build produces, and the RETAIN namespace. The same checks run on
 * manifest.xml (the dev server's addresses, against dist/) and on the manifest a production build
 * writes for a public address (ADDIN_PUBLIC_URL, built here into a folder of its own).
 */
import { spawn } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { parseStringPromise } from "xml2js";
import { builtFile, DIST } from "../support/built";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DEV_ORIGIN = "https://localhost:3000";
/** A team's address, with a path, as a SharePoint or static site would give it. */
const PUBLIC_URL = "https://addins.example.com/finance/retain";
const PUBLIC_ORIGIN = "https://addins.example.com";

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

const localName = (tag: string) => tag.replace(/^.*:/, "");

/** A manifest to check: its text, the address its URLs start with, and the folder they are served from. */
interface Served {
  xml: string;
  /** Every URL starts with this, then "/" and a file's path in `dir`. */
  base: string;
  /** The origin the app domain names. */
  origin: string;
  dir: string;
}

/** The offline checks, on the manifest `served()` gives once its beforeAll hooks have run. */
function manifestChecks(served: () => Served) {
  let tree: unknown;
  let elements: Array<[string, Node]>;
  let where: Served;

  beforeAll(async () => {
    where = served();
    tree = await parseStringPromise(where.xml, { strict: true });
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

  /** The file in the build a URL points at. */
  function builtFileFor(url: string): string {
    expect(url.startsWith(`${where.base}/`)).toBe(true);
    return path.join(where.dir, url.slice(where.base.length + 1).split("?")[0]);
  }

  test("is well-formed XML (a strict parser accepts it) and a task pane app", () => {
    expect(Object.keys(tree as object)).toEqual(["OfficeApp"]);
    expect((tree as { OfficeApp: Node }).OfficeApp.$!["xsi:type"]).toBe("TaskPaneApp");
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
    expect(urlOf("Script")[0]).toBe(`${where.base}/functions.js`);
    expect(urlOf("Page")[0]).toBe(`${where.base}/taskpane.html`);
    expect(urlOf("Metadata")).toEqual([
      `${where.base}/functions.json`,
      `${where.base}/functions-zh-cn.json`,
    ]);
    for (const child of ["Script", "Page", "Metadata"])
      for (const url of urlOf(child)) expect(fs.existsSync(builtFileFor(url))).toBe(true);
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
      const file = builtFileFor(url);
      expect([url, fs.existsSync(file)]).toEqual([url, true]);
      const png = fs.readFileSync(file);
      const size = png.readUInt32BE(16);
      expect(`${url} ${size}`).toBe(`${url} ${Number(/icon-(\d+)\.png$/.exec(url)![1])}`);
    }
  });

  test("the source location, support and learn-more URLs are the built taskpane.html; the app domain is the origin", () => {
    const source = elements.find(([t]) => t === "DefaultSettings")![1] as {
      SourceLocation: Node[];
    };
    const support = elements.find(([t]) => t === "SupportUrl")![1];
    const learnMore = resources().get("GetStarted.LearnMoreUrl")!;
    for (const url of [
      source.SourceLocation[0].$!.DefaultValue,
      support.$!.DefaultValue,
      ...learnMore,
    ])
      expect(builtFileFor(url)).toBe(path.join(where.dir, "taskpane.html"));
    expect(fs.existsSync(path.join(where.dir, "taskpane.html"))).toBe(true);
    const app = (tree as { OfficeApp: { AppDomains: { AppDomain: string[] }[] } }).OfficeApp;
    expect(app.AppDomains[0].AppDomain).toEqual([where.origin]);
  });

  test("every URL in it is under the served address (none left behind)", () => {
    const withoutComments = where.xml.replace(/<!--[\s\S]*?-->/g, "");
    const urls = withoutComments.match(/https?:\/\/[^\s"<>]+/g) ?? [];
    const schemas = urls.filter(
      (u) => u.startsWith("http://schemas.microsoft.com/") || u.startsWith("http://www.w3.org/")
    );
    const served = urls.filter((u) => !schemas.includes(u));
    expect(served.length).toBeGreaterThanOrEqual(10);
    expect(served.filter((u) => u !== where.origin && !u.startsWith(`${where.base}/`))).toEqual([]);
  });

  test("the function namespace is RETAIN", () => {
    const ext = elements.find(
      ([t, n]) => t === "ExtensionPoint" && n.$?.["xsi:type"] === "CustomFunctions"
    )![1] as Record<string, Node[]>;
    const namespaceId = ext.Namespace[0].$!.resid;
    expect(resources().get(namespaceId)![0]).toBe("RETAIN");
  });
}

describe("manifest.xml (the dev server's addresses, served from dist/)", () => {
  manifestChecks(() => {
    builtFile("taskpane.html");
    return {
      xml: fs.readFileSync(MANIFEST, "utf8"),
      base: DEV_ORIGIN,
      origin: DEV_ORIGIN,
      dir: DIST,
    };
  });

  test("a strict parser rejects a broken copy (the checks can fail)", async () => {
    await expect(
      parseStringPromise(fs.readFileSync(MANIFEST, "utf8").replace("</Hosts>", ""), {
        strict: true,
      })
    ).rejects.toThrow();
  });

  test("the manifest in dist/ is the source manifest (npm start and a plain build keep localhost)", () => {
    expect(fs.readFileSync(builtFile("manifest.xml"), "utf8")).toBe(
      fs.readFileSync(MANIFEST, "utf8")
    );
  });
});

/** Runs webpack as `npm run build` does, with `env` added; resolves with its exit code and output. */
function webpackBuild(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", ...args],
      { cwd: ROOT, env: { ...process.env, ...env } }
    );
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("a production build for a public address (ADDIN_PUBLIC_URL)", () => {
  let dir = "";
  let build: { code: number | null; output: string };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-public-"));
    // The pane's build (the report command's does not touch the manifest), into a folder of its own.
    build = await webpackBuild(["--config-name", "pane"], {
      ADDIN_PUBLIC_URL: `${PUBLIC_URL}/`,
      ADDIN_OUTPUT_DIR: dir,
    });
  }, 15 * 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("succeeds", () => {
    expect([build.code, build.output.slice(-2000)]).toEqual([0, expect.any(String)]);
  });

  manifestChecks(() => ({
    xml: fs.readFileSync(path.join(dir, "manifest.xml"), "utf8"),
    base: PUBLIC_URL,
    origin: PUBLIC_ORIGIN,
    dir,
  }));

  test("leaves no localhost anywhere in the manifest or the page, and keeps Office.js on Microsoft's CDN", () => {
    const manifest = fs.readFileSync(path.join(dir, "manifest.xml"), "utf8");
    const page = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
    expect(manifest).not.toMatch(/localhost/i);
    expect(page).not.toMatch(/localhost/i);
    expect(page).toContain("src=https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    // The same manifest as the source, but for its addresses.
    expect(
      manifest
        .split(PUBLIC_URL)
        .join(DEV_ORIGIN)
        .replace(`<AppDomain>${PUBLIC_ORIGIN}<`, `<AppDomain>${DEV_ORIGIN}<`)
    ).toBe(fs.readFileSync(MANIFEST, "utf8"));
  });

  test(
    "an address Office cannot load fails the build at once, saying why",
    async () => {
      const refused = await webpackBuild(["--config-name", "pane"], {
        ADDIN_PUBLIC_URL: "http://addins.example.com/retain",
        ADDIN_OUTPUT_DIR: path.join(dir, "refused"),
      });
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("must be a plain https:// address");
      expect(fs.existsSync(path.join(dir, "refused", "manifest.xml"))).toBe(false);
    },
    5 * 60_000
  );
});
