import { query, type ApiClient } from '../api/client';
import { justificationHeader } from '../api/network';
import type { components } from '../api/openapi';
import { describeVehicle, maxVehicleSearchLength, readPremises } from '../api/premises';
import { entityKinds } from './elements';

type Schemas = components['schemas'];

/** Where a network can start: every kind of entity it holds, a report (what it names) and a hotspot (its premises and places). */
export const startKinds = [...entityKinds, 'report', 'hotspot'] as const;
export type StartKind = (typeof startKinds)[number];

/** A record the start form found: the network's start (kind:id) and how the list names it. */
export interface StartCandidate {
  start: string;
  label: string;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the text is an id (then it is the start itself, whatever the kind). */
export function isId(text: string): boolean {
  return guid.test(text.trim());
}

/** Kinds found by what they are called; reports and hotspots only by id. */
export function searchable(kind: StartKind): boolean {
  return kind !== 'report' && kind !== 'hotspot';
}

/**
 * The records of one kind the text finds, as the API's own lists find them: persons by name (a justified read,
 * logged), premises by name, address, postcode or licence, vehicles by registration mark or plate, places by name,
 * a phone number however it is typed, an online identifier exactly (a handle with or without its @).
 */
export async function findStarts(api: ApiClient, kind: StartKind, text: string, justification: string, signal?: AbortSignal): Promise<StartCandidate[]> {
  const typed = text.trim();
  const start = (id: string): string => `${kind}:${id}`;
  switch (kind) {
    case 'person': {
      const page = await api.get<Schemas['PageOfPersonView']>(`/api/persons${query({ q: typed, limit: 20 })}`, signal, { [justificationHeader]: justification });
      return page.items.map((p) => ({ start: start(p.id), label: `${p.givenNames} ${p.familyName.toUpperCase()}${p.dateOfBirth ? `, born ${p.dateOfBirth}` : ''}` }));
    }
    case 'premises':
      return readPremises(await api.get<unknown>(`/api/premises${query({ q: typed, limit: 20 })}`, signal)).map((p) => ({
        start: start(p.id),
        label: [p.name, p.address, p.postcode].filter(Boolean).join(' · '),
      }));
    case 'vehicle': {
      if (typed.length > maxVehicleSearchLength) return [];
      const page = await api.get<Schemas['PageOfVehicleView']>(`/api/vehicles${query({ q: typed, limit: 20 })}`, signal);
      return page.items.map((v) => ({ start: start(v.id), label: describeVehicle(v) }));
    }
    case 'location': {
      const places = await api.get<{ features: { id: string; properties: { name: string } }[] }>(`/api/locations${query({ q: typed, limit: 20 })}`, signal);
      return places.features.map((place) => ({ start: start(place.id), label: place.properties.name }));
    }
    case 'phone_number': {
      const page = await api.get<Schemas['PageOfPhoneNumberView']>(`/api/phone-numbers${query({ number: typed, limit: 20 })}`, signal);
      return page.items.map((n) => ({ start: start(n.id), label: n.description ? `${n.number} (${n.description})` : n.number }));
    }
    case 'online_identifier': {
      const page = await api.get<Schemas['PageOfOnlineIdentifierView']>(`/api/online-identifiers${query({ value: typed, limit: 20 })}`, signal);
      return page.items.map((o) => ({ start: start(o.id), label: `${o.value} (${[o.identifierType.replace(/_/g, ' '), o.platform].filter(Boolean).join(', ')})` }));
    }
    case 'report':
    case 'hotspot':
      return [];
  }
}
