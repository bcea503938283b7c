import { describe, expect, it } from 'vitest';
import { query } from '../api/client';
import { emptyState } from '../state/view-state';
import { dateToDay, dayToDate, networkParams, pathParams, withStart } from './network-query';

const person = 'person:0190a1b2-0000-7000-8000-000000000001';
const premises = 'premises:0190a1b2-0000-7000-8000-000000000002';

describe('network questions', () => {
  it('asks for the starts one hop out with no filters by default', () => {
    expect(query(networkParams({ ...emptyState, networkStarts: [person] }))).toBe(`?start=${encodeURIComponent(person)}&hops=1&nodeLimit=500`);
  });

  it('sends each filter as the API names it, link types repeated', () => {
    const state = {
      ...emptyState,
      networkStarts: [person, premises],
      hops: 2,
      linkTypes: ['associate' as const, 'co_location' as const],
      minSourceEvaluation: '2' as const,
      minIntelligenceAssessment: 'B' as const,
      from: '2025-01-01',
      to: '2026-06-30',
      nodeLimit: 40,
      linkAgencies: ['0190a1b2-0000-7000-8000-0000000000a1', '0190a1b2-0000-7000-8000-0000000000a2'],
    };
    const params = new URLSearchParams(query(networkParams(state)));
    expect(params.getAll('start')).toEqual([person, premises]);
    expect(params.get('hops')).toBe('2');
    expect(params.getAll('linkType')).toEqual(['associate', 'co_location']);
    expect(params.get('minSourceEvaluation')).toBe('2');
    expect(params.get('minIntelligenceAssessment')).toBe('B');
    expect(params.get('from')).toBe('2025-01-01');
    expect(params.get('to')).toBe('2026-06-30');
    expect(params.get('nodeLimit')).toBe('40');
    expect(params.getAll('agencyId')).toEqual(state.linkAgencies);
    const path = new URLSearchParams(query(pathParams(state, person, premises)));
    expect(path.get('start')).toBe(person);
    expect(path.get('end')).toBe(premises);
    expect(path.getAll('linkType')).toEqual(['associate', 'co_location']);
    expect(path.getAll('agencyId')).toEqual(state.linkAgencies);
    expect(path.has('hops')).toBe(false);
  });

  it('adds an expanded node to the starts once', () => {
    expect(withStart([person], premises)).toEqual([person, premises]);
    expect(withStart([person, premises], person)).toEqual([person, premises]);
  });

  it('turns the time slider days into dates and back, clamped to the slider', () => {
    expect(dayToDate('2026-03-01', 1)).toBe('2026-02-28');
    expect(dayToDate('2026-03-01', 365)).toBe('2025-03-01');
    expect(dateToDay('2026-03-01', '2026-02-28', 1825, 0)).toBe(1);
    expect(dateToDay('2026-03-01', '2001-01-01', 1825, 0)).toBe(1825);
    expect(dateToDay('2026-03-01', null, 1825, 1825)).toBe(1825);
  });
});
