import type { LifetimeChecksView } from "../../../worker/protocol";

/**
 * What the comparison sentence says, from the comparison's figures: the best model (lowest AIC)
 * against the runner-up, by holdout error when both have one (saying so when the runner-up
 * forecasts the holdout better), else by AIC.
 */
export type ComparisonSentence =
  | { key: "only"; best: string }
  | {
      /** "mixed": the best by AIC forecasts the holdout worse than the runner-up. */
      key: "holdout" | "mixed";
      best: string;
      error: number;
      other: string;
      otherError: number;
    }
  | { key: "aic"; best: string; aic: number; other: string; otherAic: number };

export function comparisonSentence(checks: LifetimeChecksView): ComparisonSentence | null {
  const fitted = checks.comparison.filter((r) => r.aic !== null);
  const best = fitted.find((r) => r.model === checks.best);
  if (!best) return null;
  const others = fitted.filter((r) => r !== best).sort((p, q) => p.aic! - q.aic!);
  const other = others[0];
  if (!other) return { key: "only", best: best.label };
  if (best.holdoutError !== null && other.holdoutError !== null)
    return {
      key: best.holdoutError <= other.holdoutError ? "holdout" : "mixed",
      best: best.label,
      error: best.holdoutError,
      other: other.label,
      otherError: other.holdoutError,
    };
  return { key: "aic", best: best.label, aic: best.aic!, other: other.label, otherAic: other.aic! };
}
