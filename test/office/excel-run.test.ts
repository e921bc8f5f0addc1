/**
 * Writes while a cell is being edited: every Excel batch of the pane starts through runExcel, which
 * asks Excel to hold it until the user leaves the cell (delayForCellEdit) where Office reports
 * ExcelApi 1.11, and starts it exactly as before elsewhere. A recording Excel.run (over the
 * settings fake for the scenario storage) shows what each batch was started with.
 */
import fs from "fs";
import path from "path";
import { writePlanToWorkbook } from "../../src/report/renderers/render-office";
import { OfficeScenarioStorage } from "../../src/scenarios/office-storage";
import { WorkbookDateSystem } from "../../src/taskpane/host/date-system";
import { delaysForCellEdit, runExcel } from "../../src/office/excel-run";
import { listWorkbookTables, readRowsInBlocks } from "../../src/taskpane/host/office-table-reader";
import { installFakeExcelSettings } from "../support/fake-excel-settings";

type Globals = Record<string, unknown>;

/** Office as it reports requirement sets: ExcelApi up to `excelApi` (e.g. "1.10"). */
function installOffice(excelApi: string | "throws") {
  (globalThis as Globals).Office = {
    context: {
      requirements: {
        isSetSupported(name: string, version: string) {
          if (excelApi === "throws") throw new Error("Office.js is not initialised");
          const minor = (v: string) => Number(v.split(".")[1]);
          return name === "ExcelApi" && minor(version) <= minor(excelApi);
        },
      },
    },
  };
}

/** Replaces Excel.run with one that records its arguments and then runs the batch on `run`. */
function recordRuns(run: (...args: unknown[]) => Promise<unknown>) {
  const calls: unknown[][] = [];
  (globalThis as Globals).Excel = {
    run: (...args: unknown[]) => {
      calls.push(args);
      const options = args.length > 1 ? args[0] : undefined;
      const batch = args[args.length - 1];
      // Hand on in the form the underlying fake knows: (batch) or (previous context, batch).
      const previous =
        options && typeof options === "object" && "delayForCellEdit" in options
          ? (options as { previousObjects?: unknown }).previousObjects
          : options;
      return previous ? run(previous, batch) : run(batch);
    },
  };
  return calls;
}

/** What each call was started with: the options object, "plain" for Excel.run(batch), or "context". */
const startedWith = (calls: unknown[][]) =>
  calls.map((args) =>
    args.length === 1
      ? "plain"
      : typeof args[0] === "object" && args[0] !== null && "delayForCellEdit" in args[0]
        ? args[0]
        : "context"
  );

afterEach(() => {
  delete (globalThis as Globals).Office;
  delete (globalThis as Globals).Excel;
});

describe("runExcel", () => {
  const batch = async () => "done";

  it("asks Excel to wait for cell editing to end where ExcelApi 1.11 is supported", async () => {
    installOffice("1.11");
    const calls = recordRuns(async (b) => (b as typeof batch)());
    expect(delaysForCellEdit()).toBe(true);
    expect(await runExcel(batch)).toBe("done");
    expect(calls).toEqual([[{ delayForCellEdit: true }, batch]]);
  });

  it("starts the batch exactly as before where it is not (1.10), or where Office cannot say", async () => {
    for (const office of ["1.10", "throws", null] as const) {
      if (office) installOffice(office);
      else delete (globalThis as Globals).Office;
      const calls = recordRuns(async (b) => (b as typeof batch)());
      expect(delaysForCellEdit()).toBe(false);
      expect(await runExcel(batch)).toBe("done");
      expect(calls).toEqual([[batch]]);
    }
  });

  it("runs on an earlier batch's context, with or without the option", async () => {
    const context = { earlier: true };
    installOffice("1.12");
    let calls = recordRuns(async (...a) => (a[a.length - 1] as typeof batch)());
    await runExcel(batch, context as never);
    expect(calls).toEqual([[{ delayForCellEdit: true, previousObjects: context }, batch]]);
    installOffice("1.9");
    calls = recordRuns(async (...a) => (a[a.length - 1] as typeof batch)());
    await runExcel(batch, context as never);
    expect(calls).toEqual([[context, batch]]);
  });
});

describe("every batch of the pane goes through runExcel", () => {
  it("the scenario storage: read, write, subscribe and unsubscribe all wait for cell editing", async () => {
    const settings = installFakeExcelSettings();
    const underlying = (globalThis as { Excel: { run: (...a: unknown[]) => Promise<unknown> } })
      .Excel.run;
    installOffice("1.11");
    const calls = recordRuns(underlying);
    const storage = new OfficeScenarioStorage();
    await storage.write('{"version":2,"scenarios":[]}');
    expect(await storage.read()).toBe('{"version":2,"scenarios":[]}');
    const unsubscribe = storage.subscribe(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(settings.handlers.size).toBe(0); // removed through the context it was added with
    expect(startedWith(calls)).toEqual([
      { delayForCellEdit: true },
      { delayForCellEdit: true },
      { delayForCellEdit: true },
      { delayForCellEdit: true, previousObjects: expect.anything() },
    ]);
    settings.uninstall();
  });

  it("the table reader, the table list and the date system wait for cell editing too", async () => {
    installOffice("1.11");
    // Excel refuses everything here: only how each batch was started matters.
    const calls = recordRuns(async () => Promise.reject(new Error("no workbook")));
    await expect(readRowsInBlocks({ kind: "selection" }, { onBlock: () => {} })).rejects.toThrow();
    await expect(listWorkbookTables()).rejects.toThrow();
    await expect(new WorkbookDateSystem().detect()).rejects.toThrow();
    // "Write to sheet" (docs/excel-checklist.md step 16): the sheet renderer waits too.
    await expect(
      writePlanToWorkbook({ name: "x", cells: [], columnWidths: [] } as never, "Cohorts")
    ).rejects.toThrow();
    expect(startedWith(calls)).toEqual([
      { delayForCellEdit: true },
      { delayForCellEdit: true },
      { delayForCellEdit: true },
      { delayForCellEdit: true },
    ]);
  });

  it("no Excel.run in the pane, the scenario storage or the sheet renderer bypasses it", () => {
    const root = path.resolve(__dirname, "../../src");
    const files = ["taskpane", "scenarios", "report"].flatMap((dir) =>
      (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => path.join(root, dir, f))
    );
    expect(files.length).toBeGreaterThan(20);
    const bypassing = files.filter(
      (f) => !f.endsWith("excel-run.ts") && /\bExcel\.run\s*\(/.test(fs.readFileSync(f, "utf8"))
    );
    expect(bypassing.map((f) => path.relative(root, f))).toEqual([]);
  });
});

describe("layers", () => {
  it("the report and the scenario storage import nothing from the pane", () => {
    const root = path.resolve(__dirname, "../../src");
    const offending = ["report", "scenarios", "office"].flatMap((dir) =>
      (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f))
        .filter((f) =>
          /from "[^"]*\/taskpane\//.test(fs.readFileSync(path.join(root, dir, f), "utf8"))
        )
        .map((f) => path.join(dir, f))
    );
    expect(offending).toEqual([]);
  });
});
