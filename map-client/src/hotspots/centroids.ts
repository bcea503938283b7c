import type { Feature, PointGeometry, PolygonGeometry, Position } from '../api/types';
import { boundsOf, type hotspotsForMap, type MapHotspotProperties } from './changes';

/**
 * From this zoom hotspots draw as their areas; below it (city-wide and wider) an area is a few pixels across, so each
 * hotspot draws as a circle at its centre instead, to stay visible and clickable.
 */
export const hotspotAreasFromZoom = 12;

type MapHotspots = ReturnType<typeof hotspotsForMap>;
export type MapHotspotFeature = Feature<PolygonGeometry | PointGeometry, MapHotspotProperties>;

/**
 * The map's hotspot areas followed by one point per hotspot with the same properties, for the low-zoom circles: one
 * source holds both, told apart by geometry type. The point is the API's centroid (PostGIS ST_Centroid of the area);
 * a hotspot sent without one gets the centre of its area's bounding box, and one with neither gets no point.
 */
export function withCentroids(hotspots: MapHotspots): { type: 'FeatureCollection'; features: MapHotspotFeature[] } {
  const points: MapHotspotFeature[] = [];
  for (const feature of hotspots.features) {
    const centre = validPosition(feature.properties.centroid) ?? boxCentre(feature.geometry?.coordinates);
    if (centre) points.push({ type: 'Feature', id: feature.id, geometry: { type: 'Point', coordinates: centre }, properties: feature.properties });
  }
  return { type: 'FeatureCollection', features: [...hotspots.features, ...points] };
}

function validPosition(value: unknown): Position | null {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]) ? [value[0] as number, value[1] as number] : null;
}

function boxCentre(coordinates: unknown): Position | null {
  const box = boundsOf(coordinates);
  return box ? [(box[0][0] + box[1][0]) / 2, (box[0][1] + box[1][1]) / 2] : null;
}
