import type { ApiClient } from './client';
import type { Agency } from './types';

/** The partner agencies, by code: every signed-in role may read them (they name no record). */
export function listAgencies(api: ApiClient, signal?: AbortSignal): Promise<Agency[]> {
  return api.get<Agency[]>('/api/agencies', signal);
}
