import { describe, expect, it } from 'vitest';
import { anyBuilding, packRequest, packStatusText, profileRequest, viewBbox, type AreaFeature, type MeetingPack } from './meeting-packs';

const pack = (status: MeetingPack['status'], extra: Partial<MeetingPack> = {}): MeetingPack => ({
  id: '01938a5e-7c40-7d2a-9b1e-3f6a2c8d4e10',
  kind: 'tasking',
  areaIds: null,
  reviewOn: '2027-12-03',
  title: 'Synthetic tasking',
  bbox: [-1.93, 52.47, -1.87, 52.5],
  from: '2026-11-05T09:00:00Z',
  to: '2026-12-03T09:00:00Z',
  madeBy: 'synthetic-analyst',
  madeByRole: 'analyst',
  requestedAt: '2026-12-03T09:00:00Z',
  status,
  progressPercent: 40,
  securityMarking: null,
  handlingConditions: null,
  finishedAt: null,
  failure: null,
  files: [],
  ...extra,
});

describe('packRequest', () => {
  it('asks for the view as minLon,minLat,maxLon,maxLat and the period from days ago to now', () => {
    const now = new Date('2026-12-03T09:00:00Z');
    const request = packRequest({ west: -1.934567891, south: 52.47, east: -1.87, north: 52.5 }, 28, now, '  ');

    expect(request.bbox).toBe('-1.93457,52.47,-1.87,52.5');
    expect(request.from).toBe('2026-11-05T09:00:00.000Z');
    expect(request.to).toBe('2026-12-03T09:00:00.000Z');
    expect(request.title).toBeNull();
  });
});

describe('viewBbox', () => {
  it('clamps a view zoomed out past the world to the longitudes and latitudes the API accepts', () => {
    expect(viewBbox({ west: -301.2, south: -95, east: 187.123456, north: 88.5 })).toBe('-180,-90,180,88.5');
  });
});

describe('packStatusText', () => {
  it('says the progress while building, the marking when ready and why when failed', () => {
    expect(packStatusText(pack('running'))).toBe('Building: 40 %');
    expect(packStatusText(pack('succeeded', { securityMarking: 'OFFICIAL-SENSITIVE' }))).toBe('Ready (OFFICIAL-SENSITIVE)');
    expect(packStatusText(pack('failed', { failure: 'ask again' }))).toBe('Failed: ask again');
    expect(anyBuilding([pack('succeeded'), pack('queued')])).toBe(true);
    expect(anyBuilding([pack('succeeded'), pack('failed')])).toBe(false);
  });
});

const area = (id: string, kind: 'ward' | 'council_area', west: number, south: number, size: number): AreaFeature => ({
  type: 'Feature',
  id,
  geometry: {
    type: 'Polygon',
    coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
  } as AreaFeature['geometry'],
  properties: {
    code: id,
    name: `Synthetic ${id}`,
    kind,
    parentId: null,
    childPopulation: 2000,
    populationYear: 2025,
    populationSource: 'Synthetic',
    importedAt: '2026-12-01T00:00:00Z',
  },
});

describe('profileRequest', () => {
  it('asks for the wards whose extent overlaps the view, and the period from days ago to now', () => {
    const now = new Date('2026-12-03T09:00:00Z');
    const areas = [area('council', 'council_area', -2, 52, 1), area('in-view', 'ward', -1.9, 52.48, 0.01), area('away', 'ward', -1.5, 52.8, 0.01)];
    const request = profileRequest(areas, { west: -1.93, south: 52.47, east: -1.87, north: 52.5 }, 91, now, 'Board');

    expect(request?.kind).toBe('problem_profile');
    expect(request?.areaIds).toEqual(['in-view']);
    expect(request?.from).toBe('2026-09-03T09:00:00.000Z');
    expect(profileRequest([area('away', 'ward', -1.5, 52.8, 0.01)], { west: -1.93, south: 52.47, east: -1.87, north: 52.5 }, 91, now, '')).toBeNull();
  });
});
