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

/**
 * The 3x5x2 grading codes as the API reads and writes them (Core SourceEvaluation, IntelligenceAssessment and
 * HandlingCode, spelled by EnumCodes from their JsonStringEnumMemberName).
 */
export const sourceEvaluations = ['1', '2', '3'] as const;
export type SourceEvaluation = (typeof sourceEvaluations)[number];

export const intelligenceAssessments = ['A', 'B', 'C', 'D', 'E'] as const;
export type IntelligenceAssessment = (typeof intelligenceAssessments)[number];

export const handlingCodes = ['P', 'C'] as const;
export type HandlingCode = (typeof handlingCodes)[number];

/** GET /api/agencies items (Api AgencyView): a partner agency that records and shares intelligence. */
export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: string;
}

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

/** The hotspot trends as the API writes them (Analysis HotspotTrend, snake_case codes). */
export const hotspotTrends = ['new', 'intensifying', 'persistent', 'diminishing', 'historical', 'sporadic'] as const;
export type HotspotTrend = (typeof hotspotTrends)[number];

/** How a run decides which cells are hot (Analysis HotspotMethod): Getis-Ord Gi*, kernel density, DBSCAN. */
export const hotspotMethods = ['excess', 'gistar', 'kde', 'dbscan'] as const;
export type HotspotMethod = (typeof hotspotMethods)[number];

/** Where a run is (Api HotspotRunStatus); succeeded, failed and skipped are final. */
export const hotspotRunStatuses = ['queued', 'running', 'succeeded', 'failed', 'skipped'] as const;
export type HotspotRunStatus = (typeof hotspotRunStatuses)[number];

/** What started a run (Api HotspotRunKind): the nightly schedule, new reports, or an analyst. */
export type HotspotRunKind = 'full' | 'incremental' | 'requested';

export interface CategoryCount {
  category: string;
  reports: number;
}

/**
 * GET /api/hotspots feature properties (Api HotspotProperties): area, size, score and trend as of `runId`; contents
 * as of the latest run that found the hotspot. Counts only, never who. The hotspot's id is the feature's id.
 */
export interface HotspotProperties {
  runId: string;
  method: HotspotMethod;
  areaSquareMeters: number;
  reportCount: number;
  weightedScore: number;
  zScore: number | null;
  pValue: number | null;
  confidencePercent: number | null;
  trend: HotspotTrend | null;
  topCategories: CategoryCount[];
  linkedVehicleCount: number;
  linkedPersonCount: number;
  /** [longitude, latitude]. */
  centroid: Position;
  firstSeenAt: string;
  lastSeenAt: string;
  firstReportAt: string | null;
  lastReportAt: string | null;
}

export type HotspotFeature = Feature<PolygonGeometry, HotspotProperties>;
export type HotspotCollection = FeatureCollection<PolygonGeometry, HotspotProperties>;

/** The hotspot as one run found it (Api HotspotHistoryView). */
export interface HotspotHistoryEntry {
  runId: string;
  runFinishedAt: string | null;
  areaSquareMeters: number;
  reportCount: number;
  weightedScore: number;
  zScore: number | null;
  confidencePercent: number | null;
  trend: HotspotTrend | null;
}

export interface NearbyPremises {
  id: string;
  name: string;
  premisesType: string;
}

export interface NearbyLocation {
  id: string;
  name: string;
  locationType: string;
}

export interface HotspotLineage {
  runId: string;
  kind: 'split' | 'merge';
  fromHotspotId: string;
  toHotspotId: string;
}

/** GET /api/hotspots/{id} properties (Api HotspotDetail): the latest state, history over runs (oldest first), contents. */
export interface HotspotDetail {
  latest: HotspotProperties;
  isCurrent: boolean;
  history: HotspotHistoryEntry[];
  premises: NearbyPremises[];
  locations: NearbyLocation[];
  lineage: HotspotLineage[];
}

export type HotspotDetailFeature = Feature<PolygonGeometry, HotspotDetail>;

/** A run's parameters (Analysis HotspotParameters); lengths in metres, durations in days. */
export interface HotspotParameters {
  method: HotspotMethod;
  cellSizeMeters: number;
  neighbourhoodRings: number;
  confidencePercent: number;
  bandwidthMeters: number;
  densityThresholdStandardDeviations: number;
  epsMeters: number;
  minPoints: number;
  halfLifeDays: number;
  minimumReports: number;
  minimumOverlapShare: number;
  trendBins: number;
  trendBinDays: number;
  nearbyMeters: number;
}

/** GET /api/hotspot-runs and /api/hotspot-runs/{id} (Api HotspotRunView). */
export interface HotspotRun {
  id: string;
  kind: HotspotRunKind;
  method: HotspotMethod;
  parameters: HotspotParameters;
  status: HotspotRunStatus;
  /** The date the run counts from: later reports are left out, trends end there. */
  asOf: string;
  /** What the analysis warned of (reports after the run date, trend bins without data). */
  warnings: HotspotRunWarning[];
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  dataWatermark: string | null;
  reportCount: number | null;
  hotspotCount: number | null;
  newCount: number | null;
  goneCount: number | null;
  /** When it became the published run every shared view reads; null for a trial. */
  publishedAt: string | null;
  publishedBy: string | null;
  error: string | null;
}

/** One page of a keyset-paginated list (Api Page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A warning on a run's analysis (Analysis HotspotWarning). */
export interface HotspotRunWarning {
  kind: 'reports_after_as_of' | 'trend_data_missing';
  message: string;
}

/** POST /api/hotspot-runs body (Api HotspotRunRequest): a method, a date and the parameters to change; the rest stay configured. */
export interface HotspotRunRequest {
  method?: HotspotMethod;
  /** ISO 8601 date or time, not after now; default now. */
  asOf?: string;
  parameters?: Partial<Omit<HotspotParameters, 'method'>>;
}

/** One hotspot's area and score in the earlier and later run, null where it was not found (Api HotspotChange). */
export interface HotspotChange {
  hotspotId: string;
  areaSquareMetersBefore: number | null;
  areaSquareMetersAfter: number | null;
  weightedScoreBefore: number | null;
  weightedScoreAfter: number | null;
  trend: HotspotTrend | null;
}

/** GET /api/hotspot-runs/{id}/changes (Api HotspotChanges): new, grown, shrunk (by more than 10% of area) and gone. */
export interface HotspotChanges {
  runId: string;
  sinceRunId: string | null;
  new: HotspotChange[];
  grown: HotspotChange[];
  shrunk: HotspotChange[];
  gone: HotspotChange[];
  unchanged: number;
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
