import { describe, expect, it } from 'vitest';
import { isJustification } from './justification';
import { canStartFrom } from './elements';
import { mayReadNetworks, networkHref } from './report-named';
import { parseHash } from '../state/view-state';

describe('opening the network', () => {
  it('is offered to analysts and supervisors only', () => {
    expect(mayReadNetworks('analyst')).toBe(true);
    expect(mayReadNetworks('supervisor')).toBe(true);
    expect(mayReadNetworks('tasking_member')).toBe(false);
    expect(mayReadNetworks('licensing_officer')).toBe(false);
  });

  it('links to a network view the URL reads back', () => {
    const id = '0190a1b2-0000-7000-8000-000000000003';
    const state = parseHash(networkHref('vehicle', id));
    expect(state.view).toBe('network');
    expect(state.networkStarts).toEqual([`vehicle:${id}`]);
  });

  it('starts from every kind of entity the API takes as a start, phone numbers and online identifiers too', () => {
    for (const kind of ['person', 'premises', 'vehicle', 'location', 'phone_number', 'online_identifier'] as const) expect(canStartFrom({ kind })).toBe(true);
  });

  it('wants a reason of 10 to 1000 characters, as the API does', () => {
    expect(isJustification('too short')).toBe(false);
    expect(isJustification('  Tasking meeting review  ')).toBe(true);
    expect(isJustification('x'.repeat(1001))).toBe(false);
  });
});
