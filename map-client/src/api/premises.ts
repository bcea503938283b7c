import { query, type ApiClient } from './client';
import type { FeatureCollection, PremisesSummary } from './types';

/** A premises search: the matches, or that this server has no premises search yet. */
export type PremisesSearch = { available: true; premises: PremisesSummary[] } | { available: false };

export async function searchPremises(api: ApiClient, text: string, signal?: AbortSignal): Promise<PremisesSearch> {
  const body = await api.getOrNull<unknown>(`/api/premises${query({ q: text })}`, signal);
  return body === null ? { available: false } : { available: true, premises: readPremises(body) };
}

/** The list may come as a GeoJSON FeatureCollection or a page of items; both become summaries. */
export function readPremises(body: unknown): PremisesSummary[] {
  const record = (body ?? {}) as Record<string, unknown>;
  if (record.type === 'FeatureCollection') {
    const collection = record as unknown as FeatureCollection<unknown, Omit<PremisesSummary, 'id'>>;
    return collection.features.map((feature) => ({ ...feature.properties, id: feature.id }));
  }
  return Array.isArray(record.items) ? (record.items as PremisesSummary[]) : [];
}
