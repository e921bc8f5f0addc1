import { makeStyles, tokens } from "@fluentui/react-components";
import { ReactNode } from "react";

const useStyles = makeStyles({
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** A part within a section (a table with its chart, a check). */
export function Subheading({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return <h3 className={styles.subheading}>{children}</h3>;
}
