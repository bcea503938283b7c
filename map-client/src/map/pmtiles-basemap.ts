import * as maplibregl from 'maplibre-gl';
import type { StyleSpecification } from 'maplibre-gl';
import { FetchSource, PMTiles, Protocol, TileType } from 'pmtiles';

/** The vector layers a PMTiles archive's metadata lists (its TileJSON-like "vector_layers"). */
interface ArchiveMetadata {
  vector_layers?: { id: string }[];
}

let protocol: Protocol | null = null;

/**
 * Opens the partnership's PMTiles basemap (served by the API with range requests, so only the header, directories and
 * the tiles in view are fetched) and registers it with MapLibre's pmtiles:// protocol, sending the user's token.
 */
export async function openPmtilesBasemap(url: string, headers: Record<string, string>): Promise<StyleSpecification> {
  const absolute = new URL(url, location.href).href;
  const archive = new PMTiles(new FetchSource(absolute, new Headers(headers)));
  if (!protocol) {
    protocol = new Protocol();
    maplibregl.addProtocol('pmtiles', protocol.tile);
  }
  protocol.add(archive);
  const [header, metadata] = await Promise.all([archive.getHeader(), archive.getMetadata() as Promise<ArchiveMetadata>]);
  return pmtilesStyle(`pmtiles://${absolute}`, header.tileType, metadata, [header.minZoom, header.maxZoom]);
}

/**
 * A plain style for an archive whose schema the client cannot know in advance: raster tiles as they are, vector tiles
 * with every layer the archive lists drawn as grey lines (roads, boundaries and building outlines alike).
 */
export function pmtilesStyle(sourceUrl: string, tileType: TileType, metadata: ArchiveMetadata, [minzoom, maxzoom]: [number, number]): StyleSpecification {
  const background = { id: 'background', type: 'background', paint: { 'background-color': '#f8f9fa' } } as const;
  if (tileType !== TileType.Mvt) {
    return {
      version: 8,
      sources: { basemap: { type: 'raster', url: sourceUrl, tileSize: 256, minzoom, maxzoom } },
      layers: [background, { id: 'basemap-raster', type: 'raster', source: 'basemap' }],
    };
  }
  return {
    version: 8,
    sources: { basemap: { type: 'vector', url: sourceUrl, minzoom, maxzoom } },
    layers: [
      background,
      ...(metadata.vector_layers ?? []).map((layer) => ({
        id: `basemap-${layer.id}`,
        type: 'line' as const,
        source: 'basemap',
        'source-layer': layer.id,
        paint: { 'line-color': '#868e96', 'line-width': 0.8 },
      })),
    ],
  };
}
