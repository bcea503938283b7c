/** GeoJSON shapes the API sends (RFC 7946, longitude first, WGS84). */
export type Position = [number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}

export interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface Feature<G, P> {
  type: 'Feature';
  id: string;
  geometry: G | null;
  properties: P;
}

export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
  nextCursor?: string | null;
}

/** The report categories (Core ReportCategory codes). */
export const reportCategories = [
  'child_with_adults',
  'party_house',
  'vehicle_pick_up',
  'premises_concern',
  'missing_found_location',
  'location_concern',
  'other',
] as const;
export type ReportCategory = (typeof reportCategories)[number];

export interface ReportProperties {
  category: ReportCategory;
  narrative: string;
  occurredAt: string;
  recordedAt: string;
  locationPrecisionMeters: number;
  grading: string;
  historicGrading?: string | null;
}

export type ReportCollection = FeatureCollection<PointGeometry, ReportProperties>;

/** The hotspot trends (emerging hot spot analysis classes). */
export const hotspotTrends = ['new', 'intensifying', 'persistent', 'diminishing', 'historical'] as const;
export type HotspotTrend = (typeof hotspotTrends)[number];

/** The list contract of GET /api/hotspots. */
export interface HotspotProperties {
  id: string;
  trend: HotspotTrend;
  score: number;
  reportCount: number;
}

export type HotspotCollection = FeatureCollection<PolygonGeometry, HotspotProperties>;

/**
 * GET /api/hotspots/{id}: the list properties plus what the hotspot engine may add. Everything beyond the list
 * contract is optional so the panel shows what is there and says what is not.
 */
export interface HotspotDetail extends HotspotProperties {
  zScore?: number | null;
  pValue?: number | null;
  topCategories?: { category: string; count: number }[];
  premises?: { id: string; name: string }[];
  linkedVehicleCount?: number | null;
  linkedPersonCount?: number | null;
  firstSeenAt?: string | null;
  lastSeenAt?: string | null;
  history?: { runId: string; completedAt?: string; score: number; trend: HotspotTrend }[];
}

/** GET /api/client-config: what the app needs before it draws the map. */
export interface ClientConfig {
  basemapStyleUrl: string | null;
  region: { minLongitude: number; minLatitude: number; maxLongitude: number; maxLatitude: number };
}

export interface PremisesSummary {
  id: string;
  name: string;
  address?: string | null;
  postcode?: string | null;
  licenceNumber?: string | null;
}
