import type { components } from './openapi';
import { query, type ApiClient } from './client';

type Schemas = components['schemas'];

/** GET /api/network (Api NetworkView): entities with their centrality and community, and the links among them. */
export type NetworkView = Schemas['NetworkView'];
export type NetworkNode = Schemas['NetworkNodeView'];
export type NetworkLink = Schemas['NetworkLinkView'];
export type NodeMetrics = Schemas['NodeMetrics'];
export type EntityKind = Schemas['EntityKind'];
export type LinkType = Schemas['LinkType'];
export type LinkDerivation = Schemas['LinkDerivation'];
/** GET /api/network/paths (Api PathsView). */
export type PathsView = Schemas['PathsView'];
export type NetworkPath = Schemas['NetworkPath'];
/** GET /api/network/evidence (Api LinkEvidenceView). */
export type LinkEvidence = Schemas['LinkEvidenceView'];
export type EvidenceReport = Schemas['EvidenceReport'];
/** GET /api/reports/{id}/named (Api ReportNamedEntities). */
export type ReportNamed = Schemas['ReportNamedEntities'];
export type NamedEntity = Schemas['NamedEntity'];
export type DisclosureRequest = Schemas['DisclosureRequest'];
/** GET /api/network/hotspot-connections (Api HotspotConnectionsView). */
export type HotspotConnections = Schemas['HotspotConnectionsView'];

/** The query parameters of a network question (the API's NetworkFilterParameters plus where to start and how far). */
export type NetworkParams = Record<string, string | number | readonly string[] | null>;

/** The header a read of person-level data carries (AuditLog.JustificationHeader): why the reader looks, kept in the audit log. */
export const justificationHeader = 'Justification';

const why = (justification: string): Record<string, string> => ({ [justificationHeader]: justification });

export function getNetwork(api: ApiClient, params: NetworkParams, justification: string, signal?: AbortSignal): Promise<NetworkView> {
  return api.get<NetworkView>(`/api/network${query(params)}`, signal, why(justification));
}

export function getPaths(api: ApiClient, params: NetworkParams, justification: string, signal?: AbortSignal): Promise<PathsView> {
  return api.get<PathsView>(`/api/network/paths${query(params)}`, signal, why(justification));
}

/** What a link rests on: a recorded link by its id, a derived one by its derivation and ends. */
export function getLinkEvidence(api: ApiClient, link: NetworkLink, justification: string, signal?: AbortSignal): Promise<LinkEvidence> {
  const params =
    link.derivation === 'recorded'
      ? { linkId: link.id }
      : { derivation: link.derivation, start: `${link.fromKind}:${link.from}`, end: `${link.toKind}:${link.to}` };
  return api.get<LinkEvidence>(`/api/network/evidence${query(params)}`, signal, why(justification));
}

export type ChartFormat = 'graphml' | 'csv' | 'anx';

/** Discloses the network a question gives as a chart file; the API logs it with its recipient and reason. */
export function exportNetwork(
  api: ApiClient,
  params: NetworkParams,
  format: ChartFormat,
  disclosure: DisclosureRequest,
  signal?: AbortSignal,
): Promise<{ content: Blob; fileName: string | null }> {
  return api.postForFile(`/api/network/exports${query({ ...params, format })}`, disclosure, signal);
}

/** What connects a premises to hotspots: for each, the shortest paths to the premises and places it holds. */
export function getHotspotConnections(
  api: ApiClient,
  premisesId: string,
  hotspotIds: readonly string[],
  justification: string,
  signal?: AbortSignal,
): Promise<HotspotConnections> {
  return api.get<HotspotConnections>(`/api/network/hotspot-connections${query({ premisesId, hotspotId: hotspotIds })}`, signal, why(justification));
}

/** What a report names as the reader may see it; persons only with a justification (analysts and supervisors). */
export function getReportNamed(api: ApiClient, reportId: string, justification: string | null, signal?: AbortSignal): Promise<ReportNamed> {
  return api.get<ReportNamed>(`/api/reports/${encodeURIComponent(reportId)}/named`, signal, justification ? why(justification) : {});
}
