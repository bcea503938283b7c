import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
// MapLibre finds its worker beside its own module, which bundling moves: Vite copies the worker and gives its URL.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { listAgencies } from './api/agencies';
import { listIndicators } from './api/indicators';
import { ApiClient } from './api/client';
import { loadClientConfig } from './api/config';
import type { Agency, ClientConfig, RiskIndicator } from './api/types';
import type { Session, SessionStore } from './auth/session';
import { TaskingView } from './hotspots/tasking-view';
import { basemapStyle } from './map/offline-style';
import { openPmtilesBasemap } from './map/pmtiles-basemap';
import { BasemapLabels, type BasemapCollection } from './map/basemap-labels';
import { ActionsView } from './actions/actions-view';
import { PanelsView } from './panels/panels-view';
import { PremisesView } from './premises/premises-view';
import { AuditView } from './supervision/audit-view';
import { ReviewsView } from './supervision/reviews-view';
import { AnalystView } from './reports/analyst-view';
import { LazyView } from './state/lazy-view';
import type { AppView, ViewContext } from './state/view-context';
import { allowedState, formatHash, initialState, parseHash, viewsFor, type View, type ViewState } from './state/view-state';
import { byId, element } from './ui/dom';
import { Feedback } from './ui/feedback';
import { PanelToggle } from './ui/panel-toggle';

const viewTitles: Record<View, string> = {
  tasking: 'Tasking',
  analyst: 'Analyst',
  premises: 'Premises check',
  actions: 'Action board',
  network: 'Network',
  panels: 'Panels',
  reviews: 'Reviews',
  audit: 'Audit log',
};

/** The signed-in app: the map, the views the role may open, and the URL hash as the one source of view state. */
export async function startApp(session: Session, sessions: SessionStore): Promise<void> {
  const api = new ApiClient(() => sessions.current(new Date())?.token ?? null);
  const feedback = new Feedback();
  // The map's workers start loading now, alongside the client configuration, not after it. Two rather than MapLibre's
  // one: report tiles are parsed beside the hotspots' GeoJSON instead of queueing behind it.
  maplibregl.setWorkerUrl(workerUrl);
  maplibregl.setWorkerCount(2);
  maplibregl.prewarm();
  byId('workspace').hidden = false;
  showWho(session, sessions);

  const allowed = viewsFor(session.role);
  if (allowed.length === 0) {
    feedback.fail(new Error('Your role has no map views. Administrators manage agencies and users through the API.'));
    return;
  }

  const initial = initialState(location.hash, session.role);
  let state = initial;
  const update = (change: Partial<ViewState>): void => {
    location.hash = formatHash(allowedState({ ...state, ...change }, session.role));
  };
  let agencies: Promise<readonly Agency[]> | null = null;
  let indicators: Promise<readonly RiskIndicator[]> | null = null;
  // Set once the map is ready; a refresh before then has nothing shown to refresh.
  let render: () => Promise<void> = async () => undefined;
  let created: MapLibreMap | null = null;
  const context: ViewContext = {
    api,
    // Views use the map from their first show(), which waits for it.
    get map(): MapLibreMap {
      if (!created) throw new Error('The map is not ready yet.');
      return created;
    },
    feedback,
    filters: byId<HTMLFormElement>('filters'),
    legend: byId('legend'),
    content: byId('content'),
    update,
    refresh: () => render(),
    role: session.role,
    agencyId: session.agencyId,
    agencies: () =>
      (agencies ??= listAgencies(api).catch((error: unknown) => {
        agencies = null;
        throw error;
      })),
    indicators: () =>
      (indicators ??= listIndicators(api).catch((error: unknown) => {
        indicators = null;
        throw error;
      })),
  };
  const views: Record<View, AppView> = {
    tasking: new TaskingView(context),
    analyst: new AnalystView(context),
    premises: new PremisesView(context),
    actions: new ActionsView(context),
    // Its chart library (cytoscape) is loaded only when an analyst opens it.
    network: new LazyView(async () => new (await import('./network/network-view')).NetworkView(context)),
    panels: new PanelsView(context),
    reviews: new ReviewsView(context),
    audit: new AuditView(context),
  };
  // Loading the configuration and starting MapLibre take about a second: the first view's data is asked for meanwhile.
  views[initial.view].prefetch?.(initial);

  feedback.say('Loading map…');
  const config = await loadClientConfig(api, import.meta.env.VITE_BASEMAP_STYLE_URL as string | undefined).catch((error: unknown) => {
    feedback.fail(error);
    throw error;
  });
  // A partnership's PMTiles basemap, when no style URL is configured; if it cannot be read, the offline style.
  const pmtiles =
    config.basemapStyleUrl === null && config.basemapPmtilesUrl !== null
      ? await openPmtilesBasemap(config.basemapPmtilesUrl, api.authorization()).catch((error: unknown) => {
          feedback.fail(error);
          return null;
        })
      : null;
  const map = createMap(config, initial, api, pmtiles);
  created = map;
  // The views add their layers once the style is in, before the map's first full frame, so that first frame already
  // draws them (waiting for 'load' drew the bare basemap first, a whole software-rendered frame more).
  await new Promise<void>((resolve) => (map.isStyleLoaded() ? resolve() : map.once('style.load', () => resolve())));
  window.__hotspotMap = map;
  renderNavigation(allowed);
  const panel = new PanelToggle(byId('panel'), byId('views'), () => map.resize());

  let current: View | null = null;
  let running: AbortController | null = null;
  render = async (): Promise<void> => {
    const previous = state;
    state = allowedState(parseHash(location.hash), session.role);
    // A hotspot chosen on the map while the panel is closed (a tablet's full-screen map) opens the panel to show it.
    if (state.hotspot && state.hotspot !== previous.hotspot) panel.set(true);
    running?.abort();
    running = new AbortController();
    if (current !== state.view) {
      if (current) views[current].hide();
      current = state.view;
    }
    markCurrent(state.view);
    feedback.clearProblem();
    document.body.dataset.view = state.view;
    delete document.body.dataset.ready;
    try {
      await views[state.view].show(state, running.signal);
    } catch (error) {
      feedback.fail(error);
    } finally {
      document.body.dataset.ready = 'true';
    }
  };
  // The map position goes into the URL without re-rendering the view (replaceState fires no hashchange).
  map.on('moveend', () => {
    const center = map.getCenter();
    state = { ...state, zoom: map.getZoom(), longitude: center.lng, latitude: center.lat };
    history.replaceState(null, '', formatHash(state));
  });
  window.addEventListener('hashchange', () => void render());
  if (location.hash !== formatHash(initial)) history.replaceState(null, '', formatHash(initial));
  await render();
}

