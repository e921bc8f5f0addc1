import type { InputKey } from "../../../model/whatif/worked-example-model";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { ScenarioEditor } from "../../state/use-scenario-editor";
import { useSavedScenarios } from "../../state/use-saved-scenarios";
import { BaselinePanel } from "./BaselinePanel";
import { ComparisonPanel } from "./ComparisonPanel";
import { GoalSeekPanel } from "./GoalSeekPanel";
import { LtvPanel } from "./LtvPanel";
import { RetentionLink } from "./RetentionLink";
import { ScenariosPanel } from "../shared/ScenariosPanel";
import { scenarioSaveName } from "./edited-name";
import { Section } from "../shared/Section";
import { SensitivityPanel } from "./SensitivityPanel";
import { TornadoPanel } from "./TornadoPanel";
import { WorkbookPanel } from "./WorkbookPanel";
import { loadScenarioStore } from "../../services/saved-scenarios";

export interface PaneDetailsProps {
  host: WorkbookHost;
  theme: "light" | "dark";
  /** The scenario being edited, its outputs and field messages (useScenarioEditor). */
  editor: ScenarioEditor;
  /** Returning customers derived from the retention link; null when off or not computable. */
  linkedCustomers: number | null;
  /** Typing into a field, and setting one to a value (a goal seek's answer), through the Pane. */
  onEdit: (key: InputKey, text: string) => void;
  onApply: (key: InputKey, value: number) => void;
}

/**
 * Everything below the results: comparison, retention link, LTV, baseline and the what-if,
 * scenario and workbook tools. A chunk of its own, loaded while the inputs and results are
 * already usable (see Pane).
 */
export default function PaneDetails(props: PaneDetailsProps) {
  const { host, theme, editor, linkedCustomers, onEdit, onApply } = props;
  const { state, dispatch, outputs, baselineOutputs, messages, canWrite } = editor;
  const { scenario, texts } = state;
  const { t } = useLocale();
  const currency = scenario.currency;
  const saved = useSavedScenarios(host.scenarioStorage, loadScenarioStore);

  return (
    <div data-testid="pane-details">
      <Section title={t("comparison.heading")}>
        <ComparisonPanel outputs={outputs} currency={currency} />
      </Section>

      <Section title={t("retention.heading")}>
        <RetentionLink
          linked={scenario.retention.linked}
          rate={scenario.retention.rate}
          startCustomers={scenario.retention.startCustomers}
          derivedCustomers={linkedCustomers}
          texts={texts}
          messages={messages}
          onEdit={onEdit}
          onLinkedChange={(linked) => dispatch({ type: "linked", linked })}
        />
      </Section>

      <Section title={t("ltv.heading")}>
        <LtvPanel
          timing={scenario.ltv.timing}
          texts={texts}
          messages={messages}
          outputs={outputs}
          currency={currency}
          onEdit={onEdit}
          onTimingChange={(timing) => dispatch({ type: "timing", timing })}
        />
      </Section>

      <Section title={t("baseline.heading")}>
        <BaselinePanel
          outputs={outputs}
          baselineOutputs={baselineOutputs}
          currency={currency}
          canSetBaseline={canWrite}
          onSetBaseline={() => dispatch({ type: "setBaseline" })}
          onResetToBaseline={() => dispatch({ type: "resetToBaseline" })}
        />
      </Section>

      <Section title={t("sensitivity.heading")}>
        <SensitivityPanel scenario={scenario} valid={canWrite} theme={theme} />
      </Section>

      <Section title={t("tornado.heading")}>
        <TornadoPanel scenario={scenario} valid={canWrite} />
      </Section>

      <Section title={t("goal.heading")}>
        <GoalSeekPanel scenario={scenario} onApply={onApply} />
      </Section>

      <Section title={t("scenarios.heading")}>
        <ScenariosPanel
          saved={saved}
          current={scenario}
          suggestedName={scenarioSaveName(scenario, t)}
          canSave={canWrite}
          onLoad={(s) => dispatch({ type: "load", scenario: s })}
        />
      </Section>

      <Section title={t("workbook.heading")}>
        <WorkbookPanel
          host={host}
          scenario={scenario}
          savedScenarios={saved.scenarios}
          canWrite={canWrite}
        />
      </Section>
    </div>
  );
}
