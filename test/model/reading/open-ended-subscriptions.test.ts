/**
 * Issue 22.3: a subscription end of 9999-12-31, or any end after 2200 (a warehouse's "never"),
 * means still active: the same results as an empty end, not a period range running to 9999.
 */
import { SUBSCRIPTION_RETENTION } from "../../../src/functions/data-functions";
import { SubscriptionRowReader } from "../../../src/model/reading/subscription-rows";
import { OPEN_END } from "../../../src/model/reading/subscription-rows";
import { serialFromIsoText } from "../../../src/model/reading/excel-dates";

const ids = [["A"], ["B"], ["C"]];
const starts = [["2024-01-05"], ["2024-02-10"], ["2024-03-01"]];

describe("open-ended subscriptions", () => {
  test.each(["9999-12-31", "2201-01-01", "2500-06-30"])("an end of %s is still active", (far) => {
    const open = SUBSCRIPTION_RETENTION(ids, starts, [[null], [far], ["2024-04-15"]]);
    const blank = SUBSCRIPTION_RETENTION(ids, starts, [[null], [null], ["2024-04-15"]]);
    expect(open).toEqual(blank);
    expect((open as unknown[][]).length).toBeLessThan(10);
  });
  test("an end in 2200 is still a date", () => {
    const reader = new SubscriptionRowReader(null);
    reader.add(1, "A", "2024-01-05", "2200-12-31", null);
    reader.add(2, "B", "2024-01-05", "9999-12-31", null);
    const subs = reader.finish();
    expect(subs.end[0]).toBe(serialFromIsoText("2200-12-31"));
    expect(subs.end[1]).toBe(OPEN_END);
  });
});
