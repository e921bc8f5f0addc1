import { makeStyles } from "@fluentui/react-components";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import { NumberTable } from "../shared/NumberTable";
import { DataFormatters } from "./data-format";

// A period's label ("Mar 2024") stays on one line.
const useStyles = makeStyles({ nowrap: { whiteSpace: "nowrap" } });

/** Periods shown in the tables; longer histories show the latest ones (the charts show all). */
export const MAX_TABLE_PERIODS = 60;

export interface PeriodColumn {
  /** Also the cells' data-col. */
  key: string;
  header: string;
  /** Period i's figure, formatted. */
  cell: (period: number) => string;
}

/** A figure a period (customers, revenue): a row per period, the latest MAX_TABLE_PERIODS of them. */
export function PeriodTable({
  view,
  f,
  periods,
  caption,
  testId,
  columns,
}: {
  view: AnalysisView;
  f: DataFormatters;
  periods: number;
  caption: string;
  testId: string;
  columns: PeriodColumn[];
}) {
  const { t } = useLocale();
  const styles = useStyles();
  return (
    <NumberTable
      caption={caption}
      testId={testId}
      scroll={{ label: caption }}
      rows={periods}
      first={Math.max(0, periods - MAX_TABLE_PERIODS)}
      rowProps={(i) => ({ "data-period": i })}
      rowHeader={{
        header: t("data.retention.period"),
        cell: (i) => f.period(view.firstPeriod + i),
        props: () => ({ className: styles.nowrap }),
      }}
      columns={columns}
      markColumns
    />
  );
}
