import type { components } from '../api/openapi';

type Schemas = components['schemas'];
/** GET /api/panels items (Api PanelView). */
export type Panel = Schemas['PanelView'];
/** GET /api/panels/{id}/list (Api PanelListView): only the entries the reader may see. */
export type PanelList = Schemas['PanelListView'];
export type PanelListEntry = Schemas['PanelListEntry'];
/** GET /api/panels/{id}/meetings items (Api PanelMeetingView). */
export type PanelMeeting = Schemas['PanelMeetingView'];
export type PanelMeetingRequest = Schemas['PanelMeetingRequest'];
export type PanelKind = Schemas['PanelKind'];
export type PanelEntityKind = Schemas['PanelEntityKind'];

export const panelKindLabels: Record<PanelKind, string> = {
  mace: 'MACE',
  cmog: 'CMOG',
  perpetrator_forum: 'Perpetrator forum',
};

export const entityKindLabels: Record<PanelEntityKind, string> = {
  person: 'Person',
  premises: 'Premises',
  vehicle: 'Vehicle',
  location: 'Place',
};

/** The files of a meeting's pack, as the API names them. */
export const packFiles = ['pack.pdf', 'pack.html', 'list.csv', 'list-actions.csv', 'case-references.csv', 'attendees.csv', 'decisions.csv', 'new-actions.csv'] as const;

/** One attendee row of the meeting form. */
export interface AttendeeRow {
  agencyId: string;
  role: string;
  name: string;
}

/**
 * The body of "Record a meeting": the held-at time from a datetime-local value (read as UTC, as the API stores it),
 * attendees with a role (rows left empty are dropped), one decision per non-empty line, and the chosen actions.
 */
export function meetingRequest(heldAt: string, attendees: readonly AttendeeRow[], decisions: string, actionIds: readonly string[]): PanelMeetingRequest {
  return {
    heldAt: heldAt.length === 16 ? `${heldAt}:00Z` : heldAt,
    attendees: attendees
      .filter((row) => row.agencyId !== '' || row.role.trim() !== '')
      .map((row) => ({ agencyId: row.agencyId, role: row.role.trim(), name: row.name.trim() === '' ? null : row.name.trim() })),
    decisions: decisions
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((text) => ({ text })),
    actionIds: [...actionIds],
  };
}

/** An entry's intelligence in words: how many reports mention it, and the latest's date and grading. */
export function intelligenceText(entry: PanelListEntry): string {
  const { reportCount, latestReportAt, latestGrading } = entry.intelligence;
  if (reportCount === 0) return 'No reports you may read';
  const reports = `${reportCount} report${reportCount === 1 ? '' : 's'}`;
  return latestReportAt ? `${reports}; latest ${latestReportAt.slice(0, 10)}, graded ${latestGrading ?? 'not given'}` : reports;
}

/** A meeting's attendees grouped by agency, agencies in name order: "Agency: role (name), role". */
export function attendeesByAgency(meeting: PanelMeeting, agencyName: (id: string) => string): string[] {
  const groups = new Map<string, string[]>();
  for (const attendee of meeting.attendees) {
    const agency = agencyName(attendee.agencyId);
    const who = attendee.name ? `${attendee.role} (${attendee.name})` : attendee.role;
    groups.set(agency, [...(groups.get(agency) ?? []), who]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([agency, people]) => `${agency}: ${people.join(', ')}`);
}
