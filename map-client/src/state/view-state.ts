import type { Role } from '../auth/session';
import {
  handlingCodes,
  hotspotTrends,
  intelligenceAssessments,
  linkTypeFilters,
  reportCategories,
  sourceEvaluations,
  type HandlingCode,
  type HotspotTrend,
  type IntelligenceAssessment,
  type LinkTypeFilter,
  type ReportCategory,
  type SourceEvaluation,
} from '../api/types';

/**
 * The app's views: tasking (hotspots), analyst (report points), the licensing premises check, the action board (with
 * an action's page and the new-action form), the network of persons, premises, vehicles and places (link analysis),
 * panels (MACE, CMOG, perpetrator forums: a panel's list and meetings), and the supervisor's review worklist and audit
 * log search.
 */
export const views = ['tasking', 'analyst', 'premises', 'actions', 'network', 'panels', 'reviews', 'audit'] as const;
export type View = (typeof views)[number];

/** Everything the URL holds, so a link or a reload opens the same view. */
export interface ViewState {
  view: View;
  zoom: number | null;
  longitude: number | null;
  latitude: number | null;
  from: string | null;
  to: string | null;
  categories: ReportCategory[];
  /** Risk indicator codes: reports that record any of them; empty means no indicator filter. */
  indicators: string[];
  /** Report grading filters (3x5x2): empty means every code. */
  sourceEvaluations: SourceEvaluation[];
  intelligenceAssessments: IntelligenceAssessment[];
  handlingCodes: HandlingCode[];
  /** The recording agency whose reports to draw; null: every agency. */
  agencyId: string | null;
  trends: HotspotTrend[];
  /** Smallest weighted score of the hotspots to list. */
  minScore: number | null;
  /** The succeeded hotspot run whose hotspots the tasking view shows; null: the latest. */
  runId: string | null;
  hotspot: string | null;
  /** The earlier hotspot run the tasking view compares the latest with ("changed since run X"). */
  since: string | null;
  q: string | null;
  /** The premises open in the premises check (its id). */
  premises: string | null;
  /** The vehicle open in the premises check (its id). */
  vehicle: string | null;
  /** The named place open in the premises check (its id). */
  place: string | null;
  /** The disruption action open on the action board (its id), or "new" for the new-action form. */
  action: string | null;
  /** What a new action is against, as "kind:id" (hotspot, premises, vehicle, location or person). */
  target: string | null;
  /** The panel open on the panels page (its id). */
  panel: string | null;
  /** Action board filters: statuses (empty: every one), owner agency, only overdue, and the column sorted by. */
  actionStatuses: ActionStatus[];
  ownerAgencyId: string | null;
  overdue: boolean;
  sort: BoardSort | null;
  /** Audit search filters (the time window is from/to): the user who acted, the record, the kinds of action. */
  auditUser: string | null;
  auditEntity: string | null;
  auditActions: AuditAction[];
  /** Where the network starts, as "kind:id" (person, premises, vehicle, location, phone_number, online_identifier, report or hotspot); expanding a node adds it. */
  networkStarts: string[];
  /** How many links out from the starts the network reaches (1 to 3); null: 1. */
  hops: number | null;
  /** The most entities the network shows (1 to 2000); null: the default, 500. */
  nodeLimit: number | null;
  /** The agencies whose links (recorded by them, or derived from their reports) the network follows; empty: every agency's the user may see. */
  linkAgencies: string[];
  /** The link types the network follows; empty: every type. The time window is from/to. */
  linkTypes: LinkTypeFilter[];
  /** The weakest grading of a link the network follows; null: any, ungraded too. */
  minSourceEvaluation: SourceEvaluation | null;
  minIntelligenceAssessment: IntelligenceAssessment | null;
  /** The centrality measure that sizes the network's nodes; null: degree. */
  centrality: Centrality | null;
}

export const centralities = ['degree', 'betweenness', 'eigenvector'] as const;
/** The network's node limit: the API's default and its largest (NetworkApi.DefaultNodeLimit, MaxNodeLimit). */
export const defaultNodeLimit = 500;
export const maxNodeLimit = 2000;
export type Centrality = (typeof centralities)[number];

