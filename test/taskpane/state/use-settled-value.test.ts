/** @jest-environment jsdom */
import { act, renderHook } from "@testing-library/react";
import { useSettledValue } from "../../../src/taskpane/state/use-settled-value";

describe("useSettledValue", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("follows a value only once it has stopped changing for the delay", () => {
    const { result, rerender } = renderHook(({ value }) => useSettledValue(value, 250), {
      initialProps: { value: "a" },
    });
    expect(result.current).toBe("a");
    // Typing: a change every 100 ms never settles.
    for (const value of ["b", "c", "d"]) {
      rerender({ value });
      act(() => void jest.advanceTimersByTime(100));
      expect(result.current).toBe("a");
    }
    // A pause: the last value lands, the ones typed through are skipped.
    act(() => void jest.advanceTimersByTime(150));
    expect(result.current).toBe("d");
  });

  it("keeps the settled value when the value returns to it before the delay", () => {
    const { result, rerender } = renderHook(({ value }) => useSettledValue(value, 250), {
      initialProps: { value: 1 },
    });
    rerender({ value: 2 });
    act(() => void jest.advanceTimersByTime(100));
    rerender({ value: 1 });
    act(() => void jest.advanceTimersByTime(1000));
    expect(result.current).toBe(1);
  });
});
