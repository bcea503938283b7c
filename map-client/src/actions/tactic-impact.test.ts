import { describe, expect, it } from 'vitest';
import { tacticImpactRows, type TacticImpactSummary } from './tactic-impact';

const noVerdicts = { tooEarly: 0, insufficientData: 0, tooUncertain: 0, noClearChange: 0, reduced: 0, increased: 0 };

function summary(code: string, actions: number, change: Partial<TacticImpactSummary>): TacticImpactSummary {
  return { tacticCode: code, actions, verdicts: { ...noVerdicts }, pooled: null, pooledVerdict: 'insufficient_data', reason: `${code} reason`, ...change };
}

describe('tacticImpactRows', () => {
  const names: Record<string, string> = { closure_order: 'Closure order', patrol: 'High-visibility patrol', letter: 'Warning letter' };
  const name = (code: string): string => names[code] ?? code;

  it('puts the tactics with most done actions first and says their pooled change with its interval', () => {
    const rows = tacticImpactRows(
      {
        tactics: [
          summary('letter', 2, { verdicts: { ...noVerdicts, insufficientData: 2 } }),
          summary('patrol', 5, {
            verdicts: { ...noVerdicts, reduced: 3, noClearChange: 1, tooEarly: 1 },
            pooled: {
              actionsPooled: 4,
              logRateRatio: Math.log(0.6),
              standardError: 0.1,
              lower: 0.45,
              upper: 0.8,
              confidencePercent: 95,
              betweenActionVariance: 0,
              cochranQ: 1,
              heterogeneityPercent: 0,
            },
            pooledVerdict: 'reduced',
          }),
          summary('closure_order', 2, {}),
        ],
      },
      name,
    );

    expect(rows.map((row) => row.tactic)).toEqual(['High-visibility patrol', 'Closure order', 'Warning letter']);
    expect(rows[0]).toMatchObject({
      actions: 5,
      verdicts: '3 reports fell; 1 no clear change; 1 too early to tell',
      pooled: '−40 % (95 % interval −55 % to −20 %; 4 pooled)',
      verdict: 'Reports fell',
      reason: 'patrol reason',
    });
    expect(rows[2]).toMatchObject({ verdicts: '2 too few reports to tell', pooled: 'nothing to pool', verdict: 'Too few reports to tell' });
  });

  it('gives no rows when no action is done', () => {
    expect(tacticImpactRows({ tactics: [] }, name)).toEqual([]);
  });
});
