import { OutputKey } from "../../model/whatif/worked-example-model";
import type { MessageKey, Params } from "../i18n/strings";

type T = (key: MessageKey, params?: Params) => string;

/** A readable name for any output, e.g. "New customers: Profit". */
export function outputLabel(t: T, key: OutputKey): string {
  const [group, field] = key.split(".");
  if (group === "new" || group === "returning" || group === "total") {
    return t("output.segmentMetric", {
      segment: t(`segment.${group}` as MessageKey),
      metric: t(`metric.${field}` as MessageKey),
    });
  }
  if (group === "ltv") return t(`ltv.${field}` as MessageKey);
  return t(`output.${key}` as MessageKey);
}
