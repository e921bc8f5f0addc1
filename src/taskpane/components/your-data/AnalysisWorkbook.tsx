import type { AnalysisClient } from "../../worker/analysis-client";
import type { WorkbookHost } from "../../host/workbook-host";
import { PlanWorkbook } from "../shared/PlanWorkbook";

const KEYS = {
  intro: "data.workbook.intro",
  write: "data.workbook.write",
  download: "data.workbook.download",
  fileName: "data.workbook.fileName",
} as const;

/** The analysis as a live cohort workbook (src/report/analysis-plan.ts, built by the worker). */
export function AnalysisWorkbook({ host, client }: { host: WorkbookHost; client: AnalysisClient }) {
  return (
    <PlanWorkbook
      host={host}
      plan={(language) => client.plan(language)}
      keys={KEYS}
      testIdPrefix="analysis"
    />
  );
}
