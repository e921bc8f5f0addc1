/**
 * The Office.js renderer writing the "Customer lifetime" plan, against the strict worksheets fake
 * (test/support/fake-excel-worksheets.ts): the sample's customers go in five syncs with the
 * parameters' names; 100,000 customers go in a bounded number of requests, each under Excel on
 * the web's ~5 MB cap with calculation suspended for each, every cell exactly once, and the
 * styling in a few dozen ranges (not one per customer); no existing sheet is touched.
 */
import { customerLifetimePlan } from "../../../src/report/plans/customer-lifetime-plan";
import { styleRectangles } from "../../../src/report/renderers/office-layout";
import { writePlanToWorkbook } from "../../../src/report/renderers/render-office";
import {
  installFakeWorksheets,
  opsOnSheets,
  uninstallFakeWorksheets,
} from "../../support/fake-excel-worksheets";
import { randomCustomers, sampleLifetime, tableOf, WEEKS } from "../customer-lifetime-support";
import { expectWrittenInBoundedRequests } from "./office-write-checks";

afterEach(uninstallFakeWorksheets);

describe("writePlanToWorkbook with the customer-lifetime sheet", () => {
  it("writes the sample's customers in five syncs with the parameters' names, touching no other sheet", async () => {
    const table = sampleLifetime({ holdoutDays: 91 });
    const plan = customerLifetimePlan(table);
    const existing = ["Orders", "Customer lifetime"];
    const excel = installFakeWorksheets(existing);
    const name = await writePlanToWorkbook(plan, plan.sheetName);
    expect(name).toBe("Customer lifetime (2)");
    expect(excel.syncs()).toBe(5);
    expect(opsOnSheets(excel.ops, existing)).toEqual([]);
    const prefix = "Customer lifetime (2)";
    const names = excel.ops
      .filter((o) => o.target === prefix && o.action === "names.add")
      .map((o) => (o.value as { name: string }).name);
    expect(names).toEqual(plan.names.map((n) => n.name));
    expect(names).toEqual(
      expect.arrayContaining(["BgNbd_R", "BgNbd_Alpha", "BgNbd_A", "BgNbd_B", "GammaGamma_Q"])
    );
    // The customers' block arrives whole: one range, its formulas as one 2-D array.
    const last = 35 + table.customers.count;
    expect(excel.ops).toContainEqual({
      target: prefix,
      action: "getRange",
      value: `A33:I${last}`,
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
    const runs = [...styleRectangles(plan).values()].reduce((sum, r) => sum + r.length, 0);
    expect(runs).toBeLessThan(60);
    const { batches, total } = await expectWrittenInBoundedRequests(plan);
    console.info(
      `100,000 customers: ${(total / 1e6).toFixed(1)} MB in ${batches.length} requests, ${runs} styled ranges`
    );
  });
});
