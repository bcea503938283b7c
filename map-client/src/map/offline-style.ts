import type { StyleSpecification } from 'maplibre-gl';
import type { ClientConfig } from '../api/types';

/**
 * The basemap used when no style URL is configured: a plain background and the partnership's region from the API's
 * configuration. It names no glyph or sprite URL, so drawing it requests nothing from outside the app's origin;
 * labels are HTML markers from local data (see place-labels.ts).
 */
export function offlineStyle(region: ClientConfig['region']): StyleSpecification {
  const { minLongitude: w, minLatitude: s, maxLongitude: e, maxLatitude: n } = region;
  return {
    version: 8,
    sources: {
      region: {
        type: 'geojson',
        data: {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
        },
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } },
      { id: 'region-fill', type: 'fill', source: 'region', paint: { 'fill-color': '#f8f9fa' } },
      { id: 'region-outline', type: 'line', source: 'region', paint: { 'line-color': '#6c757d', 'line-width': 1.5 } },
    ],
  };
}

/** The style to load: the configured URL only when it is same-origin or explicitly configured; otherwise offline. */
export function basemapStyle(config: ClientConfig): string | StyleSpecification {
  return config.basemapStyleUrl ?? offlineStyle(config.region);
}
