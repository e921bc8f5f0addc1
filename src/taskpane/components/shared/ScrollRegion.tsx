import { makeStyles } from "@fluentui/react-components";
import { ReactNode } from "react";

const useStyles = makeStyles({
  region: { overflow: "auto", maxWidth: "100%", maxHeight: "420px" },
});

/** A table wider (or longer) than the pane, focusable so keyboard users can scroll it. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.region} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
