import { describe, expect, it } from 'vitest';
import { recordSummary } from './record-summary';

describe('recordSummary', () => {
  it("reads a feature's plain properties in order, then its marking, handling and review date", () => {
    const report = {
      type: 'Feature',
      id: 'r1',
      geometry: { type: 'Point', coordinates: [-1.9, 52.5] },
      properties: {
        category: 'party_house',
        occurredAt: '2026-03-01T22:00:00Z',
        narrative: 'Synthetic: music and young people at a flat.',
        mentionsChild: true,
        personIds: ['p1'],
        historicGrading: null,
        restrictions: { securityMarking: 'OFFICIAL-SENSITIVE', handlingCode: 'C', handlingConditions: 'Not to the subject.', reviewOn: '2026-11-01', lawfulBasis: 'law_enforcement' },
      },
    };
    expect(recordSummary(report)).toEqual([
      ['Category', 'party_house'],
      ['Occurred at', '2026-03-01T22:00:00Z'],
      ['Narrative', 'Synthetic: music and young people at a flat.'],
      ['Mentions child', 'true'],
      ['Security marking', 'OFFICIAL-SENSITIVE'],
      ['Handling code', 'C'],
      ['Handling conditions', 'Not to the subject.'],
      ['Review on', '2026-11-01'],
    ]);
  });

  it('reads a plain record and gives nothing for an empty answer', () => {
    expect(recordSummary({ id: 'v1', registrationMark: 'ZZ12 TST', make: '', licenceType: 'none' })).toEqual([
      ['Registration mark', 'ZZ12 TST'],
      ['Licence type', 'none'],
    ]);
    expect(recordSummary(null)).toEqual([]);
  });
});
