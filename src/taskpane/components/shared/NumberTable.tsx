import { mergeClasses } from "@fluentui/react-components";
import type { CSSProperties, Key, ReactNode } from "react";
import { useTableStyles } from "./table-styles";

/** The data attributes checks find rows and cells by (data-col, data-output, data-period, …). */
export type DataAttributes = { [name: `data-${string}`]: string | number | boolean | undefined };

/** What a cell carries beyond its text: data attributes, a class (a tone), a style (heat shading). */
export type CellProps = DataAttributes & {
  className?: string;
  style?: CSSProperties;
  title?: string;
  "aria-current"?: "true";
};

export interface NumberColumn {
  /** React's key for the column's cells. */
  key: string;
  header: ReactNode;
  /** Row i's cell, formatted with the pane's formatters (the model computed it). */
  cell: (row: number) => ReactNode;
  /** Words, not a figure: aligned to the start like the row headers. */
  text?: boolean;
  /** Row i's cell's attributes, extra class and style. */
  props?: (row: number) => CellProps;
  /** The header cell's extra class (e.g. the current value's column). */
  headClassName?: string;
  /** The header's tooltip: the model's symbol for it (t_x, T, P(alive)), kept out of the words. */
  headerTitle?: string;
}

export interface NumberTableProps {
  /** Names the table for screen readers (the caption is the table's accessible name). */
  caption: ReactNode;
  testId: string;
  /** The first column, one `<th scope="row">` a row; without a header its corner cell is empty. */
  rowHeader: {
    /** Its data-col, when the columns are marked. */
    key?: string;
    header?: ReactNode;
    cell: (row: number) => ReactNode;
    props?: (row: number) => CellProps;
  };
  columns: readonly NumberColumn[];
  /**
   * How many rows, or their keys (one row a key, React's key for it). Rows `first` to the last
   * are drawn (the latest periods of a long history); the cells are asked for by row number.
   */
  rows: number | readonly Key[];
  first?: number;
  /** React's key for row i, when `rows` is a count (the row number by default). */
  rowKey?: (row: number) => Key;
  rowProps?: (row: number) => DataAttributes;
  /** Every cell carries its column's key as data-col (checks find a row's figure by it). */
  markColumns?: boolean;
  /** No header row: a list of labelled figures. */
  headless?: boolean;
  /**
   * How a table wider than the pane scrolls: in a focusable region named `label` (keyboard users
   * can scroll it), or in a plain box ("overflow"). Without it the table takes the pane's width.
   */
  scroll?: { label: string; fullHeight?: boolean } | "overflow";
  /** Another look for the table, its header cells and its cells (the heat maps': useHeatGridStyles). */
  look?: { table: string; head: string; cell: string };
  tableProps?: DataAttributes;
}

/**
 * The pane's table of figures: a caption, a header row, a header cell per row and right-aligned
 * figures. Real table markup, so screen readers read a row's figures with its headers.
 */
export function NumberTable({
  caption,
  testId,
  rowHeader,
  columns,
  rows,
  first = 0,
  rowKey,
  rowProps,
  markColumns = false,
  headless = false,
  scroll,
  look,
  tableProps,
}: NumberTableProps) {
  const s = useTableStyles();
  const keys = typeof rows === "number" ? null : rows;
  const count = keys ? keys.length : (rows as number);
  const head = look ? look.head : s.th;
  const colHead = (c: NumberColumn) =>
    merged(look ? look.head : c.text ? s.th : s.colHead, c.headClassName);
  const body = (c: NumberColumn) => (look ? look.cell : c.text ? s.text : s.num);
  const table = (
    <table className={look ? look.table : s.table} data-testid={testId} {...tableProps}>
      <caption className={s.caption}>{caption}</caption>
      {!headless && (
        <thead>
          <tr>
            {rowHeader.header === undefined ? (
              <td />
            ) : (
              <th scope="col" className={head}>
                {rowHeader.header}
              </th>
            )}
            {columns.map((c) => (
              <th key={c.key} scope="col" className={colHead(c)} title={c.headerTitle}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {Array.from({ length: Math.max(0, count - first) }, (_, k) => {
          const i = first + k;
          const own = rowHeader.props?.(i);
          return (
            <tr key={keys ? keys[i] : rowKey ? rowKey(i) : i} {...rowProps?.(i)}>
              <th
                scope="row"
                data-col={markColumns ? rowHeader.key : undefined}
                {...own}
                className={merged(head, own?.className)}
              >
                {rowHeader.cell(i)}
              </th>
              {columns.map((c) => {
                const props = c.props?.(i);
                return (
                  <td
                    key={c.key}
                    data-col={markColumns ? c.key : undefined}
                    {...props}
                    className={merged(body(c), props?.className)}
                  >
                    {c.cell(i)}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  if (scroll === "overflow") return <div className={s.scroll}>{table}</div>;
  // Focusable, so keyboard users can scroll a table wider or longer than the pane.
  if (scroll)
    return (
      <div
        className={scroll.fullHeight ? s.region : `${s.region} ${s.bounded}`}
        role="region"
        aria-label={scroll.label}
        tabIndex={0}
      >
        {table}
      </div>
    );
  return table;
}

/** The cell's own class over the table's (Griffel's merge, so the later one wins property by property). */
function merged(base: string, extra: string | undefined): string {
  return extra ? mergeClasses(base, extra) : base;
}
