import { listActions, statusLabels, type BoardFilters } from '../api/actions';
import type { ApiClient } from '../api/client';
import { element } from '../ui/dom';

/** Which record's actions to list: exactly one of the board's target filters. */
export type ActionTarget = Pick<BoardFilters, 'hotspotId' | 'premisesId' | 'vehicleId' | 'locationId'>;

/**
 * The actions on one record (a hotspot's include those on the hotspots it was split or merged from), each a link to its
 * page, under `heading`; a failure is said in place, so the panel around it still shows.
 */
export async function actionsOnTarget(api: ApiClient, target: ActionTarget, heading: string, signal: AbortSignal): Promise<HTMLElement> {
  const section = element('section', { 'aria-label': heading }, element('h3', {}, heading));
  try {
    const { actions } = await listActions(api, { status: [], ownerAgencyId: null, overdue: false, ...target }, signal, 100);
    section.append(
      actions.length
        ? element(
            'ul',
            {},
            ...actions.map((action) =>
              element(
                'li',
                {},
                element('a', { href: `#view=actions&action=${action.id}` }, `${action.tacticCode.replace(/_/g, ' ')}: ${statusLabels[action.status].toLowerCase()}`),
                action.overdue ? ' (overdue)' : '',
              ),
            ),
          )
        : element('p', {}, 'None recorded that you may see.'),
    );
  } catch (error) {
    if (signal.aborted) throw error;
    section.append(element('p', { class: 'error' }, `The actions could not be read: ${error instanceof Error ? error.message : String(error)}`));
  }
  return section;
}
