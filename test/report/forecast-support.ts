/** A plan the "Plan" sheet tests share: four cohorts, a year of planned new customers. */
import { PlanInputs } from "../../src/model/plan/plan-model";

export const PLAN_EXAMPLE: PlanInputs = {
  alpha: 0.83,
  beta: 2.4,
  cohorts: [
    { age: 11, customers: 310 },
    { age: 7, customers: 402 },
    { age: 3, customers: 515 },
    { age: 0, customers: 640 },
  ],
  horizon: 12,
  newCustomers: [600, 610, 620, 630, 640, 650, 660, 670, 680, 690, 700, 710],
  revenuePerCustomer: 42.5,
  margin: 0.35,
  cac: 55,
  uplift: 0.05,
};
