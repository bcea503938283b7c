import { query, type ApiClient } from './client';
import type {
  HotspotChanges,
  HotspotCollection,
  HotspotDetailFeature,
  HotspotRun,
  HotspotRunRequest,
  HotspotTrend,
  Page,
} from './types';

/** The filters GET /api/hotspots takes: trends, smallest weighted score, a box that hotspots intersect, and a run. */
export interface HotspotFilter {
  trend?: readonly HotspotTrend[] | readonly string[];
  minScore?: number | null;
  /** [minLongitude, minLatitude, maxLongitude, maxLatitude] in WGS84 degrees. */
  bbox?: readonly [number, number, number, number] | null;
  /** The run whose hotspots to list; the latest succeeded run when absent. */
  runId?: string | null;
}

/** What the hotspot layer shows: the hotspots, or that the engine is not available on this server. */
export type HotspotListing = { available: true; hotspots: HotspotCollection } | { available: false };

export async function listHotspots(api: ApiClient, filter: HotspotFilter, signal?: AbortSignal): Promise<HotspotListing> {
  const hotspots = await api.getOrNull<HotspotCollection>(`/api/hotspots${hotspotQuery(filter)}`, signal);
  return hotspots ? { available: true, hotspots } : { available: false };
}

/** The query string of a hotspot filter: repeated trends, `bbox=minLon,minLat,maxLon,maxLat`, `runId`. */
export function hotspotQuery(filter: HotspotFilter): string {
  return query({
    trend: filter.trend,
    minScore: filter.minScore,
    bbox: filter.bbox ? filter.bbox.map((value) => Number(value.toFixed(6))).join(',') : null,
    runId: filter.runId,
  });
}

/** One hotspot as a GeoJSON Feature with its history and contents; null when it does not exist or is not visible. */
export async function getHotspot(api: ApiClient, id: string, signal?: AbortSignal): Promise<HotspotDetailFeature | null> {
  const body = await api.getOrNull<unknown>(`/api/hotspots/${encodeURIComponent(id)}`, signal);
  return body === null ? null : readHotspotDetail(body);
}

/** Checks the shape GET /api/hotspots/{id} sends, so a contract change fails loudly here rather than as blanks in the panel. */
export function readHotspotDetail(body: unknown): HotspotDetailFeature {
  const record = (body ?? {}) as Record<string, unknown>;
  const properties = record.properties as Record<string, unknown> | null | undefined;
  if (record.type !== 'Feature' || typeof record.id !== 'string' || !properties || typeof properties.latest !== 'object') {
    throw new Error('The hotspot the server sent is not a GeoJSON Feature with its latest state.');
  }
  const feature = body as HotspotDetailFeature;
  // Oldest run first, whatever order arrives: the trend chart reads left to right.
  const history = [...(feature.properties.history ?? [])].sort(byFinishedAt);
  return {
    ...feature,
    properties: {
      ...feature.properties,
      history,
      premises: feature.properties.premises ?? [],
      locations: feature.properties.locations ?? [],
      lineage: feature.properties.lineage ?? [],
    },
  };
}

function byFinishedAt(a: { runFinishedAt: string | null }, b: { runFinishedAt: string | null }): number {
  // A run without a finish time (not expected for a hotspot's history) goes last rather than breaking the order.
  const at = (value: string | null) => (value === null ? Number.POSITIVE_INFINITY : Date.parse(value));
  return at(a.runFinishedAt) - at(b.runFinishedAt);
}

/** Hotspot runs, newest first. */
export function listRuns(api: ApiClient, limit = 50, signal?: AbortSignal): Promise<Page<HotspotRun>> {
  return api.get<Page<HotspotRun>>(`/api/hotspot-runs${query({ limit })}`, signal);
}

export function getRun(api: ApiClient, id: string, signal?: AbortSignal): Promise<HotspotRun> {
  return api.get<HotspotRun>(`/api/hotspot-runs/${encodeURIComponent(id)}`, signal);
}

/** Starts a run (202): the queued run and where to poll it (the Location header, else the run's own address). */
export async function startRun(
  api: ApiClient,
  request: HotspotRunRequest,
  signal?: AbortSignal,
): Promise<{ run: HotspotRun; location: string }> {
  const { body, location } = await api.postAccepted<HotspotRun>('/api/hotspot-runs', request, signal);
  return { run: body, location: location ?? `/api/hotspot-runs/${encodeURIComponent(body.id)}` };
}

/** Publishes a succeeded trial run (analysts and supervisors): every shared view then reads it. */
export function publishRun(api: ApiClient, id: string, signal?: AbortSignal): Promise<HotspotRun> {
  return api.post<HotspotRun>(`/api/hotspot-runs/${encodeURIComponent(id)}/publication`, {}, signal);
}

/** What changed between `since` (default: the succeeded run before) and run `id`. */
export function getChanges(api: ApiClient, id: string, since?: string | null, signal?: AbortSignal): Promise<HotspotChanges> {
  return api.get<HotspotChanges>(`/api/hotspot-runs/${encodeURIComponent(id)}/changes${query({ since })}`, signal);
}
