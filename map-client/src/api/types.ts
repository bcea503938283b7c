import type { components } from './openapi';

/**
 * The API's records as the client uses them: every record type is the one generated from the API's OpenAPI document
 * (openapi.d.ts, by openapi-typescript from openapi/hotspotintel.json; `npm run api:types`), so a change to the API that
 * the client does not follow fails to compile. The code lists the UI offers are checked against the generated enums.
 */
type Schemas = components['schemas'];

/**
 * A list of every code of `All`, in the order given: a code the API adds and the list lacks fails to compile (its type
 * then asks for a `missing` member naming it), so the choices the UI offers follow the API's enums.
 */
function codesOf<All extends string>() {
  return <const Listed extends readonly All[]>(
    listed: Listed & ([Exclude<All, Listed[number]>] extends [never] ? unknown : { missing: Exclude<All, Listed[number]> }),
  ): Listed => listed;
}

/**
 * GeoJSON shapes the API sends (RFC 7946, longitude first, WGS84): the envelope is generic here, where the document
 * spells one schema per record type; the records inside are the generated ones.
 */
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
export const reportCategories = codesOf<Schemas['ReportCategory']>()([
  'child_with_adults',
  'party_house',
  'vehicle_pick_up',
  'premises_concern',
  'missing_found_location',
  'location_concern',
  'other',
]);
export type ReportCategory = Schemas['ReportCategory'];

/**
 * The 3x5x2 grading codes as the API reads and writes them (Core SourceEvaluation, IntelligenceAssessment and
 * HandlingCode, spelled by EnumCodes from their JsonStringEnumMemberName).
 */
export const sourceEvaluations = codesOf<Schemas['SourceEvaluation']>()(['1', '2', '3']);
export type SourceEvaluation = Schemas['SourceEvaluation'];

export const intelligenceAssessments = codesOf<Schemas['IntelligenceAssessment']>()(['A', 'B', 'C', 'D', 'E']);
export type IntelligenceAssessment = Schemas['IntelligenceAssessment'];

export const handlingCodes = codesOf<Schemas['HandlingCode']>()(['P', 'C']);
export type HandlingCode = Schemas['HandlingCode'];

/** The recorded link types (Core LinkType) and the derived links' kinds (Core LinkDerivation), as the network filters them. */
export const linkTypes = codesOf<Schemas['LinkType']>()([
  'associate',
  'family',
  'relationship',
  'owner_or_licence_holder',
  'employee',
  'resident',
  'driver',
  'frequents',
  'operates_from',
  'seen_with',
  'uses',
]);
export const derivedLinkKinds = ['co_occurrence', 'co_location'] as const satisfies readonly Exclude<Schemas['LinkDerivation'], 'recorded'>[];
/** What the network's link-type filter names: a recorded type or a derived kind. */
export type LinkTypeFilter = Schemas['LinkType'] | (typeof derivedLinkKinds)[number];
export const linkTypeFilters: readonly LinkTypeFilter[] = [...linkTypes, ...derivedLinkKinds];

/** GET /api/agencies items: a partner agency that records and shares intelligence. */
export type Agency = Schemas['AgencyView'];

export type ReportProperties = Schemas['ReportProperties'];

export type PremisesProperties = Schemas['PremisesProperties'];

export type ReportCollection = FeatureCollection<PointGeometry, ReportProperties>;

/** The hotspot trends as the API writes them (Analysis HotspotTrend, snake_case codes). */
export const hotspotTrends = codesOf<Schemas['HotspotTrend']>()(['new', 'intensifying', 'persistent', 'diminishing', 'historical', 'sporadic']);
export type HotspotTrend = Schemas['HotspotTrend'];

/** How a run decides which cells are hot (Analysis HotspotMethod): Getis-Ord Gi*, kernel density, DBSCAN, local excess. */
export const hotspotMethods = codesOf<Schemas['HotspotMethod']>()(['gistar', 'kde', 'dbscan', 'excess']);
export type HotspotMethod = Schemas['HotspotMethod'];

/** Where a run is (Api HotspotRunStatus); succeeded, failed and skipped are final. */
export const hotspotRunStatuses = codesOf<Schemas['HotspotRunStatus']>()(['queued', 'running', 'succeeded', 'failed', 'skipped']);
export type HotspotRunStatus = Schemas['HotspotRunStatus'];

/** What started a run (Api HotspotRunKind): the nightly schedule, new reports, or an analyst. */
export type HotspotRunKind = Schemas['HotspotRunKind'];

export type CategoryCount = Schemas['CategoryCount'];

/**
 * GET /api/hotspots feature properties (Api HotspotProperties): area, size, score and trend as of `runId`; contents
 * as of the latest run that found the hotspot. Counts only, never who. The hotspot's id is the feature's id.
 */
export type HotspotProperties = Schemas['HotspotProperties'];

export type HotspotFeature = Feature<PolygonGeometry, HotspotProperties>;
export type HotspotCollection = FeatureCollection<PolygonGeometry, HotspotProperties>;

/** The hotspot as one run found it (Api HotspotHistoryView). */
export type HotspotHistoryEntry = Schemas['HotspotHistoryView'];

export type NearbyPremises = Schemas['NearbyPremises'];

export type NearbyLocation = Schemas['NearbyLocation'];

export type HotspotLineage = Schemas['HotspotLineageView'];

/** GET /api/hotspots/{id} properties (Api HotspotDetail): the latest state, history over runs (oldest first), contents. */
export type HotspotDetail = Schemas['HotspotDetail'];

export type HotspotDetailFeature = Feature<PolygonGeometry, HotspotDetail>;

/** A run's parameters (Analysis HotspotParameters); lengths in metres, durations in days. */
export type HotspotParameters = Schemas['HotspotParameters'];

/** GET /api/hotspot-runs and /api/hotspot-runs/{id} (Api HotspotRunView). */
export type HotspotRun = Schemas['HotspotRunView'];

/** One page of a keyset-paginated list (Api Page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** POST /api/hotspot-runs body (Api HotspotRunRequest): a method and the parameters to change; the rest stay configured. */
export type HotspotRunRequest = Schemas['HotspotRunRequest'];

/** One hotspot's area and score in the earlier and later run, null where it was not found (Api HotspotChange). */
export type HotspotChange = Schemas['HotspotChange'];

/** GET /api/hotspot-runs/{id}/changes (Api HotspotChanges): new, grown, shrunk (by more than 10% of area) and gone. */
export type HotspotChanges = Schemas['HotspotChanges'];

/** GET /api/client-config: what the app needs before it draws the map. */
export type ClientConfig = Schemas['ClientConfig'];

/** A premises as search results list it: its id and what identifies it. */
export type PremisesSummary = { id: string } & Pick<Schemas['PremisesProperties'], 'name'> &
  Partial<Pick<Schemas['PremisesProperties'], 'address' | 'postcode' | 'licenceNumber'>>;

/** A risk indicator on the partnership's list (screening flags reports record): data, not a code list, so read at run time. */
export type RiskIndicator = Schemas['RiskIndicatorView'];

/** Reports that record one risk indicator; `reports` is null when withheld for being small. */
export type IndicatorCount = Schemas['IndicatorCount'];

export type HotspotIndicatorCounts = Schemas['HotspotIndicatorCounts'];

/** The body of POST /api/reports. */
export type ReportRequest = Schemas['ReportRequest'];
export type SecurityMarking = Schemas['SecurityMarking'];
export type LawfulBasis = Schemas['LawfulBasis'];
