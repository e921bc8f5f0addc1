/**
 * The split by segment (src/model/history/segments.ts) against a brute force written here with
 * plain loops: each customer to the segment of their earliest row (ties: the row read first),
 * blocks in order of the segments' codes, each block's rows in row order.
 */
import fc from "fast-check";
import {
  orderSegments,
  SegmentCodes,
  SegmentedRows,
  subscriptionSegments,
  survivalSegments,
} from "../../../src/model/history/segments";
import { NO_COLUMN } from "../../../src/model/history/table-folding";

const column = (cells: unknown[]) => ({ length: cells.length, at: (i: number) => cells[i] });

describe("SegmentCodes", () => {
  test("codes in order of first appearance; text ignores case and keeps its first spelling", () => {
    const codes = new SegmentCodes();
    const cells = ["Paid", "Referral", "paid", "", null, 3, "3", true, "TRUE", false, "PAID"];
    expect(cells.map((c, i) => codes.code(c, i + 1))).toEqual([0, 1, 0, 2, 2, 3, 4, 5, 6, 7, 0]);
    expect(codes.labels).toEqual(["Paid", "Referral", "", 3, "3", "TRUE", "TRUE", "FALSE"]);
  });

  test("an error value or a number that is not finite names the argument and the row", () => {
    const codes = new SegmentCodes();
    expect(() => codes.code({ type: "Error", basicValue: "#REF!" }, 12)).toThrow(
      "segments row 12: #REF! is not a segment"
    );
    expect(() => codes.code(Infinity, 3)).toThrow("segments row 3: is not a valid segment");
  });
});

describe("SegmentedRows.split", () => {
  const rowsArb = fc.array(
    fc.record({
      customer: fc.integer({ min: 0, max: 7 }),
      day: fc.integer({ min: 0, max: 30 }),
      segment: fc.integer({ min: 0, max: 4 }),
      gap: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 60 }
  );

  test("every customer's rows land in the segment of their first row", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const kept = new SegmentedRows();
        const labels = ["a", "b", "c", "d", "e"];
        let at = 0;
        const positions: number[] = [];
        for (const r of rows) {
          at += r.gap; // rows left out between the kept ones
          positions.push(at);
          kept.add(at, r.customer, r.day, r.segment);
        }
        const blocks = kept.split(8, labels);

        // Brute force.
        const expected: Array<{ label: string; rows: number[] }> = [];
        for (let s = 0; s < labels.length; s++) {
          const mine: number[] = [];
          for (let k = 0; k < rows.length; k++) {
            let first = -1;
            for (let j = 0; j < rows.length; j++)
              if (
                rows[j].customer === rows[k].customer &&
                (first < 0 || rows[j].day < rows[first].day)
              )
                first = j;
            if (rows[first].segment === s) mine.push(positions[k]);
          }
          if (mine.length > 0) expected.push({ label: labels[s], rows: mine });
        }
        expect(blocks.map((b) => ({ label: b.label, rows: Array.from(b.rows) }))).toEqual(expected);
      })
    );
  });
});

describe("the readers' splits", () => {
  test("orders: titles, empty rows and orders after the end date have no segment", () => {
    const blocks = orderSegments(
      column(["customer", "A", null, "B", "A", "C"]),
      column(["order_date", "2024-02-01", null, "2024-01-01", "2024-01-15", "2024-09-01"]),
      NO_COLUMN,
      column(["plan", "monthly", { type: "Error", basicValue: "#N/A" }, "annual", "annual", "x"]),
      45473 // 2024-07-01: C's order is after it
    );
    // A's first order (row 5, 15 January) is annual; B is annual; "monthly" owns nobody.
    expect(blocks.map((b) => [b.label, Array.from(b.rows)])).toEqual([["annual", [1, 3, 4]]]);
  });

  test("subscriptions: a customer belongs where their earliest start is", () => {
    const blocks = subscriptionSegments(
      column(["S1", "S2", "S1"]),
      column(["2024-03-01", "2024-01-01", "2024-01-10"]),
      column([null, "2024-02-01", "2024-02-20"]),
      NO_COLUMN,
      column(["pro", "basic", "basic"]),
      null
    );
    expect(blocks.map((b) => [b.label, Array.from(b.rows)])).toEqual([["basic", [0, 1, 2]]]);
  });

  test("survival rows: each row its own customer; weight 0 and the empty tail have no segment", () => {
    const blocks = survivalSegments(
      column([3, 0, 5, 2, 0]),
      column([1, 0, 0, 1, 0]),
      column([1, null, 0, 2, 0]),
      column(["a", "b", "c", "a", 0])
    );
    // Row 2's zeros sit above the data's last row: a customer active after 0 periods, in "b".
    // Row 5's zeros (segment 0 too) are desktop Excel's empty tail.
    expect(blocks.map((b) => [b.label, Array.from(b.rows)])).toEqual([
      ["a", [0, 3]],
      ["b", [1]],
    ]);
  });
});
