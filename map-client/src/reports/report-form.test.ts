import { describe, expect, it } from 'vitest';
import { reportRequest, withOffset } from './report-form';

describe('report form', () => {
  it('sends the ticked risk indicators and the map centre, longitude first', () => {
    const data = new FormData();
    for (const [name, value] of [
      ['category', 'party_house'],
      ['narrative', '  Synthetic: music and adults at a flat, two girls of about 14 arriving by taxi. '],
      ['occurredAt', '2026-10-14T23:10'],
      ['sourceEvaluation', '2'],
      ['intelligenceAssessment', 'B'],
      ['handlingCode', 'P'],
      ['handlingConditions', 'ignored with P'],
      ['securityMarking', 'OFFICIAL-SENSITIVE'],
      ['lawfulBasis', 'law_enforcement'],
      ['indicatorCodes', 'transported_by_adults'],
      ['indicatorCodes', 'substance_misuse'],
    ]) {
      data.append(name!, value!);
    }
    const request = reportRequest(data, [-1.8936, 52.4778]);
    expect(request.indicatorCodes).toEqual(['transported_by_adults', 'substance_misuse']);
    expect(request.location).toEqual({ type: 'Point', coordinates: [-1.8936, 52.4778] });
    expect(request.narrative).toBe('Synthetic: music and adults at a flat, two girls of about 14 arriving by taxi.');
    expect(request.handlingConditions).toBeNull();
    expect(request.occurredAt).toMatch(/^2026-10-14T23:10:00[+-]\d{2}:\d{2}$/);
  });

  it('sends no indicators when none is ticked', () => {
    const data = new FormData();
    data.append('category', 'other');
    expect(reportRequest(data, [0, 0]).indicatorCodes).toEqual([]);
  });

  it('writes a local time with the offset it had then', () => {
    expect(withOffset('2026-10-14T23:10', 60)).toBe('2026-10-14T23:10:00+01:00');
    expect(withOffset('2026-01-14T08:05', 0)).toBe('2026-01-14T08:05:00+00:00');
    expect(withOffset('2026-01-14T08:05', -330)).toBe('2026-01-14T08:05:00-05:30');
  });
});
