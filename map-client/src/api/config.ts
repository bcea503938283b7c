import type { ApiClient } from './client';
import type { ClientConfig } from './types';

/** The partnership's region as the API ships it by default (appsettings.json), for servers without client-config. */
export const defaultConfig: ClientConfig = {
  basemapStyleUrl: null,
  basemapPmtilesUrl: null,
  region: { minLongitude: -3.2, minLatitude: 52.0, maxLongitude: -1.2, maxLatitude: 53.0 },
};

/** A basemap style from the build environment wins over none; the server's configuration wins over both. */
export async function loadClientConfig(api: ApiClient, buildStyleUrl?: string): Promise<ClientConfig> {
  const server = await api.getOrNull<ClientConfig>('/api/client-config');
  const config = server ?? defaultConfig;
  return { ...config, basemapStyleUrl: config.basemapStyleUrl ?? (buildStyleUrl || null) };
}
