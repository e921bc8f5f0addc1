/** Subscriptions grouped by customer, each customer's in order of start date. */
import { Subscriptions } from "../reading/subscription-rows";

export function subscriptionsByCustomer(subs: Subscriptions): number[][] {
  const lists: number[][] = Array.from({ length: subs.ids.count }, () => []);
  for (let s = 0; s < subs.count; s++) lists[subs.customer[s]].push(s);
  const byStart = (a: number, b: number) => subs.start[a] - subs.start[b] || a - b;
  const grouped: number[][] = [];
  for (const list of lists) {
    if (list.length === 0) continue;
    if (list.length > 1) list.sort(byStart);
    grouped.push(list);
  }
  return grouped;
}
