import { describe, expect, it } from 'vitest';
import { emptyState } from '../state/view-state';
import { reportTileUrl } from './report-tiles';

describe('report tile URL', () => {
  it('keeps the {z}/{x}/{y} template and adds the view filters', () => {
    const url = reportTileUrl('http://127.0.0.1:5080', { ...emptyState, from: '2026-01-01', categories: ['party_house', 'other'] });
    expect(url).toBe(
      'http://127.0.0.1:5080/tiles/reports/{z}/{x}/{y}.mvt?from=2026-01-01T00%3A00%3A00Z&category=party_house%2Cother',
    );
  });

  it('adds the grading codes and the agency with the names GET /api/reports takes', () => {
    const url = reportTileUrl('http://127.0.0.1:5080', {
      ...emptyState,
      sourceEvaluations: ['1', '2'],
      intelligenceAssessments: ['A', 'C'],
      handlingCodes: ['P'],
      agencyId: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d8f',
    });
    expect(url).toBe(
      'http://127.0.0.1:5080/tiles/reports/{z}/{x}/{y}.mvt?sourceEvaluation=1%2C2&intelligenceAssessment=A%2CC&handlingCode=P' +
        '&agencyId=0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d8f',
    );
  });

  it('adds the risk indicators as indicator, as GET /api/reports names them', () => {
    const url = reportTileUrl('http://127.0.0.1:5080', { ...emptyState, categories: ['party_house'], indicators: ['going_missing', 'gifts_or_money'] });
    expect(url).toBe('http://127.0.0.1:5080/tiles/reports/{z}/{x}/{y}.mvt?category=party_house&indicator=going_missing%2Cgifts_or_money');
  });

  it('leaves the hotspot filters out: hotspots are not drawn from these tiles', () => {
    expect(reportTileUrl('https://example.test', { ...emptyState, trends: ['new'], minScore: 3, runId: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d90' })).toBe(
      'https://example.test/tiles/reports/{z}/{x}/{y}.mvt',
    );
  });

  it('has no query when nothing is filtered', () => {
    expect(reportTileUrl('https://example.test', emptyState)).toBe('https://example.test/tiles/reports/{z}/{x}/{y}.mvt');
  });
});