export const actionStatuses = ['proposed', 'agreed', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const auditActions = ['collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure'] as const;
export type AuditAction = (typeof auditActions)[number];
/** The board's sortable columns; a leading "-" sorts descending. */
export const boardSorts = ['status', '-status', 'owner', '-owner', 'due', '-due'] as const;
export type BoardSort = (typeof boardSorts)[number];

export const emptyState: ViewState = {
  view: 'tasking',
  zoom: null,
  longitude: null,
  latitude: null,
  from: null,
  to: null,
  categories: [],
  indicators: [],
  sourceEvaluations: [],
  intelligenceAssessments: [],
  handlingCodes: [],
  agencyId: null,
  trends: [],
  minScore: null,
  runId: null,
  hotspot: null,
  since: null,
  q: null,
  premises: null,
  vehicle: null,
  place: null,
  action: null,
  target: null,
  panel: null,
  actionStatuses: [],
  ownerAgencyId: null,
  overdue: false,
  sort: null,
  auditUser: null,
  auditEntity: null,
  auditActions: [],
  networkStarts: [],
  hops: null,
  nodeLimit: null,
  linkAgencies: [],
  linkTypes: [],
  minSourceEvaluation: null,
  minIntelligenceAssessment: null,
  centrality: null,
};

/** The views each role may open, the first being its home (docs/architecture.md, Who uses it). */
export function viewsFor(role: Role): View[] {
  switch (role) {
    case 'tasking_member':
      return ['tasking', 'premises', 'actions', 'panels'];
    case 'licensing_officer':
      return ['premises', 'tasking', 'actions', 'panels'];
    case 'analyst':
      return ['analyst', 'tasking', 'premises', 'actions', 'network', 'panels'];
    case 'supervisor':
      return ['analyst', 'tasking', 'premises', 'actions', 'network', 'panels', 'reviews', 'audit'];
    case 'administrator':
      return [];
  }
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const idPattern = /^[0-9A-Za-z-]{1,64}$/;
const networkStartPattern = /^(person|premises|vehicle|location|phone_number|online_identifier|report|hotspot):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Indicator codes are the partnership's data, not a list the client knows: only their shape is checked.
const indicatorCodePattern = /^[a-z][a-z0-9_]{1,63}$/;
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the hash (`#view=tasking&z=12&...`), dropping anything malformed instead of failing. */
export function parseHash(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const number = (name: string, min: number, max: number): number | null => {
    const text = params.get(name);
    if (text === null || text.trim() === '') return null;
    const value = Number(text);
    return Number.isFinite(value) && value >= min && value <= max ? value : null;
  };
  const date = (name: string): string | null => {
    const text = params.get(name);
    return text !== null && datePattern.test(text) && !Number.isNaN(Date.parse(text)) ? text : null;
  };
  const list = <T extends string>(name: string, allowed: readonly T[]): T[] =>
    (params.get(name) ?? '')
      .split(',')
      .filter((item): item is T => (allowed as readonly string[]).includes(item));
  // Ids go into API paths: anything but a GUID's characters is dropped rather than sent.
  const id = (name: string): string | null => {
    const text = params.get(name);
    return text && idPattern.test(text) ? text : null;
  };
  // These become GUID query parameters, where anything else is a 400: dropped here instead.
  const guid = (name: string): string | null => {
    const text = params.get(name);
    return text && guidPattern.test(text) ? text : null;
  };
  const view = params.get('view');
  return {
    view: (views as readonly string[]).includes(view ?? '') ? (view as View) : emptyState.view,
    zoom: number('z', 0, 22),
    longitude: number('lon', -180, 180),
    latitude: number('lat', -85, 85),
    from: date('from'),
    to: date('to'),
    categories: list('category', reportCategories),
    indicators: (params.get('indicator') ?? '').split(',').filter((code) => indicatorCodePattern.test(code)),
    sourceEvaluations: list('sourceEvaluation', sourceEvaluations),
    intelligenceAssessments: list('intelligenceAssessment', intelligenceAssessments),
    handlingCodes: list('handlingCode', handlingCodes),
    agencyId: guid('agencyId'),
    trends: list('trend', hotspotTrends),
    minScore: number('minScore', 0, Number.MAX_VALUE),
    runId: guid('runId'),
    hotspot: id('hotspot'),
    since: id('since'),
    q: params.get('q') || null,
    premises: params.get('premises') || null,
    vehicle: params.get('vehicle') || null,
    place: params.get('place') || null,
    action: id('action'),
    target: /^(hotspot|premises|vehicle|location|person):[0-9A-Za-z-]{1,64}$/.test(params.get('target') ?? '') ? params.get('target') : null,
    panel: guid('panel'),
    actionStatuses: list('status', actionStatuses),
    ownerAgencyId: guid('ownerAgencyId'),
    overdue: params.get('overdue') === 'true',
    sort: (boardSorts as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as BoardSort) : null,
    auditUser: params.get('user') || null,
    auditEntity: guid('entityId'),
    auditActions: list('auditAction', auditActions),
    networkStarts: (params.get('start') ?? '').split(',').filter((start) => networkStartPattern.test(start)),
    hops: number('hops', 1, 3),
    nodeLimit: Number.isInteger(number('nodeLimit', 1, maxNodeLimit)) ? number('nodeLimit', 1, maxNodeLimit) : null,
    linkAgencies: (params.get('linkAgency') ?? '').split(',').filter((id) => guidPattern.test(id)),
    linkTypes: list('linkType', linkTypeFilters),
    minSourceEvaluation: list('minSource', sourceEvaluations)[0] ?? null,
    minIntelligenceAssessment: list('minAssessment', intelligenceAssessments)[0] ?? null,
    centrality: list('size', centralities)[0] ?? null,
  };
}

/** Writes the state as a hash in a fixed order, leaving out what is unset. */
export function formatHash(state: ViewState): string {
  const params = new URLSearchParams();
  params.set('view', state.view);
  if (state.zoom !== null) params.set('z', state.zoom.toFixed(2));
  if (state.longitude !== null) params.set('lon', state.longitude.toFixed(5));
  if (state.latitude !== null) params.set('lat', state.latitude.toFixed(5));
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.categories.length) params.set('category', state.categories.join(','));
  if (state.indicators.length) params.set('indicator', state.indicators.join(','));
  if (state.sourceEvaluations.length) params.set('sourceEvaluation', state.sourceEvaluations.join(','));
  if (state.intelligenceAssessments.length) params.set('intelligenceAssessment', state.intelligenceAssessments.join(','));
  if (state.handlingCodes.length) params.set('handlingCode', state.handlingCodes.join(','));
  if (state.agencyId) params.set('agencyId', state.agencyId);
  if (state.trends.length) params.set('trend', state.trends.join(','));
  if (state.minScore !== null) params.set('minScore', String(state.minScore));
  if (state.runId) params.set('runId', state.runId);
  if (state.hotspot) params.set('hotspot', state.hotspot);
  if (state.since) params.set('since', state.since);
  if (state.q) params.set('q', state.q);
  if (state.premises) params.set('premises', state.premises);
  if (state.vehicle) params.set('vehicle', state.vehicle);
  if (state.place) params.set('place', state.place);
  if (state.action) params.set('action', state.action);
  if (state.target) params.set('target', state.target);
  if (state.panel) params.set('panel', state.panel);
  if (state.actionStatuses.length) params.set('status', state.actionStatuses.join(','));
  if (state.ownerAgencyId) params.set('ownerAgencyId', state.ownerAgencyId);
  if (state.overdue) params.set('overdue', 'true');
  if (state.sort) params.set('sort', state.sort);
  if (state.auditUser) params.set('user', state.auditUser);
  if (state.auditEntity) params.set('entityId', state.auditEntity);
  if (state.auditActions.length) params.set('auditAction', state.auditActions.join(','));
  if (state.networkStarts.length) params.set('start', state.networkStarts.join(','));
  if (state.hops !== null) params.set('hops', String(state.hops));
  if (state.nodeLimit !== null) params.set('nodeLimit', String(state.nodeLimit));
  if (state.linkAgencies.length) params.set('linkAgency', state.linkAgencies.join(','));
  if (state.linkTypes.length) params.set('linkType', state.linkTypes.join(','));
  if (state.minSourceEvaluation) params.set('minSource', state.minSourceEvaluation);
  if (state.minIntelligenceAssessment) params.set('minAssessment', state.minIntelligenceAssessment);
  if (state.centrality) params.set('size', state.centrality);
  // Commas (lists) and colons (kind:id) read better unescaped, and URLSearchParams reads them back as they are.
  return `#${params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
}

/**
 * A view the role may not open falls back to its home view. The network is the exception: a link to it opened by a
 * role without person-level access shows the API's refusal, rather than another view that hides why.
 */
export function allowedState(state: ViewState, role: Role): ViewState {
  const allowed = viewsFor(role);
  return allowed.includes(state.view) || allowed.length === 0 || state.view === 'network' ? state : { ...state, view: allowed[0]! };
}

/** The state a link opens: a URL without a view opens the role's home view, not the default. */
export function initialState(hash: string, role: Role): ViewState {
  const state = allowedState(parseHash(hash), role);
  const home = viewsFor(role)[0];
  return new URLSearchParams(hash.replace(/^#/, '')).has('view') || !home ? state : { ...state, view: home };
}

/** The time window as API parameters: `to` is exclusive, so the chosen end day is included by asking for the next. */
export function timeWindow(state: ViewState): { from: string | null; to: string | null } {
  const from = state.from ? `${state.from}T00:00:00Z` : null;
  let to: string | null = null;
  if (state.to) {
    const end = new Date(`${state.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    to = end.toISOString();
  }
  return { from, to };
}
