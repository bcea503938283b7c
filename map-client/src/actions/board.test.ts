import { describe, expect, it } from 'vitest';
import { nextStatuses, requestFor, type DisruptionAction } from '../api/actions';
import { sortActions } from './actions-view';

function action(id: string, status: DisruptionAction['status'], owner: string, dueOn: string | null): DisruptionAction {
  return {
    id,
    tacticCode: 'patrol',
    targetKind: 'hotspot',
    hotspotId: 'h1',
    premisesId: null,
    vehicleId: null,
    locationId: null,
    personId: null,
    ownerAgencyId: owner,
    ownerOfficer: null,
    status,
    startOn: '2026-11-01',
    dueOn,
    doneOn: null,
    overdue: false,
    outcome: null,
    notes: 'n',
    reportIds: ['r1'],
    restrictions: {
      agencyId: 'a',
      handlingCode: 'C',
      handlingConditions: 'Not to be shared outside the partnership',
      securityMarking: 'OFFICIAL-SENSITIVE',
      lawfulBasis: 'public_task',
      reviewOn: '2030-01-01',
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
    },
  };
}

const names: Record<string, string> = { council: 'City Council', police: 'Demo Police' };
const board = [action('1', 'done', 'police', '2026-12-01'), action('2', 'proposed', 'council', null), action('3', 'in_progress', 'police', '2026-11-20')];

describe('action board', () => {
  it('keeps the API order unsorted and sorts by due date with undated actions last', () => {
    expect(sortActions(board, null, (id) => names[id]!).map((a) => a.id)).toEqual(['1', '2', '3']);
    expect(sortActions(board, 'due', (id) => names[id]!).map((a) => a.id)).toEqual(['3', '1', '2']);
    expect(sortActions(board, '-due', (id) => names[id]!).map((a) => a.id)).toEqual(['2', '1', '3']);
  });

  it('sorts status by the workflow, not the alphabet, and owner by the agency name', () => {
    expect(sortActions(board, 'status', (id) => names[id]!).map((a) => a.status)).toEqual(['proposed', 'in_progress', 'done']);
    expect(sortActions(board, 'owner', (id) => names[id]!).map((a) => a.id)).toEqual(['2', '1', '3']);
  });

  it('offers the moves the workflow allows, none from a final status', () => {
    expect(nextStatuses('proposed')).toEqual(['agreed', 'cancelled']);
    expect(nextStatuses('agreed')).toEqual(['in_progress', 'done', 'cancelled']);
    expect(nextStatuses('done')).toEqual([]);
    expect(nextStatuses('cancelled')).toEqual([]);
  });

  it('replaces an action with every field kept but the change, and leaves a passed review date to the API', () => {
    const request = requestFor(board[2]!, { status: 'done', outcome: 'Closed', doneOn: '2026-12-02' }, '2026-12-05');
    expect(request).toMatchObject({
      tacticCode: 'patrol',
      hotspotId: 'h1',
      ownerAgencyId: 'police',
      status: 'done',
      outcome: 'Closed',
      doneOn: '2026-12-02',
      notes: 'n',
      reportIds: ['r1'],
      handlingCode: 'C',
      handlingConditions: 'Not to be shared outside the partnership',
      securityMarking: 'OFFICIAL-SENSITIVE',
      reviewOn: '2030-01-01',
    });
    expect(requestFor(board[2]!, {}, '2030-01-01').reviewOn).toBeNull();
  });
});
