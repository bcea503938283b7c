import { getReportNamed } from '../api/network';
import type { Role } from '../auth/session';
import type { ViewContext } from '../state/view-context';
import { element } from '../ui/dom';
import { canStartFrom } from './elements';
import { isJustification, savedJustification } from './justification';

/** Networks are person-level intelligence: the API answers them to analysts and supervisors only. */
export function mayReadNetworks(role: Role): boolean {
  return role === 'analyst' || role === 'supervisor';
}

/** The link that opens the network at an entity (or a report). */
export function networkHref(kind: string, id: string): string {
  return `#view=network&start=${kind}:${encodeURIComponent(id)}`;
}

/** Each kind of entity (and of start) in words. */
export const entityKindLabels: Record<string, string> = {
  person: 'Person',
  premises: 'Premises',
  vehicle: 'Vehicle',
  location: 'Place',
  phone_number: 'Phone number',
  online_identifier: 'Online identifier',
  report: 'Report',
  hotspot: 'Hotspot',
};

/**
 * A report panel's "Named in this report": what the report names as the reader may see it (persons only for analysts
 * and supervisors who have given the network's reason), each opening the network there when the role may see networks.
 * A failure is said in place: the report's details stay.
 */
export async function reportNamedSection(context: Pick<ViewContext, 'api' | 'role'>, reportId: string, signal?: AbortSignal): Promise<HTMLElement> {
  const networks = mayReadNetworks(context.role);
  const reason = savedJustification();
  const section = element('section', { 'aria-label': 'Named in this report', class: 'report-named' }, element('h3', {}, 'Named in this report'));
  try {
    const named = await getReportNamed(context.api, reportId, networks && isJustification(reason) ? reason : null, signal);
    section.append(
      named.entities.length
        ? element(
            'ul',
            {},
            ...named.entities.map((entity) => {
              const text = `${entityKindLabels[entity.kind] ?? entity.kind}: ${entity.label}${entity.detail ? ` (${entity.detail.replace(/_/g, ' ')})` : ''}`;
              return element('li', {}, networks && canStartFrom(entity) ? element('a', { href: networkHref(entity.kind, entity.id) }, text) : text);
            }),
          )
        : element('p', {}, 'Nothing you may see.'),
    );
    if (networks && !named.personsIncluded) {
      section.append(element('p', { class: 'hint' }, 'Persons are listed once you have given a reason for looking in the network view.'));
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    section.append(element('p', { class: 'error' }, `What it names could not be read: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (networks) section.append(element('p', {}, element('a', { href: networkHref('report', reportId), class: 'open-network' }, 'Network of this report')));
  return section;
}
