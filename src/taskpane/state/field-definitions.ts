import { InputKey } from "../../model/whatif/worked-example-model";
import type { MessageKey } from "../i18n/strings";

/** How an input is typed: percentages are typed as 80 and stored as 0.8; a blank horizon means "no limit". */
export interface FieldDefinition {
  key: InputKey;
  label: MessageKey;
  percent: boolean;
  blankMeansNull: boolean;
}

const field = (
  key: InputKey,
  label: MessageKey,
  percent = false,
  blankMeansNull = false
): FieldDefinition => ({ key, label, percent, blankMeansNull });

export const SEGMENT_FIELDS = ["marketingSpend", "overheads", "customers", "averageBill"] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

export const FIELDS: Record<InputKey, FieldDefinition> = {
  "segments.new.marketingSpend": field("segments.new.marketingSpend", "field.marketingSpend"),
  "segments.new.overheads": field("segments.new.overheads", "field.overheads"),
  "segments.new.customers": field("segments.new.customers", "field.customers"),
  "segments.new.averageBill": field("segments.new.averageBill", "field.averageBill"),
  "segments.returning.marketingSpend": field(
    "segments.returning.marketingSpend",
    "field.marketingSpend"
  ),
  "segments.returning.overheads": field("segments.returning.overheads", "field.overheads"),
  "segments.returning.customers": field("segments.returning.customers", "field.customers"),
  "segments.returning.averageBill": field("segments.returning.averageBill", "field.averageBill"),
  "retention.rate": field("retention.rate", "retention.rate", true),
  "retention.startCustomers": field("retention.startCustomers", "retention.startCustomers"),
  "ltv.discountRate": field("ltv.discountRate", "ltv.discountRate", true),
  "ltv.periods": field("ltv.periods", "ltv.periods", false, true),
};

/** The label naming an input on its own (in pickers), e.g. "New: Average bill". */
export function inputLabelKey(key: InputKey): MessageKey {
  return `input.${key}` as MessageKey;
}
