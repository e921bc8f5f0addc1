/**
 * The buyer models the checks can use, by name. A cell names a model as "BGNBD", "BG/NBD",
 * "bg-nbd" …: case, spaces, "/", "-" and "_" do not matter. A model still null here is one
 * whose BuyerModel is not written yet: each model implements it in its own *-buyer-model.ts
 * and takes its place below.
 */
import { BuyerModel, BuyerModelName } from "./buyer-model";
import { bgbbBuyerModel } from "./bgbb-buyer-model";
import { bgnbdBuyerModel } from "./bgnbd-buyer-model";
import { mbgnbdBuyerModel } from "./mbgnbd-buyer-model";
import { paretoNbdBuyerModel } from "./pareto-nbd-buyer-model";
import { invalidValue } from "../errors";

export const BUYER_MODELS: Readonly<Record<BuyerModelName, BuyerModel | null>> = {
  BGNBD: bgnbdBuyerModel,
  PARETO_NBD: paretoNbdBuyerModel,
  MBGNBD: mbgnbdBuyerModel,
  BGBB: bgbbBuyerModel,
};

const NAMES = Object.keys(BUYER_MODELS) as BuyerModelName[];
const squeeze = (text: string) => text.toUpperCase().replace(/[\s/_-]+/g, "");

/** The model a cell names, or #VALUE! listing the names (or saying it is not available yet). */
export function buyerModelNamed(text: string, argument = "model"): BuyerModel {
  const name = NAMES.find((n) => squeeze(n) === squeeze(text));
  if (name === undefined)
    throw invalidValue(
      `${argument} must name a buyer model: ${NAMES.map((n) => `"${n}"`)
        .join(", ")
        .replace(/, ([^,]+)$/, " or $1")}`
    );
  const model = BUYER_MODELS[name];
  if (model === null)
    throw invalidValue(`${argument}: the model checks do not offer ${name} yet; use "BGNBD"`);
  return model;
}

/** The model's parameters checked for their count and range (#VALUE! / #NUM!). */
export function checkedParameters(model: BuyerModel, parameters: readonly number[]): number[] {
  if (parameters.length !== model.parameterNames.length)
    throw invalidValue(
      `${model.label} has ${model.parameterNames.length} parameters (${model.parameterNames.join(", ")})`
    );
  model.checkParameters(parameters);
  return [...parameters];
}
