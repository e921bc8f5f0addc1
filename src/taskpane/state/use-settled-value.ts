import { startTransition, useEffect, useState } from "react";

/** How long typing must pause before the charts redraw. */
export const CHART_SETTLE_MS = 250;

/**
 * The value once it has stopped changing for `delay` ms. Charts use it: recharts' redraw costs
 * more than the rest of a keystroke together, and its store updates run synchronously (so
 * React's deferred values cannot keep them off the next keystroke). The numbers beside each
 * chart update on every keystroke; the picture follows when the user pauses.
 */
export function useSettledValue<T>(value: T, delay = CHART_SETTLE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return undefined;
    const timer = setTimeout(() => startTransition(() => setSettled(value)), delay);
    return () => clearTimeout(timer);
  }, [value, settled, delay]);
  return settled;
}
