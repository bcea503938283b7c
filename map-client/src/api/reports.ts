import type { ApiClient } from './client';
import type { Feature, PointGeometry, ReportProperties } from './types';

/** One report as the caller's role may see it (masking happens in the API's SQL, never here). */
export function getReport(api: ApiClient, id: string, signal?: AbortSignal): Promise<Feature<PointGeometry, ReportProperties>> {
  return api.get(`/api/reports/${encodeURIComponent(id)}`, signal);
}
