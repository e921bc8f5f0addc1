/** @jest-environment jsdom */
/**
 * useSegments hands the memoised results of "Your data" one object per state: an analysis's
 * progress re-renders the tab many times a second, and a new object each time made every section
 * of the results on screen draw again (tasks of 50-130 ms in Chromium, with a million rows).
 */
import { act, renderHook } from "@testing-library/react";
import type { AnalysisClient } from "../../../src/taskpane/worker/analysis-client";
import type { AnalysisSettings, TableSource } from "../../../src/taskpane/worker/protocol";
import { useSegments } from "../../../src/taskpane/state/use-segments";

const settings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2 },
  hasHeader: true,
} as unknown as AnalysisSettings;
const sample = [
  ["Customer", "Date", "Amount", "Channel"],
  ["a", "2024-01-05", 10, "web"],
];
const table: TableSource = { kind: "text", text: "" };
const letterName = (letter: string) => `Column ${letter}`;
// Nothing is chosen, so the worker is never asked.
const client = {} as AnalysisClient;

describe("useSegments", () => {
  it("returns the same object while nothing it holds changes", () => {
    const { result, rerender } = renderHook(() =>
      useSegments(client, table, sample, settings, null, letterName)
    );
    const first = result.current;
    expect(first.columns).toEqual([{ index: 3, name: "Channel" }]);
    rerender();
    rerender();
    expect(result.current).toBe(first);
  });

  it("returns a new object when the segment shown or the column changes", () => {
    const { result } = renderHook(() =>
      useSegments(client, table, sample, settings, null, letterName)
    );
    const first = result.current;
    act(() => first.choose(3));
    expect(result.current).not.toBe(first);
    expect(result.current.column).toBe(3);
  });
});
