import { describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { ApiError } from './problem';
import {
  checkPremises,
  checkVehicle,
  concernRows,
  describeVehicle,
  formatDistance,
  maxVehicleSearchLength,
  searchPremisesAndVehicles,
} from './premises';
import type { ReportConcern, VehicleRecord } from './premises-check-types';

/** A fetch that answers by path, recording what was asked. */
function routes(answers: Record<string, { status?: number; body: unknown }>) {
  const asked: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    const answer = answers[url] ?? { status: 404, body: { title: 'Not found.', status: 404 } };
    const status = answer.status ?? 200;
    return new Response(JSON.stringify(answer.body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  }) as typeof fetch;
  return { api: new ApiClient(() => 'T', impl), asked };
}

const vehicle: VehicleRecord = {
  id: 'v1',
  registrationMark: 'SYN12AB',
  make: 'Exampleworks',
  model: null,
  colour: 'silver',
  licenceType: 'private_hire',
  plateNumber: 'PH 0042',
  licensingAuthority: 'Synthetic Borough Council',
  restrictions: {
    agencyId: 'a1',
    handlingCode: 'P',
    handlingConditions: null,
    securityMarking: 'OFFICIAL',
    lawfulBasis: 'law_enforcement',
    reviewOn: '2031-01-01',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  },
};

const concern: ReportConcern = {
  reportId: 'r1',
  category: 'premises_concern',
  occurredAt: '2026-10-01T22:30:00Z',
  recordedAt: '2026-10-02T09:00:00Z',
  grading: '2B C',
  sourceEvaluation: '2',
  intelligenceAssessment: 'B',
  handlingConditions: 'Not to be shared with the premises holder.',
  historicGrading: 'B2 4',
  agencyId: 'a1',
  agencyName: 'Synthetic Police',
  narrative: 'Synthetic: under-age customers seen being served.',
};

describe('premises check data', () => {
  it('searches premises, vehicles and places from one box with the same text', async () => {
    const rank = { type: 'Feature', id: 'l1', geometry: { type: 'Point', coordinates: [-1.89, 52.48] }, properties: { name: 'SYN12AB rank', locationType: 'taxi_rank' } };
    const { api, asked } = routes({
      '/api/premises?q=SYN12AB&limit=50': { body: { type: 'FeatureCollection', features: [] } },
      '/api/vehicles?q=SYN12AB&limit=50': { body: { items: [vehicle], nextCursor: null } },
      '/api/locations?q=SYN12AB&limit=50': { body: { type: 'FeatureCollection', features: [rank], nextCursor: null } },
    });
    const found = await searchPremisesAndVehicles(api, ' SYN12AB ');
    expect(found).toEqual({
      premises: [],
      vehicles: [vehicle],
      places: [{ id: 'l1', name: 'SYN12AB rank', locationType: 'taxi_rank', geometry: rank.geometry }],
    });
    expect(asked).toHaveLength(3);
  });

  it('does not ask for vehicles when the text is too long to be a mark or plate', async () => {
    const long = 'Example Kebab House on Example Street';
    expect(long.length).toBeGreaterThan(maxVehicleSearchLength);
    const typed = encodeURIComponent(long).replace(/%20/g, '+');
    const { api, asked } = routes({
      [`/api/premises?q=${typed}&limit=50`]: {
        body: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'p1', geometry: null, properties: { name: 'Example Kebab House 0001' } }] },
      },
      [`/api/locations?q=${typed}&limit=50`]: { body: { type: 'FeatureCollection', features: [], nextCursor: null } },
    });
    const found = await searchPremisesAndVehicles(api, long);
    expect(found.premises.map((p) => p.id)).toEqual(['p1']);
    expect(found.vehicles).toEqual([]);
    expect(asked.some((url) => url.startsWith('/api/vehicles'))).toBe(false);
  });

  it('reads a premises and its concerns together', async () => {
    const { api } = routes({
      '/api/premises/p1': {
        body: {
          type: 'Feature',
          id: 'p1',
          geometry: { type: 'Point', coordinates: [-1.89, 52.48] },
          properties: { name: 'Example Arms 0001', premisesType: 'licensed_premises', address: '1 Example Road', postcode: 'ZZ1 1ZZ', licenceNumber: 'SB/PL/2024/00001' },
        },
      },
      '/api/premises/p1/concerns': {
        body: { premisesId: 'p1', reports: [concern], moreReports: false, radiusMeters: 500, nearbyHotspots: [] },
      },
    });
    const { premises, concerns } = await checkPremises(api, 'p1');
    expect(premises).toEqual({
      id: 'p1',
      name: 'Example Arms 0001',
      premisesType: 'licensed_premises',
      address: '1 Example Road',
      postcode: 'ZZ1 1ZZ',
      licenceNumber: 'SB/PL/2024/00001',
      licensingAuthority: null,
      location: { type: 'Point', coordinates: [-1.89, 52.48] },
    });
    expect(concerns.reports).toEqual([concern]);
  });

  it('passes a Problem Details failure through, naming the field', async () => {
    const { api } = routes({
      '/api/vehicles/v1': { body: vehicle },
      '/api/vehicles/v1/concerns': { status: 400, body: { title: 'One or more validation errors occurred.', status: 400, errors: { id: ['Bad id.'] } } },
    });
    const error = await checkVehicle(api, 'v1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).describe()).toContain('id: Bad id.');
  });

  it('an unknown premises is a 404 ApiError, not an empty page', async () => {
    const { api } = routes({});
    const error = await checkPremises(api, 'missing').catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(404);
  });

  it('turns concerns into table rows with the historic grading and the handling conditions kept', () => {
    expect(concernRows([concern])).toEqual([
      {
        date: '2026-10-01',
        category: 'Premises concern',
        grading: '2B C (historic B2 4)',
        recordedBy: 'Synthetic Police',
        summary: 'Synthetic: under-age customers seen being served. [Conditions: Not to be shared with the premises holder.]',
      },
    ]);
  });

  it('describes vehicles and distances as people read them', () => {
    expect(describeVehicle(vehicle)).toBe('SYN12AB · plate PH 0042 · silver Exampleworks');
    expect(formatDistance(0)).toBe('premises is inside it');
    expect(formatDistance(283.4)).toBe('283 m');
    expect(formatDistance(1500)).toBe('1.5 km');
  });
});
