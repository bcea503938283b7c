import { query, type ApiClient } from './client';
import type { HotspotCollection, HotspotDetail } from './types';

/** The hotspot filters the tasking view offers. */
export interface HotspotFilter {
  trend?: readonly string[];
  minScore?: number | null;
}

/** What the hotspot layer shows: the hotspots, or that the engine is not available on this server. */
export type HotspotListing = { available: true; hotspots: HotspotCollection } | { available: false };

export async function listHotspots(api: ApiClient, filter: HotspotFilter, signal?: AbortSignal): Promise<HotspotListing> {
  const hotspots = await api.getOrNull<HotspotCollection>(
    `/api/hotspots${query({ trend: filter.trend, minScore: filter.minScore })}`,
    signal,
  );
  return hotspots ? { available: true, hotspots } : { available: false };
}

/** One hotspot; the API may send a GeoJSON Feature or a plain object, so both are read into the same shape. */
export async function getHotspot(api: ApiClient, id: string, signal?: AbortSignal): Promise<HotspotDetail | null> {
  const body = await api.getOrNull<unknown>(`/api/hotspots/${encodeURIComponent(id)}`, signal);
  return body === null ? null : readHotspotDetail(body, id);
}

export function readHotspotDetail(body: unknown, id: string): HotspotDetail {
  const record = (body ?? {}) as Record<string, unknown>;
  const properties =
    record.type === 'Feature' && typeof record.properties === 'object' && record.properties !== null
      ? (record.properties as Record<string, unknown>)
      : record;
  return { ...(properties as unknown as HotspotDetail), id: String(properties.id ?? record.id ?? id) };
}
