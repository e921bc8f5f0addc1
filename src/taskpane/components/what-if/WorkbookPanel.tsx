import { Button, Text } from "@fluentui/react-components";
import type { Scenario } from "../../../model/economics/scenario";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import {
  downloadScenarioXlsx,
  writeComparison,
  writeScenarioReport,
} from "../../services/report-actions";
import { ButtonRow } from "../shared/ButtonRow";
import { useWorkbookAction, WorkbookOutcome } from "../shared/workbook-action";
import { scenarioSaveName } from "./edited-name";

export interface WorkbookPanelProps {
  host: WorkbookHost;
  scenario: Scenario;
  savedScenarios: Scenario[];
  /** False while any input is invalid: nothing is written then. */
  canWrite: boolean;
}

/** Writing the model to the workbook (inside Excel) or showing and downloading it (preview). */
export function WorkbookPanel({ host, scenario, savedScenarios, canWrite }: WorkbookPanelProps) {
  const { t, language } = useLocale();
  const action = useWorkbookAction();
  const { busy, run, written } = action;
  return (
    <>
      {!canWrite && <Text>{t("workbook.blocked")}</Text>}
      <ButtonRow>
        <Button
          appearance="primary"
          disabled={!canWrite || busy}
          onClick={() => void run(() => written(writeScenarioReport(host, scenario, language)))}
        >
          {t("workbook.write")}
        </Button>
        {host.kind === "preview" && (
          <Button
            disabled={!canWrite || busy}
            onClick={() =>
              void run(async () => {
                const file = `${
                  scenarioSaveName(scenario, t)
                    .replace(/[\\/:*?"<>|]+/g, " ")
                    .trim() || "scenario"
                }.xlsx`;
                await downloadScenarioXlsx(scenario, language, file);
                return t("workbook.downloaded", { file });
              })
            }
          >
            {t("workbook.download")}
          </Button>
        )}
        <Button
          disabled={savedScenarios.length < 2 || busy}
          onClick={() => void run(() => written(writeComparison(host, savedScenarios, language)))}
        >
          {t("workbook.compare")}
        </Button>
      </ButtonRow>
      <Text size={200}>{t("workbook.compareHint")}</Text>
      <WorkbookOutcome action={action} statusTestId="workbook-status" />
    </>
  );
}
