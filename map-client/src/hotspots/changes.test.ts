import { describe, expect, it } from 'vitest';
import type { HotspotChange, HotspotChanges, HotspotCollection, HotspotProperties } from '../api/types';
import { boundsOf, changeCounts, classifyChanges, hotspotsForMap } from './changes';

function change(hotspotId: string, before: number | null, after: number | null): HotspotChange {
  return { hotspotId, areaSquareMetersBefore: before, areaSquareMetersAfter: after, weightedScoreBefore: before, weightedScoreAfter: after, trend: 'persistent' };
}

function changes(parts: Partial<HotspotChanges>): HotspotChanges {
  return { runId: 'r2', sinceRunId: 'r1', new: [], grown: [], shrunk: [], gone: [], unchanged: 0, ...parts };
}

function collection(...ids: string[]): HotspotCollection {
  return {
    type: 'FeatureCollection',
    features: ids.map((id) => ({ type: 'Feature', id, geometry: null, properties: { runId: 'r', weightedScore: 1 } as HotspotProperties })),
  };
}

describe('changes since a run', () => {
  const sample = changes({
    new: [change('a', null, 100)],
    grown: [change('b', 100, 200), change('c', 10, 50)],
    shrunk: [change('d', 100, 20)],
    gone: [change('e', 100, null)],
    unchanged: 4,
  });

  it('gives each changed hotspot the class of the list it is in', () => {
    expect(Object.fromEntries(classifyChanges(sample))).toEqual({ a: 'new', b: 'grown', c: 'grown', d: 'shrunk', e: 'gone' });
  });

  it('lets gone win should a hotspot ever be in two lists', () => {
    const both = changes({ new: [change('x', null, 1)], gone: [change('x', 1, null)] });
    expect(classifyChanges(both).get('x')).toBe('gone');
  });

  it('counts each class and the unchanged', () => {
    expect(changeCounts(sample)).toEqual({ new: 1, grown: 2, shrunk: 1, gone: 1, unchanged: 4 });
  });

  it('marks current hotspots with their class and draws gone ones from the earlier run only', () => {
    const classes = classifyChanges(sample);
    const drawn = hotspotsForMap(collection('a', 'b', 'z'), classes, collection('b', 'e', 'y'));
    expect(drawn.features.map((f) => [f.properties.id, f.properties.change])).toEqual([
      ['a', 'new'],
      ['b', 'grown'],
      ['z', null],
      ['e', 'gone'],
    ]);
  });

  it('copies the feature id into the properties for the map, with no change class when nothing is compared', () => {
    const drawn = hotspotsForMap(collection('h1'));
    expect(drawn.features[0]?.properties).toMatchObject({ id: 'h1', change: null, weightedScore: 1 });
  });
});

describe('bounds of hotspot areas', () => {
  it('spans every position of polygons and multipolygons, and is null for none', () => {
    const polygon = [[[-1.9, 52.48], [-1.88, 52.48], [-1.88, 52.5], [-1.9, 52.48]]];
    const multi = [polygon, [[[-1.95, 52.47], [-1.94, 52.47], [-1.94, 52.49], [-1.95, 52.47]]]];
    expect(boundsOf(polygon)).toEqual([[-1.9, 52.48], [-1.88, 52.5]]);
    expect(boundsOf(multi)).toEqual([[-1.95, 52.47], [-1.88, 52.5]]);
    expect(boundsOf([])).toBeNull();
    expect(boundsOf(null)).toBeNull();
  });
});
