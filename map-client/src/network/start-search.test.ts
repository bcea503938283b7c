import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client';
import { findStarts, isId, searchable } from './start-search';

/** A fetch that answers by path, recording what was asked and with which Justification. */
function routes(answers: Record<string, unknown>) {
  const asked: { url: string; justification: string | null }[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    asked.push({ url, justification: new Headers(init?.headers).get('Justification') });
    const body = answers[url];
    return body === undefined
      ? new Response(JSON.stringify({ title: 'Not found.', status: 404 }), { status: 404, headers: { 'content-type': 'application/problem+json' } })
      : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { api: new ApiClient(() => 'T', impl), asked };
}

const reason = 'Synthetic: tasking meeting review';

describe('finding where a network starts', () => {
  it('takes an id as it is, and finds reports and hotspots only by id', () => {
    expect(isId(' 0190A1B2-0000-7000-8000-000000000001 ')).toBe(true);
    expect(isId('07700 900123')).toBe(false);
    expect(searchable('phone_number')).toBe(true);
    expect(searchable('report')).toBe(false);
    expect(searchable('hotspot')).toBe(false);
  });

  it('finds a phone number however it is typed, through the numbers list', async () => {
    const { api, asked } = routes({
      '/api/phone-numbers?number=07700+900123&limit=20': { items: [{ id: 'n1', number: '+447700900123', description: 'Burner', restrictions: {} }], nextCursor: null },
    });
    expect(await findStarts(api, 'phone_number', ' 07700 900123 ', reason)).toEqual([{ start: 'phone_number:n1', label: '+447700900123 (Burner)' }]);
    expect(asked.map((a) => a.url)).toEqual(['/api/phone-numbers?number=07700+900123&limit=20']);
  });

  it('finds an online identifier with its type and platform', async () => {
    const { api } = routes({
      '/api/online-identifiers?value=%40Example_Handle&limit=20': {
        items: [{ id: 'o1', value: 'example_handle', identifierType: 'social_media', platform: 'Snapchat', description: null, restrictions: {} }],
        nextCursor: null,
      },
    });
    expect(await findStarts(api, 'online_identifier', '@Example_Handle', reason)).toEqual([{ start: 'online_identifier:o1', label: 'example_handle (social media, Snapchat)' }]);
  });

  it('finds persons with the reason for looking, which the API logs', async () => {
    const { api, asked } = routes({
      '/api/persons?q=Testperson&limit=20': {
        items: [{ id: 'p1', givenNames: 'Alex', familyName: 'Testperson', dateOfBirth: '1990-01-02' }],
        nextCursor: null,
      },
    });
    expect(await findStarts(api, 'person', 'Testperson', reason)).toEqual([{ start: 'person:p1', label: 'Alex TESTPERSON, born 1990-01-02' }]);
    expect(asked[0]!.justification).toBe(reason);
  });

  it('finds premises, vehicles and places through their check searches', async () => {
    const { api } = routes({
      '/api/premises?q=Example&limit=20': { type: 'FeatureCollection', features: [{ id: 'pr1', properties: { name: 'Example Bar', address: '1 Example Street', postcode: 'ZZ1 1ZZ' } }] },
      '/api/vehicles?q=SYN12AB&limit=20': { items: [{ id: 'v1', registrationMark: 'SYN12AB', plateNumber: null, colour: 'silver', make: null, model: null }], nextCursor: null },
      '/api/locations?q=Park&limit=20': { type: 'FeatureCollection', features: [{ id: 'l1', properties: { name: 'Example Park', locationType: 'park' } }] },
    });
    expect(await findStarts(api, 'premises', 'Example', reason)).toEqual([{ start: 'premises:pr1', label: 'Example Bar · 1 Example Street · ZZ1 1ZZ' }]);
    expect(await findStarts(api, 'vehicle', 'SYN12AB', reason)).toEqual([{ start: 'vehicle:v1', label: 'SYN12AB · silver' }]);
    expect(await findStarts(api, 'location', 'Park', reason)).toEqual([{ start: 'location:l1', label: 'Example Park' }]);
    // Longer than any mark or plate: the API would refuse it, so it is not asked.
    expect(await findStarts(api, 'vehicle', 'x'.repeat(31), reason)).toEqual([]);
  });
});
