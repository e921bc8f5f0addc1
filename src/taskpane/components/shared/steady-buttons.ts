import { makeStyles, mergeClasses } from "@fluentui/react-components";
import { useMemo } from "react";

/**
 * Fluent's buttons fade background, border and text colour for 100 ms on every change of state.
 * When data arriving enables a button (Save scenario once the saved list is read, Compare
 * scenarios once it holds two), the frames in between mix the disabled and the enabled colours
 * and fail contrast: axe-core's color-contrast rule caught Save scenario 30 ms in at 1.05 : 1
 * (#cbcbcb on #bfd3e5), the pane's intermittent accessibility failure. Here a button changes
 * state at once; only entering hover still fades (a transition follows the style being entered).
 */
const useStyles = makeStyles({
  steady: {
    transitionProperty: "none",
    ":hover": { transitionProperty: "background, border, color" },
  },
});

/** Fluent's custom style hooks that make every button in the provider change colour at once. */
export function useSteadyButtonHooks() {
  const { steady } = useStyles();
  return useMemo(() => {
    const hook = (state: unknown) => {
      const root = (state as { root: { className?: string } }).root;
      root.className = mergeClasses(root.className, steady);
    };
    return { useButtonStyles_unstable: hook, useToggleButtonStyles_unstable: hook };
  }, [steady]);
}
