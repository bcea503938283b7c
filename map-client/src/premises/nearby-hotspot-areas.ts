import { listHotspots } from '../api/hotspots';
import type { ApiClient } from '../api/client';
import type { NearbyHotspot } from '../api/premises-check-types';
import type { HotspotCollection, Position } from '../api/types';

// Metres in a degree of latitude (WGS84 mean); a degree of longitude is this times cos(latitude).
const metersPerDegreeLatitude = 111_320;

/**
 * The box [minLon, minLat, maxLon, maxLat] around a point that holds the circle of `radiusMeters` about it, with 10%
 * to spare for the difference between this spherical estimate and the API's metric (British National Grid) distance.
 */
export function boxAround([longitude, latitude]: Position, radiusMeters: number): [number, number, number, number] {
  const latitudeDegrees = (radiusMeters * 1.1) / metersPerDegreeLatitude;
  const longitudeDegrees = latitudeDegrees / Math.cos((latitude * Math.PI) / 180);
  return [longitude - longitudeDegrees, latitude - latitudeDegrees, longitude + longitudeDegrees, latitude + latitudeDegrees];
}

/**
 * The areas of a premises' nearby hotspots, to outline on its map: the current hotspots intersecting the box around
 * it (a hotspot within the radius must reach into it), kept to those the premises check listed.
 */
export async function nearbyHotspotAreas(
  api: ApiClient,
  location: Position,
  nearby: readonly NearbyHotspot[],
  radiusMeters: number,
  signal?: AbortSignal,
): Promise<HotspotCollection> {
  const empty: HotspotCollection = { type: 'FeatureCollection', features: [] };
  if (nearby.length === 0) return empty;
  const listing = await listHotspots(api, { bbox: boxAround(location, radiusMeters) }, signal);
  if (!listing.available) return empty;
  const ids = new Set(nearby.map((hotspot) => hotspot.hotspotId));
  return { ...listing.hotspots, features: listing.hotspots.features.filter((feature) => ids.has(feature.id)) };
}