/** The map over the basemap, at the URL's position or else the partnership's region, with a scale bar and, offline, the partnership's streets, wards and places. */
function createMap(config: ClientConfig, initial: ViewState, api: ApiClient, pmtiles: StyleSpecification | null): MapLibreMap {
  const { region } = config;
  const map = new maplibregl.Map({
    container: 'map',
    style: pmtiles ?? basemapStyle(config),
    // MapLibre lets bounds override center and zoom: the region only when the URL gives no position.
    ...(initial.longitude !== null && initial.latitude !== null && initial.zoom !== null
      ? { center: [initial.longitude, initial.latitude] as [number, number], zoom: initial.zoom }
      : { bounds: [region.minLongitude, region.minLatitude, region.maxLongitude, region.maxLatitude] as [number, number, number, number] }),
    attributionControl: false,
    // MapLibre's own requests (tiles, a configured style) carry the token only when they go to this origin.
    transformRequest: (url: string) => (new URL(url, location.href).origin === location.origin ? { url, headers: api.authorization() } : { url }),
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new maplibregl.NavigationControl(), 'top-right');
  map.getCanvas().setAttribute('aria-label', 'Map of hotspots and reports; the side panel lists the same items');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  if (config.basemapStyleUrl === null && pmtiles === null) {
    // The offline style's streets, wards and place names: the partnership's own, from the API, drawn once the style is in.
    const basemap = api.get<BasemapCollection>('/api/basemap');
    map.once('load', () => {
      // Without it the map still works, only plainer: the views report their own errors.
      basemap.then((collection) => new BasemapLabels(map, collection)).catch(() => undefined);
    });
  }
  return map;
}

function showWho(session: Session, sessions: SessionStore): void {
  byId('who').hidden = false;
  byId('who-text').textContent = `${session.userId} (${session.role.replace('_', ' ')})`;
  byId<HTMLButtonElement>('sign-out').onclick = () => {
    sessions.signOut();
    location.hash = '';
    location.reload();
  };
}

function renderNavigation(allowed: View[]): void {
  const nav = byId('views');
  nav.replaceChildren(...allowed.map((view) => element('a', { href: `#view=${view}`, 'data-view': view }, viewTitles[view])));
  nav.hidden = false;
}

function markCurrent(view: View): void {
  for (const link of byId('views').querySelectorAll('a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

declare global {
  interface Window {
    /** The map, for end-to-end tests that wait for it to render. */
    __hotspotMap?: MapLibreMap;
  }
}
