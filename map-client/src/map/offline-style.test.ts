import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../api/config';
import { trendColourExpression, trendColours } from '../hotspots/trend-style';
import { basemapStyle, offlineStyle } from './offline-style';

describe('basemap', () => {
  it('uses the offline style, which names no URL at all, when none is configured', () => {
    const style = basemapStyle(defaultConfig);
    expect(typeof style).toBe('object');
    expect(JSON.stringify(style)).not.toMatch(/https?:|glyphs|sprite/);
  });

  it('uses a configured style URL', () => {
    expect(basemapStyle({ ...defaultConfig, basemapStyleUrl: '/styles/local.json' })).toBe('/styles/local.json');
  });

  it('outlines the configured region', () => {
    const region = offlineStyle(defaultConfig.region).sources.region as { data: { geometry: { coordinates: number[][][] } } };
    expect(region.data.geometry.coordinates[0]?.[2]).toEqual([-1.2, 53.0]);
  });

  it('colours every trend and greys anything unknown', () => {
    const expression = trendColourExpression() as unknown[];
    expect(expression).toContain(trendColours.intensifying);
    expect(expression.at(-1)).toBe('#bdbdbd');
  });
});
