import { query, type ApiClient } from './client';
import type { ReportCollection } from './types';

export interface ReportFilter {
  bbox: [number, number, number, number];
  from?: string | null;
  to?: string | null;
  category?: readonly string[];
  limit?: number;
}

/** Reports in a box as the caller's role may see them (masking happens in the API's SQL, never here). */
export function listReports(api: ApiClient, filter: ReportFilter, signal?: AbortSignal): Promise<ReportCollection> {
  return api.get<ReportCollection>(
    `/api/reports${query({
      bbox: filter.bbox.map((n) => n.toFixed(5)).join(','),
      from: filter.from,
      to: filter.to,
      category: filter.category,
      limit: filter.limit ?? 1000,
    })}`,
    signal,
  );
}
