import { makeStyles, tokens } from "@fluentui/react-components";
import { KeyboardEvent, useRef } from "react";

const useStyles = makeStyles({
  list: {
    display: "flex",
    gap: tokens.spacingHorizontalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    marginBlockEnd: tokens.spacingVerticalXS,
  },
  tab: {
    border: "none",
    background: "none",
    cursor: "pointer",
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground2,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    ":hover": {
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
    ":focus-visible": {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 0 -3px 0 ${tokens.colorCompoundBrandStroke}`,
  },
});

export interface PaneTab<T extends string> {
  value: T;
  label: string;
  /** The tab's id; its panel is `${id}-panel`. */
  id: string;
}

/**
 * The pane's views as tabs (WAI-ARIA tabs: arrow keys, Home and End move between them). Plain
 * buttons rather than Fluent's TabList, which would add about 25 KB (gzipped) to the pane's
 * first download for two tabs.
 */
export function PaneTabs<T extends string>({
  tabs,
  selected,
  onSelect,
  label,
}: {
  tabs: PaneTab<T>[];
  selected: T;
  onSelect: (value: T) => void;
  label: string;
}) {
  const styles = useStyles();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : event.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : -1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(tabs[next].value);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {tabs.map((tab, i) => {
        const isSelected = tab.value === selected;
        return (
          <button
            key={tab.value}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={tab.id}
            aria-selected={isSelected}
            aria-controls={`${tab.id}-panel`}
            tabIndex={isSelected ? 0 : -1}
            className={`${styles.tab} ${isSelected ? styles.selected : ""}`}
            onClick={() => onSelect(tab.value)}
            onKeyDown={(event) => onKeyDown(event, i)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
