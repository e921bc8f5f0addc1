/** The fits' grouping of customers by x, against a plain count over the rows. */
import fc from "fast-check";
import { frequencyGroups } from "../../../src/model/buyers/frequency-groups";

describe("frequencyGroups", () => {
  it("lists each distinct x once, in order of first appearance, with its rows' total weight", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 5 })), {
          maxLength: 60,
        }),
        (rows) => {
          const x = rows.map(([xi]) => xi);
          const w = rows.map(([, wi]) => wi);
          const groups = frequencyGroups(x, w);
          const distinct: number[] = [];
          for (const xi of x) if (!distinct.includes(xi)) distinct.push(xi);
          expect(Array.from(groups.xs)).toEqual(distinct);
          distinct.forEach((xi, g) => {
            let total = 0;
            for (let k = 0; k < x.length; k++) if (x[k] === xi) total += w[k];
            expect(groups.xw[g]).toBe(total);
          });
          for (let k = 0; k < x.length; k++) expect(groups.xs[groups.group[k]]).toBe(x[k]);
        }
      )
    );
  });
});
