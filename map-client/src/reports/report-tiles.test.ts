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

  it('has no query when nothing is filtered', () => {
    expect(reportTileUrl('https://example.test', emptyState)).toBe('https://example.test/tiles/reports/{z}/{x}/{y}.mvt');
  });
});
