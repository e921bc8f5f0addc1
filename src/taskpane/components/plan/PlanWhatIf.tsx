import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { memo, useMemo } from "react";
import type { PlanInputKey } from "../../../model/whatif/plan-whatif-model";
import { useLocale } from "../../i18n/locale-context";
import type { ForecastView } from "../../worker/protocol";
import { Subheading } from "../shared/Subheading";
import { WhatIfGoalSeek } from "../what-if/GoalSeekPanel";
import { WhatIfSensitivity } from "../what-if/SensitivityPanel";
import { WhatIfTornado } from "../what-if/TornadoPanel";
import { planWhatIfState, usePlanBinding } from "./plan-binding";

const useStyles = makeStyles({
  part: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/**
 * "What if" below the plan table: the sensitivity grid, the tornado and goal seek over the
 * plan's inputs (plan-whatif-model.ts). They evaluate the plan here, on the pane's thread:
 * planForecast costs cohorts × periods steps, so even the grid's 121 plans take a few
 * milliseconds, and only the range's simulation needs the worker.
 */
export const PlanWhatIf = memo(function PlanWhatIf({
  plan,
  theme,
  onApply,
}: {
  plan: ForecastView;
  theme: "light" | "dark";
  /** Sets one of the plan's fields to a value goal seek found. */
  onApply: (input: PlanInputKey, value: number) => void;
}) {
  const styles = useStyles();
  const { t } = useLocale();
  const binding = usePlanBinding(plan.unit);
  const state = useMemo(() => planWhatIfState(plan), [plan]);
  return (
    <div className={styles.part} data-testid="plan-what-if">
      <Subheading>{t("data.plan.whatIf.heading")}</Subheading>
      <Text>{t("data.plan.whatIf.intro")}</Text>
      <Subheading>{t("sensitivity.heading")}</Subheading>
      <WhatIfSensitivity binding={binding} state={state} valid theme={theme} />
      <Subheading>{t("tornado.heading")}</Subheading>
      <WhatIfTornado binding={binding} state={state} valid />
      <Subheading>{t("goal.heading")}</Subheading>
      <WhatIfGoalSeek binding={binding} state={state} onApply={onApply} />
    </div>
  );
});
