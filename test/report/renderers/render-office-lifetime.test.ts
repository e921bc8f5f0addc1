/**
 * The Office.js renderer writing the "Customer lifetime" plan, against office-addin-mock (the
 * context, its sync and application) with a recording worksheet fake: the sample's customers go
 * in three syncs with the parameters' names; 100,000 customers go in a bounded number of
 * requests, each under Excel on the web's ~5 MB cap with calculation suspended for each, every
 * cell exactly once, and the styling in a few dozen ranges (not one per customer); no existing
 * sheet is touched.
 */
import { OfficeMockObject } from "office-addin-mock";
import { customerLifetimePlan } from "../../../src/report/plans/customer-lifetime-plan";
import {
  REQUEST_BUDGET_BYTES,
  styleRuns,
  writeBatches,
  writePlanToWorkbook,
} from "../../../src/report/renderers/render-office";
import { randomCustomers, sampleLifetime, tableOf, WEEKS } from "../customer-lifetime-support";

type Op = { target: string; action: string; value?: unknown };

/** Records every property set and call under a path; any member is itself a recorder. */
function recorder(ops: Op[], path: string): any {
  const target = function () {} as unknown as Record<string, unknown>;
  return new Proxy(target, {
    get: (_t, key) => (key === "then" ? undefined : recorder(ops, `${path}.${String(key)}`)),
    set: (_t, key, value) => {
      ops.push({ target: path, action: `set ${String(key)}`, value });
      return true;
    },
    apply: (_t, _this, args) => {
      ops.push({ target: path, action: "call", value: args });
      return recorder(ops, `${path}()`);
    },
  });
}

function installExcel(existing: string[]) {
  const ops: Op[] = [];
  let syncs = 0;
  const sheets: { name: string; id: string }[] = existing.map((name, i) => ({
    name,
    id: `{${i}}`,
  }));
  let loaded = false;
  const worksheets = {
    load: () => ops.push({ target: "worksheets", action: "load" }),
    get items() {
      if (!loaded) throw new Error("PropertyNotLoaded");
      return sheets;
    },
    add: (name: string) => {
      ops.push({ target: "worksheets", action: "add", value: name });
      const sheet = { name, id: `{new ${name}}` };
      sheets.push(sheet);
      const fake = recorder(ops, name);
      return new Proxy(fake, {
        get: (t, key) => (key === "id" ? sheet.id : key === "load" ? () => {} : t[key as string]),
      });
    },
    getItemOrNullObject: (id: string) => {
      ops.push({ target: "worksheets", action: "getItemOrNullObject", value: id });
      return recorder(ops, `sheet ${id}`);
    },
  };
  const excel = new OfficeMockObject({
    context: {
      workbook: {},
      application: {
        suspendApiCalculationUntilNextSync: () =>
          ops.push({ target: "application", action: "suspendApiCalculationUntilNextSync" }),
      },
      sync: async () => {
        syncs++;
        loaded = true;
        ops.push({ target: "context", action: "sync" });
      },
    },
    run: async function (this: { context: unknown }, batch: (c: unknown) => Promise<unknown>) {
      return batch(this.context);
    },
  });
  (excel.context.workbook as Record<string, unknown>).worksheets = worksheets;
  (globalThis as Record<string, unknown>).Excel = excel;
  return { ops, syncs: () => syncs };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
});

/** The ops between syncs, one list per request. */
function requests(ops: Op[]): Op[][] {
  const out: Op[][] = [[]];
  for (const op of ops) {
    if (op.target === "context" && op.action === "sync") out.push([]);
    else out[out.length - 1].push(op);
  }
  return out.slice(0, -1);
}

describe("writePlanToWorkbook with the customer-lifetime sheet", () => {
  it("writes the sample's customers in three syncs with the parameters' names, touching no other sheet", async () => {
    const table = sampleLifetime({ holdoutDays: 91 });
    const plan = customerLifetimePlan(table);
    const existing = ["Orders", "Customer lifetime"];
    const excel = installExcel(existing);
    const name = await writePlanToWorkbook(plan, plan.sheetName);
    expect(name).toBe("Customer lifetime (2)");
    expect(excel.syncs()).toBe(3);
    const touched = excel.ops.filter((o) =>
      existing.some((n) => o.target === n || o.target.startsWith(`${n}.`))
    );
    expect(touched).toEqual([]);
    const prefix = "Customer lifetime (2)";
    const names = excel.ops
      .filter((o) => o.target === `${prefix}.names.add`)
      .map((o) => (o.value as unknown[])[0]);
    expect(names).toEqual(plan.names.map((n) => n.name));
    expect(names).toEqual(
      expect.arrayContaining(["BgNbd_R", "BgNbd_Alpha", "BgNbd_A", "BgNbd_B", "GammaGamma_Q"])
    );
    // The customers' block arrives whole: one range, its formulas as one 2-D array.
    const last = 35 + table.customers.count;
    expect(excel.ops).toContainEqual({
      target: `${prefix}.getRange`,
      action: "call",
      value: [`A33:I${last}`],
    });
    const formulas = excel.ops.filter((o) => o.action === "set formulas");
    const rows = formulas.map((o) => o.value as (string | null)[][]).find((f) => f.length > 100)!;
    expect(rows).toHaveLength(table.customers.count + 3);
    expect(rows[3][5]).toMatch(/^=IF\(B36=0,1,EXP\(-MAX\(LN\(/);
    expect(rows[3][7]).toMatch(/^=\$B\$21\*\(\$B\$23\+E36\*B36\)/);
    expect(rows[3][6]).toBeNull(); // expected purchases: a value
  });

  it("writes 100,000 customers in a bounded number of requests, each under the payload cap, with a few dozen styled ranges", async () => {
    const customers = randomCustomers(100_000, 5).map((c) => (c.x > 50 ? { ...c, x: 50 } : c));
    const sample = sampleLifetime();
    const plan = customerLifetimePlan(
      tableOf(customers, sample.purchases, sample.spend, { ...WEEKS, horizon: 1 })
    );
    const batches = writeBatches(plan);
    const total = batches.flat().reduce((sum, piece) => sum + piece.bytes, 0);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(total / REQUEST_BUDGET_BYTES) + 1);
    const runs = [...styleRuns(plan).values()].reduce((sum, r) => sum + r.length, 0);
    expect(runs).toBeLessThan(60);
    const excel = installExcel(["Sheet1"]);
    await writePlanToWorkbook(plan, plan.sheetName);
    const sent = requests(excel.ops);
    expect(excel.syncs()).toBe(2 + batches.length);
    for (const request of sent.slice(2)) {
      expect(request[0]).toEqual({
        target: "application",
        action: "suspendApiCalculationUntilNextSync",
      });
      const bytes = Buffer.byteLength(
        JSON.stringify(request.filter((o) => o.action.startsWith("set ")).map((o) => o.value)),
        "utf8"
      );
      expect(bytes).toBeLessThan(5_000_000);
    }
    // Every cell of every block arrives exactly once.
    const written = sent
      .flat()
      .filter((o) => o.action === "set values")
      .reduce((sum, o) => sum + (o.value as unknown[][]).flat().length, 0);
    const planned = plan.blocks.reduce(
      (sum, b) => sum + b.rows.length * Math.max(1, ...b.rows.map((r) => r.length)),
      0
    );
    expect(written).toBe(planned);
    console.info(
      `100,000 customers: ${(total / 1e6).toFixed(1)} MB in ${batches.length} requests, ${runs} styled ranges`
    );
  });
});
