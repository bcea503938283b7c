import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap, GeoJSONSource, LngLatBounds } from 'maplibre-gl';
import { element } from '../ui/dom';
import { basemapSourceId, streetLayerId } from './offline-style';

/** One feature of GET /api/basemap. */
export interface BasemapFeature {
  type: 'Feature';
  properties: { layer: 'street' | 'ward' | 'place'; kind: string; name: string };
  geometry: { type: string; coordinates: unknown };
}

export interface BasemapCollection {
  type: 'FeatureCollection';
  features: BasemapFeature[];
}

/** Street names from this zoom, where a street is long enough on screen to carry its name. */
export const streetLabelMinZoom = 14;
const maxStreetLabels = 60;

/**
 * The offline basemap's names as HTML labels, so it needs no font server: place names always, and the names of the
 * streets drawn in view from zoom 14, each at the middle of the part of its street that is on screen, turned along it.
 */
export class BasemapLabels {
  private streetMarkers: maplibregl.Marker[] = [];

  constructor(
    private readonly map: MapLibreMap,
    basemap: BasemapCollection,
  ) {
    (map.getSource(basemapSourceId) as GeoJSONSource | undefined)?.setData(basemap as Parameters<GeoJSONSource['setData']>[0]);
    for (const place of basemap.features.filter((feature) => feature.properties.layer === 'place')) {
      new maplibregl.Marker({ element: element('span', { class: 'place-label', 'aria-hidden': 'true' }, place.properties.name) })
        .setLngLat(place.geometry.coordinates as [number, number])
        .addTo(map);
    }
    map.on('idle', () => this.labelStreets());
    map.on('movestart', () => this.clearStreets());
  }

  private clearStreets(): void {
    for (const marker of this.streetMarkers) marker.remove();
    this.streetMarkers = [];
  }

  private labelStreets(): void {
    if (this.streetMarkers.length > 0 || this.map.getZoom() < streetLabelMinZoom || !this.map.getLayer(streetLayerId)) return;
    const bounds = this.map.getBounds();
    const named = new Set<string>();
    for (const feature of this.map.queryRenderedFeatures({ layers: [streetLayerId] })) {
      const name = String(feature.properties.name);
      if (named.has(name) || feature.geometry.type !== 'LineString') continue;
      const [from, to] = feature.geometry.coordinates as [number, number][];
      const visible = from && to ? clipToBounds(from, to, bounds) : null;
      if (!visible) continue;
      named.add(name);
      const [a, b] = visible.map((point) => this.map.project(point));
      const degrees = (Math.atan2(b!.y - a!.y, b!.x - a!.x) * 180) / Math.PI;
      // Text reads left to right or bottom to top, never upside down.
      const rotation = degrees > 90 ? degrees - 180 : degrees < -90 ? degrees + 180 : degrees;
      const middle: [number, number] = [(visible[0][0] + visible[1][0]) / 2, (visible[0][1] + visible[1][1]) / 2];
      this.streetMarkers.push(
        new maplibregl.Marker({ element: element('span', { class: 'street-label', 'aria-hidden': 'true' }, name), rotation, rotationAlignment: 'viewport' })
          .setLngLat(middle)
          .addTo(this.map),
      );
      if (this.streetMarkers.length >= maxStreetLabels) break;
    }
  }
}

/** The part of the straight segment from→to inside the bounds (Liang–Barsky), or null when none of it is. */
export function clipToBounds(from: [number, number], to: [number, number], bounds: LngLatBounds): [[number, number], [number, number]] | null {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  let [enter, leave] = [0, 1];
  const edges: [number, number][] = [
    [-dx, from[0] - bounds.getWest()],
    [dx, bounds.getEast() - from[0]],
    [-dy, from[1] - bounds.getSouth()],
    [dy, bounds.getNorth() - from[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
  }
  if (enter > leave) return null;
  return [
    [from[0] + enter * dx, from[1] + enter * dy],
    [from[0] + leave * dx, from[1] + leave * dy],
  ];
}
