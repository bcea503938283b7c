import { LngLatBounds } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../api/config';
import { clipToBounds } from './basemap-labels';
import { basemapSourceId, offlineStyle, streetLayerId, wardLayerId } from './offline-style';

describe('offline basemap', () => {
  it('draws the streets and ward boundaries of the basemap source', () => {
    const style = offlineStyle(defaultConfig.region);
    expect(style.sources[basemapSourceId]).toMatchObject({ type: 'geojson' });
    const drawn = style.layers.filter((layer) => 'source' in layer && layer.source === basemapSourceId).map((layer) => layer.id);
    expect(drawn).toEqual(expect.arrayContaining([streetLayerId, wardLayerId]));
  });

  it('labels a street at the part of it in view', () => {
    const bounds = new LngLatBounds([0, 0], [10, 10]);
    expect(clipToBounds([-5, 5], [15, 5], bounds)).toEqual([[0, 5], [10, 5]]);
    expect(clipToBounds([2, 2], [4, 4], bounds)).toEqual([[2, 2], [4, 4]]);
  });

  it('labels no street that is out of view', () => {
    expect(clipToBounds([-5, 12], [15, 12], new LngLatBounds([0, 0], [10, 10]))).toBeNull();
  });
});
