import { describe, expect, it } from 'vitest';
import { attendeesByAgency, intelligenceText, meetingRequest, type PanelListEntry, type PanelMeeting } from './panels';

describe('meetingRequest', () => {
  it('reads the time as UTC, drops empty attendee rows and blank decision lines', () => {
    const request = meetingRequest(
      '2026-12-03T10:30',
      [
        { agencyId: 'a1', role: ' DS, exploitation team ', name: '' },
        { agencyId: '', role: '  ', name: '' },
        { agencyId: 'a2', role: 'Licensing officer', name: 'Synthetic Officer' },
      ],
      'Refer to licensing\n\n  Serve CAWNs  \n',
      ['x1'],
    );
    expect(request).toEqual({
      heldAt: '2026-12-03T10:30:00Z',
      attendees: [
        { agencyId: 'a1', role: 'DS, exploitation team', name: null },
        { agencyId: 'a2', role: 'Licensing officer', name: 'Synthetic Officer' },
      ],
      decisions: [{ text: 'Refer to licensing' }, { text: 'Serve CAWNs' }],
      actionIds: ['x1'],
    });
  });
});

describe('intelligenceText', () => {
  const entry = (reportCount: number, latestReportAt: string | null, latestGrading: string | null) =>
    ({ intelligence: { reportCount, latestReportAt, latestGrading } }) as unknown as PanelListEntry;

  it('says when there is nothing the reader may read', () => {
    expect(intelligenceText(entry(0, null, null))).toBe('No reports you may read');
  });

  it('gives the count, the latest date and its grading', () => {
    expect(intelligenceText(entry(2, '2026-12-01T09:00:00Z', '3C P'))).toBe('2 reports; latest 2026-12-01, graded 3C P');
    expect(intelligenceText(entry(1, '2026-12-01T09:00:00Z', '1A P'))).toBe('1 report; latest 2026-12-01, graded 1A P');
  });
});

describe('attendeesByAgency', () => {
  it('groups attendees under their agency, agencies in name order', () => {
    const meeting = {
      attendees: [
        { id: '1', agencyId: 'p', role: 'DS', name: null },
        { id: '2', agencyId: 'c', role: 'Social worker', name: 'Synthetic Worker' },
        { id: '3', agencyId: 'p', role: 'Analyst', name: null },
      ],
    } as unknown as PanelMeeting;
    const names: Record<string, string> = { p: 'Synthetic Police', c: 'Synthetic Council' };
    expect(attendeesByAgency(meeting, (id) => names[id]!)).toEqual(['Synthetic Council: Social worker (Synthetic Worker)', 'Synthetic Police: DS, Analyst']);
  });
});
