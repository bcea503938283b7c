import { TileType } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { pmtilesStyle } from './pmtiles-basemap';

describe('PMTiles basemap', () => {
  it('draws every vector layer the archive lists from the pmtiles:// source', () => {
    const style = pmtilesStyle('pmtiles://http://x/basemap/basemap.pmtiles', TileType.Mvt, { vector_layers: [{ id: 'roads' }, { id: 'boundaries' }] }, [0, 14]);
    expect(style.sources.basemap).toMatchObject({ type: 'vector', url: 'pmtiles://http://x/basemap/basemap.pmtiles', maxzoom: 14 });
    expect(style.layers.map((layer) => ('source-layer' in layer ? layer['source-layer'] : null))).toEqual([null, 'roads', 'boundaries']);
  });

  it('draws a raster archive as raster tiles', () => {
    const style = pmtilesStyle('pmtiles://http://x/b.pmtiles', TileType.Png, {}, [0, 12]);
    expect(style.sources.basemap).toMatchObject({ type: 'raster' });
    expect(style.layers.at(-1)).toMatchObject({ type: 'raster' });
  });
});
