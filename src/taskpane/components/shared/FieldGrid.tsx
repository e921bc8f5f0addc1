import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { ReactNode } from "react";

const useStyles = makeStyles({
  grid: { display: "grid", gap: tokens.spacingHorizontalS },
  // As many columns of at least 140 px as the pane holds; one in the narrowest.
  fit: { gridTemplateColumns: "repeat(auto-fit, minmax(min(140px, 100%), 1fr))" },
  halves: { gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)" },
  // A picker with long names beside a short number.
  wideFirst: { gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)" },
});

/** Settings fields side by side: as many as fit, two halves, or a wide one and a narrow one. */
export function FieldGrid({
  columns = "fit",
  testId,
  children,
}: {
  columns?: "fit" | "halves" | "wideFirst";
  testId?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.grid, styles[columns])} data-testid={testId}>
      {children}
    </div>
  );
}
