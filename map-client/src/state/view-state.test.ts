import { describe, expect, it } from 'vitest';
import { allowedState, emptyState, formatHash, initialState, parseHash, timeWindow, viewsFor } from './view-state';

describe('view state in the URL', () => {
  it('round-trips every field through the hash', () => {
    const state = {
      ...emptyState,
      view: 'analyst' as const,
      zoom: 12.5,
      longitude: -1.89,
      latitude: 52.48,
      from: '2026-01-01',
      to: '2026-03-31',
      categories: ['party_house' as const, 'other' as const],
      sourceEvaluations: ['1' as const, '3' as const],
      intelligenceAssessments: ['A' as const, 'E' as const],
      handlingCodes: ['C' as const],
      agencyId: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d8f',
      trends: ['new' as const],
      minScore: 2.5,
      runId: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d90',
      hotspot: 'abc',
      since: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d8e',
      q: 'Mill Lane',
      premises: 'p-1',
      vehicle: 'v-1',
      place: 'l-1',
      action: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d91',
      target: 'hotspot:0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d92',
      actionStatuses: ['agreed' as const, 'in_progress' as const],
      ownerAgencyId: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d93',
      overdue: true,
      sort: '-due' as const,
      auditUser: 'e2e-analyst',
      auditEntity: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d94',
      auditActions: ['erasure' as const],
      networkStarts: ['person:0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d95', 'report:0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d96'],
      hops: 2,
      linkTypes: ['frequents' as const, 'co_occurrence' as const],
      minSourceEvaluation: '2' as const,
      minIntelligenceAssessment: 'C' as const,
      centrality: 'betweenness' as const,
    };
    expect(parseHash(formatHash(state))).toEqual(state);
  });

  it('drops malformed values instead of failing', () => {
    const state = parseHash('#view=nonsense&z=99&lon=abc&from=2026-13-45&category=party_house,bogus&trend=rising');
    expect(state.view).toBe('tasking');
    expect(state.zoom).toBeNull();
    expect(state.longitude).toBeNull();
    expect(state.from).toBeNull();
    expect(state.categories).toEqual(['party_house']);
    expect(state.trends).toEqual([]);
  });

  it('keeps the chosen comparison run and hotspot in the URL, and drops ids that could not be ones', () => {
    const hash = formatHash({ ...emptyState, hotspot: 'h-1', since: 'run-1' });
    expect(hash).toBe('#view=tasking&hotspot=h-1&since=run-1');
    expect(parseHash(hash)).toMatchObject({ hotspot: 'h-1', since: 'run-1' });
    expect(parseHash('#since=../../admin&hotspot=a%2Fb')).toMatchObject({ since: null, hotspot: null });
  });

  it('writes the grading, agency and hotspot filters with the API parameter names and codes', () => {
    const hash = formatHash({
      ...emptyState,
      sourceEvaluations: ['1', '2'],
      intelligenceAssessments: ['B'],
      handlingCodes: ['P', 'C'],
      agencyId: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d8f',
      minScore: 0,
      runId: '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d90',
    });
    expect(hash).toBe(
      '#view=tasking&sourceEvaluation=1,2&intelligenceAssessment=B&handlingCode=P,C' +
        '&agencyId=0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d8f&minScore=0&runId=0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d90',
    );
  });

  it('drops grading codes the API does not have, ids that are not GUIDs and negative scores', () => {
    const state = parseHash('#sourceEvaluation=1,4,A&intelligenceAssessment=A,F,1&handlingCode=P,X&agencyId=DEMO-WMP&runId=run-1&minScore=-1');
    expect(state.sourceEvaluations).toEqual(['1']);
    expect(state.intelligenceAssessments).toEqual(['A']);
    expect(state.handlingCodes).toEqual(['P']);
    expect(state.agencyId).toBeNull();
    expect(state.runId).toBeNull();
    expect(state.minScore).toBeNull();
  });

  it('keeps lists readable with plain commas', () => {
    expect(formatHash({ ...emptyState, categories: ['party_house', 'other'] })).toBe('#view=tasking&category=party_house,other');
  });

  it('sends a role to its home view when it asks for one it may not open', () => {
    expect(allowedState({ ...emptyState, view: 'analyst' }, 'tasking_member').view).toBe('tasking');
    expect(allowedState({ ...emptyState, view: 'tasking' }, 'licensing_officer').view).toBe('tasking');
    expect(viewsFor('licensing_officer')[0]).toBe('premises');
    expect(viewsFor('administrator')).toEqual([]);
  });

  it('opens the role home view when the URL names none, and the named one when it does', () => {
    expect(initialState('', 'analyst').view).toBe('analyst');
    expect(initialState('#z=10', 'licensing_officer').view).toBe('premises');
    expect(initialState('#view=tasking', 'analyst').view).toBe('tasking');
  });

  it('includes the whole last day of the time window', () => {
    expect(timeWindow({ ...emptyState, from: '2026-01-01', to: '2026-01-31' })).toEqual({
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00.000Z',
    });
  });

  it('keeps a link to the network for a role without it, for the view to show the refusal, and drops malformed starts', () => {
    expect(allowedState({ ...emptyState, view: 'network' }, 'tasking_member').view).toBe('network');
    expect(viewsFor('tasking_member')).not.toContain('network');
    expect(parseHash('#view=network&start=person:not-a-guid,vessel:0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d95').networkStarts).toEqual([]);
  });

  it('reads every kind a network can start from, its node limit and the agencies it follows, and writes them back', () => {
    const phone = 'phone_number:0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d95';
    const handle = 'online_identifier:0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d96';
    const agencies = ['0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d01', '0192f0c4-7a1e-7b3c-9d2e-3f4a5b6c7d02'];
    const state = parseHash(`#view=network&start=${phone},${handle}&nodeLimit=25&linkAgency=${agencies.join(',')},not-an-agency`);
    expect(state.networkStarts).toEqual([phone, handle]);
    expect(state.nodeLimit).toBe(25);
    expect(state.linkAgencies).toEqual(agencies);
    expect(parseHash(formatHash(state))).toEqual(state);
    expect(parseHash('#view=network&nodeLimit=2001').nodeLimit).toBeNull();
    expect(parseHash('#view=network&nodeLimit=2.5').nodeLimit).toBeNull();
    expect(parseHash('#view=network&nodeLimit=0').nodeLimit).toBeNull();
  });
});
