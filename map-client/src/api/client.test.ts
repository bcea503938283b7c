import { describe, expect, it } from 'vitest';
import { ApiClient, query } from './client';
import { listHotspots, readHotspotDetail } from './hotspots';
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

  it('reads a hotspot sent as a Feature or as a plain object alike', () => {
    const properties = { id: 'h1', trend: 'new', score: 3, reportCount: 9 };
    expect(readHotspotDetail({ type: 'Feature', id: 'h1', geometry: null, properties }, 'h1')).toEqual(properties);
    expect(readHotspotDetail(properties, 'h1')).toEqual(properties);
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
