import { describe, expect, it } from 'vitest';
import type { HotspotCollection, HotspotProperties } from '../api/types';
import { hotspotsForMap } from './changes';
import { withCentroids } from './centroids';

// A small square in Birmingham city centre (around Digbeth), longitude first.
const square = [
  [
    [-1.89, 52.475],
    [-1.88, 52.475],
    [-1.88, 52.48],
    [-1.89, 52.48],
    [-1.89, 52.475],
  ],
];

function hotspots(...features: { id: string; centroid?: [number, number]; area?: boolean }[]): HotspotCollection {
  return {
    type: 'FeatureCollection',
    features: features.map(({ id, centroid, area = true }) => ({
      type: 'Feature',
      id,
      geometry: area ? { type: 'Polygon', coordinates: square } : null,
      properties: { runId: 'r', trend: 'new', weightedScore: 1, ...(centroid ? { centroid } : {}) } as unknown as HotspotProperties,
    })),
  };
}

describe('hotspot centroids for low zoom', () => {
  it('adds one point per hotspot at its centroid, with the same properties, after the areas', () => {
    const map = hotspotsForMap(hotspots({ id: 'a', centroid: [-1.885, 52.4775] }), new Map([['a', 'grown']]));
    const { features } = withCentroids(map);
    expect(features.map((f) => f.geometry?.type)).toEqual(['Polygon', 'Point']);
    expect(features[1]).toMatchObject({
      id: 'a',
      geometry: { type: 'Point', coordinates: [-1.885, 52.4775] },
      properties: { id: 'a', trend: 'new', change: 'grown' },
    });
  });

  it('falls back to the centre of the area when the API sent no centroid, and skips a hotspot with neither', () => {
    const { features } = withCentroids(hotspotsForMap(hotspots({ id: 'a' }, { id: 'b', area: false })));
    const points = features.filter((f) => f.geometry?.type === 'Point');
    expect(points).toHaveLength(1);
    expect(points[0]?.id).toBe('a');
    const [longitude, latitude] = (points[0]?.geometry?.coordinates ?? []) as number[];
    expect(longitude).toBeCloseTo(-1.885, 9);
    expect(latitude).toBeCloseTo(52.4775, 9);
  });
});
