import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { ClientConfig } from '../api/types';

/** The source the offline style draws the basemap's own geography from; the app fills it from GET /api/basemap. */
export const basemapSourceId = 'basemap';
export const streetLayerId = 'basemap-streets';
export const wardLayerId = 'basemap-wards';

const isLayer = (layer: string): ExpressionSpecification => ['==', ['get', 'layer'], layer];
const byKind = (highStreet: number | string, mainRoad: number | string, sideStreet: number | string): ExpressionSpecification =>
  ['match', ['get', 'kind'], 'high_street', highStreet, 'main_road', mainRoad, sideStreet];

/**
 * The basemap used when no style URL is configured: a plain background, the partnership's region from the API's
 * configuration, and the partnership's own streets and ward boundaries (the demo city's, from the API). It names no
 * glyph or sprite URL, so drawing it requests nothing from outside the app's origin; street, ward and place names
 * are HTML labels (see basemap-labels.ts).
 */
export function offlineStyle(region: ClientConfig['region']): StyleSpecification {
  const { minLongitude: w, minLatitude: s, maxLongitude: e, maxLatitude: n } = region;
  // Side streets only from zoom 13, where they are far enough apart to read; roads widen as the map zooms in.
  const width = (base: number): ExpressionSpecification =>
    ['interpolate', ['exponential', 1.6], ['zoom'], 11, ['*', base, byKind(1.6, 1, 0.4)], 17, ['*', base * 8, byKind(1.6, 1.2, 0.8)]];
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
      [basemapSourceId]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } },
      { id: 'region-fill', type: 'fill', source: 'region', paint: { 'fill-color': '#f8f9fa' } },
      {
        id: 'basemap-street-casing', type: 'line', source: basemapSourceId, filter: isLayer('street'),
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': '#adb5bd', 'line-width': width(1.6), 'line-opacity': ['step', ['zoom'], byKind(1, 1, 0), 13, 1] },
      },
      {
        id: streetLayerId, type: 'line', source: basemapSourceId, filter: isLayer('street'),
        layout: { 'line-cap': 'round' },
        paint: {
          'line-color': byKind('#ffe8a1', '#ffffff', '#ffffff'),
          'line-width': width(1.1),
          'line-opacity': ['step', ['zoom'], byKind(1, 1, 0), 13, 1],
        },
      },
      {
        id: wardLayerId, type: 'line', source: basemapSourceId, filter: isLayer('ward'),
        paint: { 'line-color': '#7950f2', 'line-width': 1.2, 'line-dasharray': [3, 2], 'line-opacity': 0.7 },
      },
      { id: 'region-outline', type: 'line', source: 'region', paint: { 'line-color': '#6c757d', 'line-width': 1.5 } },
    ],
  };
}

/** The style to load: the configured URL only when it is same-origin or explicitly configured; otherwise offline. */
export function basemapStyle(config: ClientConfig): string | StyleSpecification {
  return config.basemapStyleUrl ?? offlineStyle(config.region);
}
