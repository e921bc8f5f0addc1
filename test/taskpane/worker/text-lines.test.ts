/**
 * The pane names a CSV's bad cell by the line it starts on, as the command line does, when a
 * quoted cell spans lines; and a final CRLF split across the text's 64 KB pieces adds no row.
 */
import { analyse } from "../../../src/taskpane/worker/analysis-engine";
import type { AnalysisSettings } from "../../../src/taskpane/worker/protocol";

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};

describe("the pane's text lines", () => {
  test("a bad date after a quoted cell spanning three lines is named by its line", async () => {
    const text =
      'customer,date,amount\n"A\nsecond\nthird",2024-01-03,10\nB,2024-01-09,20\nC,abc,5\n';
    // Lines: 1 header, 2-4 the quoted id, 5 B, 6 C.
    await expect(analyse({ kind: "text", text }, [], SETTINGS, () => undefined)).rejects.toThrow(
      expect.objectContaining({ row: 6 })
    );
  });

  test.each([-2, -1, 0, 1])(
    "a CRLF file whose last CRLF sits at the 64 KB boundary (%d) counts every order once",
    async (shift) => {
      const rows: string[] = [];
      let text = "customer,date,amount\r\n";
      let i = 0;
      // Fill up to just before 64 KB, then a last row whose CRLF straddles the boundary.
      while (text.length < (64 << 10) - 40) {
        const row = `C-${i % 50},2024-0${1 + (i % 9)}-1${i % 10},${i % 100}\r\n`;
        rows.push(row);
        text += row;
        i++;
      }
      const pad = (64 << 10) - text.length - 1 + shift; // the "\r" at 65535 + shift
      const last = `Z,2024-01-01,${"1".repeat(Math.max(1, pad - "Z,2024-01-01,".length))}\r\n`;
      text += last;
      expect(text.indexOf("\r", (64 << 10) - 4)).toBe((64 << 10) - 1 + shift);
      const { check } = await analyse({ kind: "text", text }, [], SETTINGS, () => undefined);
      expect(check?.orders).toBe(rows.length + 1);
      expect(check?.skippedBlank).toBe(0);
    }
  );
});
