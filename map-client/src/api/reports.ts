import type { ApiClient } from './client';
import type { Feature, PointGeometry, ReportProperties, ReportRequest } from './types';

/** One report as the caller's role may see it (masking happens in the API's SQL, never here). */
export function getReport(api: ApiClient, id: string, signal?: AbortSignal): Promise<Feature<PointGeometry, ReportProperties>> {
  return api.get(`/api/reports/${encodeURIComponent(id)}`, signal);
}

/** Records a report for the caller's agency; the idempotency key makes a retried submit record it once. */
export function createReport(api: ApiClient, request: ReportRequest, idempotencyKey: string, signal?: AbortSignal): Promise<Feature<PointGeometry, ReportProperties>> {
  return api.post<Feature<PointGeometry, ReportProperties>>('/api/reports', request, signal, { 'Idempotency-Key': idempotencyKey });
}
