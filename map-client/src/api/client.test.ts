import { describe, expect, it } from 'vitest';
import { ApiClient, fileNameOf, query, sameOriginPath } from './client';
import { getLinkEvidence, getNetwork, type NetworkLink } from './network';
import { getChanges, listHotspots, readHotspotDetail, startRun } from './hotspots';
import { ApiError } from './problem';
import { readPremises, searchPremises } from './premises';

function fakeFetch(status: number, body: unknown, contentType = 'application/problem+json') {
  const calls: { url: string; headers: Headers }[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), headers: new Headers(init?.headers) });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': contentType } });
  }) as typeof fetch;
  return { impl, calls };
}

describe('API client', () => {
  it('sends the bearer token', async () => {
    const fake = fakeFetch(200, { ok: true }, 'application/json');
    await new ApiClient(() => 'T0K3N', fake.impl).get('/api/x');
    expect(fake.calls[0]?.headers.get('authorization')).toBe('Bearer T0K3N');
  });

  it('sends the reason for a network question in its Justification header', async () => {
    const fake = fakeFetch(200, { nodes: [], links: [] }, 'application/json');
    await getNetwork(new ApiClient(() => null, fake.impl), { start: ['person:x'], hops: 1 }, 'Tasking meeting review');
    expect(fake.calls[0]?.url).toBe('/api/network?start=person%3Ax&hops=1');
    expect(fake.calls[0]?.headers.get('justification')).toBe('Tasking meeting review');
  });

  it('asks for a recorded link\'s evidence by its id and a derived link\'s by its derivation and ends', async () => {
    const fake = fakeFetch(200, { reports: [] }, 'application/json');
    const api = new ApiClient(() => null, fake.impl);
    const link = { id: 'l1', derivation: 'recorded', from: 'a', fromKind: 'person', to: 'b', toKind: 'premises' } as NetworkLink;
    await getLinkEvidence(api, link, 'Tasking meeting review');
    await getLinkEvidence(api, { ...link, derivation: 'co_location' }, 'Tasking meeting review');
    expect(fake.calls.map((call) => call.url)).toEqual(['/api/network/evidence?linkId=l1', '/api/network/evidence?derivation=co_location&start=person%3Aa&end=premises%3Ab']);
  });

  it('reads an export\'s file name from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename=network.graphml; filename*=UTF-8\'\'network%202026.graphml')).toBe('network 2026.graphml');
    expect(fileNameOf('attachment; filename="network-2026-12-05.zip"')).toBe('network-2026-12-05.zip');
    expect(fileNameOf(null)).toBeNull();
  });

  it('turns a validation problem into lines naming the field and the reason', async () => {
    const fake = fakeFetch(400, { title: 'One or more validation errors occurred.', status: 400, errors: { bbox: ['Must be four numbers.'] } });
    const error = await new ApiClient(() => null, fake.impl).get('/api/reports').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).describe()).toEqual(['One or more validation errors occurred.', 'bbox: Must be four numbers.']);
  });

  it('explains a 401 without a body', async () => {
    const fake = fakeFetch(401, undefined, 'text/plain');
    const error = (await new ApiClient(() => null, fake.impl).get('/api/reports').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(error.describe()[0]).toMatch(/Sign in again/);
  });

  it('treats a 404 from the hotspot list as "not available", not as an error', async () => {
    const fake = fakeFetch(404, { title: 'Not Found', status: 404 });
    expect(await listHotspots(new ApiClient(() => null, fake.impl), {})).toEqual({ available: false });
  });

  it('still fails on other hotspot errors', async () => {
    const fake = fakeFetch(500, { title: 'Boom', status: 500 });
    await expect(listHotspots(new ApiClient(() => null, fake.impl), {})).rejects.toBeInstanceOf(ApiError);
  });

  it('asks for hotspots by trend with repeated parameters', async () => {
    const fake = fakeFetch(200, { type: 'FeatureCollection', features: [] }, 'application/geo+json');
    await listHotspots(new ApiClient(() => null, fake.impl), { trend: ['new', 'persistent'] });
    expect(fake.calls[0]?.url).toBe('/api/hotspots?trend=new&trend=persistent');
  });

  it('asks for hotspots by score, box and run with the names the API reads', async () => {
    const fake = fakeFetch(200, { type: 'FeatureCollection', features: [] }, 'application/geo+json');
    await listHotspots(new ApiClient(() => null, fake.impl), { minScore: 2.5, bbox: [-1.95, 52.45, -1.85, 52.5], runId: 'r1' });
    expect(decodeURIComponent(fake.calls[0]?.url ?? '')).toBe('/api/hotspots?minScore=2.5&bbox=-1.95,52.45,-1.85,52.5&runId=r1');
  });

  it('reads a hotspot Feature with its history oldest run first, and refuses a shape that is not one', () => {
    const latest = { runId: 'r2', weightedScore: 3 };
    const entry = (runId: string, runFinishedAt: string) => ({ runId, runFinishedAt, weightedScore: 1 });
    const feature = {
      type: 'Feature',
      id: 'h1',
      geometry: null,
      properties: { latest, isCurrent: true, history: [entry('r2', '2026-02-01T00:00:00Z'), entry('r1', '2026-01-01T00:00:00Z')], premises: [], locations: [], lineage: [] },
    };
    const read = readHotspotDetail(feature);
    expect(read.id).toBe('h1');
    expect(read.properties.history.map((h) => h.runId)).toEqual(['r1', 'r2']);
    expect(() => readHotspotDetail({ id: 'h1', trend: 'new', score: 3 })).toThrow(/not a GeoJSON Feature/);
  });

  it('starts a run and polls where the 202 Location says', async () => {
    const impl = (async () =>
      new Response(JSON.stringify({ id: 'run-1', status: 'queued' }), {
        status: 202,
        headers: { 'content-type': 'application/json', location: '/api/hotspot-runs/run-1' },
      })) as typeof fetch;
    const started = await startRun(new ApiClient(() => null, impl), { method: 'kde' });
    expect(started.run.status).toBe('queued');
    expect(started.location).toBe('/api/hotspot-runs/run-1');
  });

  it('keeps an absolute Location on this origin as a path and refuses another origin', () => {
    expect(sameOriginPath('http://app.test/api/hotspot-runs/x', 'http://app.test')).toBe('/api/hotspot-runs/x');
    expect(sameOriginPath('/api/hotspot-runs/x', 'http://app.test')).toBe('/api/hotspot-runs/x');
    expect(sameOriginPath('http://evil.test/api/hotspot-runs/x', 'http://app.test')).toBeNull();
  });

  it('asks for changes since a chosen run', async () => {
    const fake = fakeFetch(200, { new: [], grown: [], shrunk: [], gone: [], unchanged: 0 }, 'application/json');
    await getChanges(new ApiClient(() => null, fake.impl), 'r2', 'r1');
    expect(fake.calls[0]?.url).toBe('/api/hotspot-runs/r2/changes?since=r1');
  });

  it('reads premises from a FeatureCollection or a page, and says when search is missing', async () => {
    expect(readPremises({ type: 'FeatureCollection', features: [{ id: 'p1', properties: { name: 'The Anchor' } }] })).toEqual([
      { id: 'p1', name: 'The Anchor' },
    ]);
    expect(readPremises({ items: [{ id: 'p2', name: 'Hotel Example' }] })).toEqual([{ id: 'p2', name: 'Hotel Example' }]);
    const fake = fakeFetch(404, { status: 404 });
    expect(await searchPremises(new ApiClient(() => null, fake.impl), 'anchor')).toEqual({ available: false });
  });

  it('leaves unset values out of query strings', () => {
    expect(query({ a: null, b: undefined, c: '', d: 0, e: [] })).toBe('?d=0');
  });
});
