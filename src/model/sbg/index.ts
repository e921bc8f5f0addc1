/** The shifted-beta-geometric cohort model: curve, fit and value (one concept per file). */
export { checkShape, churnProbability, logSurvival, retention, survival } from "./sbg-curve";
export {
  cohortProportions,
  fitSbg,
  fitSbgCohorts,
  sbgCohortsLogLikelihood,
  sbgCohortsLogLikelihoodGradient,
  sbgLogLikelihood,
  sbgLogLikelihoodGradient,
  type SbgFit,
} from "./sbg-fit";
export {
  discountedExpectedLifetime,
  discountedExpectedResidualLifetime,
  hypergeometric1,
  ltvSbg,
} from "./sbg-value";
