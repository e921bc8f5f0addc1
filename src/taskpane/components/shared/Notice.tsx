import { makeStyles, tokens } from "@fluentui/react-components";
import { ReactNode } from "react";

const useStyles = makeStyles({
  notice: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    marginBlock: tokens.spacingVerticalXS,
  },
  info: {
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    border: `1px solid ${tokens.colorPaletteYellowBorder2}`,
    color: tokens.colorNeutralForeground1,
  },
});

/** A one-line banner. Fluent's MessageBar would add its icon set and motion code to the first download for two sentences. */
export function Notice({
  intent,
  children,
  testId,
}: {
  intent: "info" | "warning";
  children: ReactNode;
  testId?: string;
}) {
  const styles = useStyles();
  return (
    <div
      role={intent === "warning" ? "alert" : "status"}
      className={`${styles.notice} ${styles[intent]}`}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
