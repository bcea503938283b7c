import type { components } from '../api/openapi';
import { verdictLabels } from './impact-chart';

type Schemas = components['schemas'];
export type TacticImpactView = Schemas['TacticImpactView'];
export type TacticImpactSummary = Schemas['TacticImpactSummary'];

/** One row of the impact-by-tactic table, in the words the table shows. */
export interface TacticImpactRow {
  tactic: string;
  actions: number;
  /** What each done action's assessment said, most telling first, leaving out verdicts no action got. */
  verdicts: string;
  /** The pooled change with its interval, or why there is none. */
  pooled: string;
  verdict: string;
  reason: string;
}

const verdictOrder: readonly (keyof Schemas['VerdictCounts'])[] = ['reduced', 'increased', 'noClearChange', 'tooUncertain', 'insufficientData', 'tooEarly'];
const verdictCodes: Record<keyof Schemas['VerdictCounts'], string> = {
  reduced: 'reduced',
  increased: 'increased',
  noClearChange: 'no_clear_change',
  tooUncertain: 'too_uncertain',
  insufficientData: 'insufficient_data',
  tooEarly: 'too_early',
};

function signedPercent(ratio: number): string {
  const rounded = Math.round((ratio - 1) * 100);
  return rounded > 0 ? `+${rounded} %` : rounded < 0 ? `−${Math.abs(rounded)} %` : '0 %';
}

/**
 * The per-tactic summary as rows: the tactics with the most done actions first (then by name), each with its verdict
 * counts and its pooled rate ratio as a percentage change with the interval, as the action page says one action's.
 */
export function tacticImpactRows(view: TacticImpactView, tacticName: (code: string) => string): TacticImpactRow[] {
  return [...view.tactics]
    .sort((a, b) => b.actions - a.actions || tacticName(a.tacticCode).localeCompare(tacticName(b.tacticCode)))
    .map((summary) => ({
      tactic: tacticName(summary.tacticCode),
      actions: summary.actions,
      verdicts: verdictOrder
        .filter((key) => summary.verdicts[key] > 0)
        .map((key) => `${summary.verdicts[key]} ${(verdictLabels[verdictCodes[key]] ?? key).toLowerCase()}`)
        .join('; '),
      pooled: summary.pooled
        ? `${signedPercent(Math.exp(summary.pooled.logRateRatio))} (${summary.pooled.confidencePercent} % interval ${signedPercent(summary.pooled.lower)} to ${signedPercent(summary.pooled.upper)}; ${summary.pooled.actionsPooled} pooled)`
        : 'nothing to pool',
      verdict: verdictLabels[summary.pooledVerdict] ?? summary.pooledVerdict,
      reason: summary.reason,
    }));
}
