import { actionsOnTarget } from '../actions/target-actions';
import { getChanges, getHotspot, listHotspots, listRuns, type HotspotListing } from '../api/hotspots';
import { hotspotIndicatorCounts, indicatorCountLines } from '../api/indicators';
import type { HotspotChanges, HotspotCollection, HotspotDetailFeature, HotspotIndicatorCounts, HotspotRun } from '../api/types';
import type { AppView, ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { mayReadNetworks } from '../network/report-named';
import { element, facts, fillSelect } from '../ui/dom';
import { categoryLabel, renderFilters, reportFilters } from '../ui/filters';
import { swatch } from '../ui/legend';
import { ReportLayer, reportLegend } from '../reports/report-layer';
import { boundsOf, changeCounts, changeKinds, changeLabels, classifyChanges, hotspotsForMap, type ChangeKind } from './changes';
import { hotspotFilters, runChoices, runTime, unlistedRun } from './hotspot-filters';
import { HotspotLayer, hotspotLegend } from './hotspot-layer';
import { legendItems, mapMarking, type MapSheet, scaleFor, sheetPng } from '../map/map-sheet';
import { openPrintView } from '../map/print-view';
import { exportFileName } from './map-export';
import { trendChart } from './trend-chart';
import { changeColours, trendLabels } from './trend-style';
import { MeetingPackPanel } from '../meeting-packs/meeting-packs';

interface HotspotRequests {
  listing: Promise<HotspotListing>;
  runs: Promise<HotspotRun[]>;
}

/** What the hotspot requests depend on: a prefetch serves a state that asks the same. */
function requestKey(state: ViewState): string {
  return JSON.stringify([state.trends, state.minScore, state.runId]);
}

const emptyCollection: HotspotCollection = { type: 'FeatureCollection', features: [] };

/**
 * Tasking: hotspots coloured by trend with a legend (the latest run's, or an earlier run's, filtered by trend and
 * score), report density (masked in SQL, filtered by time, category, grading and agency) beneath, what changed since
 * a chosen run, a panel per hotspot, and the map as a PNG for the meeting pack.
 */
export class TaskingView implements AppView {
  private readonly reports: ReportLayer;
  private readonly hotspots: HotspotLayer;
  private download: string | null = null;
  private fittedTo: string | null = null;
  private prefetched: (HotspotRequests & { key: string }) | null = null;
  private packs: MeetingPackPanel | null = null;

  constructor(private readonly context: ViewContext) {
    this.reports = new ReportLayer(context);
    this.hotspots = new HotspotLayer(context, (id) => this.context.update({ hotspot: id }));
  }

  /** Asks for the hotspots and runs while the map is still starting (most of a first load's time). */
  prefetch(state: ViewState): void {
    const requests = this.request(state);
    // Marked handled here: show() reports a failure, if it still wants the answer.
    requests.listing.catch(() => undefined);
    requests.runs.catch(() => undefined);
    this.prefetched = { ...requests, key: requestKey(state) };
  }

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    const prefetched = this.prefetched?.key === requestKey(state) ? this.prefetched : null;
    this.prefetched = null;
    const { listing: listed, runs } = prefetched ?? this.request(state, signal);
    renderFilters(this.context.filters, [...reportFilters(state, this.context.agencies(), this.context.indicators()), ...hotspotFilters(state, runs)], this.context.update);
    this.renderLegend(state.since !== null);
    feedback.say('Loading hotspots…');
    this.hotspots.ensure();
    // A link without a map position opens on the hotspots, which are small at the region's zoom. Report tiles wait
    // for that move rather than load the region's view only to be replaced.
    const fitsToHotspots = state.zoom === null && !state.hotspot && this.fittedTo === null;
    if (!fitsToHotspots) this.reports.show(state);
    let listing: HotspotListing;
    let succeededRuns: HotspotRun[] | null;
    try {
      [listing, succeededRuns] = await Promise.all([
        listed,
        runs.catch((error: unknown) => {
          // The runs are for choosing a run and the comparison only: without them the hotspots still show.
          if (signal.aborted) throw error;
          feedback.fail(error);
          return null;
        }),
      ]);
      if (fitsToHotspots && listing.available) this.fit(listing.hotspots.features.map((feature) => feature.geometry?.coordinates), 'all');
    } finally {
      if (fitsToHotspots) this.reports.show(state);
    }
    if (!listing.available) {
      this.hotspots.clear();
      // GET /api/hotspots answers 404 for a run it does not know as well as when hotspot analysis is not deployed.
      feedback.say(
        state.runId
          ? 'The chosen hotspot run was not found: choose another run, or the latest, in the filters.'
          : 'No hotspots yet: hotspot analysis is not available on this server.',
      );
      content.replaceChildren();
      return;
    }
    const hotspots = listing.hotspots;
    const succeeded = succeededRuns ?? [];
    // The listed run is the chosen one, else the latest succeeded one; an empty list names none, so the newest
    // succeeded run stands in.
    const shownRunId = state.runId ?? hotspots.features[0]?.properties.runId ?? succeeded[0]?.id ?? null;
    const comparison = await this.compare(shownRunId, state.since, signal);
    const classes = comparison ? classifyChanges(comparison.changes) : new Map<string, ChangeKind>();
    this.hotspots.show(hotspotsForMap(hotspots, classes, comparison?.earlier ?? null), state.hotspot);

    const shownRun = state.runId ? succeeded.find((run) => run.id === state.runId) : undefined;
    const ofRun = state.runId ? ` from the earlier run ${shownRun ? runTime(shownRun) : state.runId.slice(0, 8)}` : '';
    feedback.say(
      hotspots.features.length === 0
        ? succeeded.length === 0
          ? 'No hotspots yet: no hotspot run has succeeded. The first one starts when the server does.'
          : `No hotspots${ofRun} match these filters.`
        : `${hotspots.features.length} hotspot${hotspots.features.length === 1 ? '' : 's'}${ofRun}.`,
    );
    const tools = element(
      'div',
      { class: 'tasking-tools' },
      this.runSelector(succeeded, shownRunId, state.since),
      ...(comparison ? [changeSummary(comparison.changes)] : []),
      this.exportTools(state),
      this.meetingPacks(),
    );
    if (state.hotspot) {
      content.replaceChildren();
      await this.showHotspot(state.hotspot, classes.get(state.hotspot) ?? null, signal);
      content.append(tools);
    } else {
      content.replaceChildren(tools, this.hotspotList(hotspots, classes));
    }
  }

  hide(): void {
    this.fittedTo = null;
    this.prefetched = null;
    this.hotspots.hide();
    this.reports.hide();
    this.context.legend.hidden = true;
    if (this.download) URL.revokeObjectURL(this.download);
    this.download = null;
    this.packs?.close();
    this.packs = null;
  }

  /** The meeting packs: one made for the map's view as it is when asked, and those made before. */
  private meetingPacks(): HTMLElement {
    this.packs?.close();
    this.packs = new MeetingPackPanel(this.context.api, () => {
      const bounds = this.context.map.getBounds();
      return { west: bounds.getWest(), south: bounds.getSouth(), east: bounds.getEast(), north: bounds.getNorth() };
    });
    return this.packs.element;
  }

  /** The hotspots listed for the state's filters, and the succeeded runs to choose from. */
  private request(state: ViewState, signal?: AbortSignal): HotspotRequests {
    return {
      listing: listHotspots(this.context.api, { trend: state.trends, minScore: state.minScore, runId: state.runId }, signal),
      runs: listRuns(this.context.api, 100, signal).then((page) => page.items.filter((run) => run.status === 'succeeded')),
    };
  }

  /** The changes since the chosen run and, when some hotspots have gone, that run's hotspots to draw them from. */
  private async compare(
    shownRunId: string | null,
    since: string | null,
    signal: AbortSignal,
  ): Promise<{ changes: HotspotChanges; earlier: HotspotCollection | null } | null> {
    if (!since || !shownRunId || since === shownRunId) return null;
    try {
      const changes = await getChanges(this.context.api, shownRunId, since, signal);
      const earlier = changes.gone.length
        ? await listHotspots(this.context.api, { runId: since }, signal).then((listing) => (listing.available ? listing.hotspots : emptyCollection))
        : null;
      return { changes, earlier };
    } catch (error) {
      if (signal.aborted) throw error;
      this.context.feedback.fail(error);
      return null;
    }
  }

  private renderLegend(comparing: boolean): void {
    const { legend } = this.context;
    legend.replaceChildren(...hotspotLegend());
    if (comparing) {
      const changeItems = changeKinds.map((kind) =>
        element('li', {}, swatch('transparent', `;border:3px ${kind === 'gone' ? 'dashed' : 'solid'} ${changeColours[kind]}`), changeLabels[kind]),
      );
      legend.append(element('strong', {}, 'Change (outline)'), element('ul', { 'aria-label': 'Change legend' }, ...changeItems));
    }
    legend.append(...reportLegend());
    legend.hidden = false;
  }

  /** "Changed since run X": the other succeeded runs, newest first; choosing one puts it in the URL. */
  private runSelector(succeeded: HotspotRun[], shownRunId: string | null, since: string | null): HTMLElement {
    const select = element('select', { id: 'since-run', name: 'since' });
    fillSelect(select, 'No comparison', runChoices(succeeded, shownRunId), since, unlistedRun);
    select.disabled = select.options.length === 1;
    select.onchange = () => this.context.update({ since: select.value || null });
    return element('p', {}, element('label', { for: 'since-run' }, 'Changed since run '), select);
  }

  private exportTools(state: ViewState): HTMLElement {
    const exportButton = element('button', { type: 'button' }, 'Export map as PNG');
    const print = element('button', { type: 'button' }, 'Print view');
    const link = element('span', { class: 'export-link' });
    exportButton.onclick = async () => {
      exportButton.disabled = true;
      try {
        const png = await sheetPng(this.context.map, this.sheet());
        if (this.download) URL.revokeObjectURL(this.download);
        this.download = URL.createObjectURL(png);
        link.replaceChildren(
          element('a', { href: this.download, download: exportFileName(new Date(), 'tasking', state.since) }, `Download map PNG (${Math.ceil(png.size / 1024)} KB)`),
        );
      } catch (error) {
        this.context.feedback.fail(error);
      } finally {
        exportButton.disabled = false;
      }
    };
    print.onclick = () => openPrintView(this.context.map, this.sheet());
    return element('p', { class: 'export' }, exportButton, ' ', print, ' ', link);
  }

  /** What the exported PNG and the print view carry around the map. */
  private sheet(): MapSheet {
    return {
      title: 'HotspotIntel: hotspots for tasking',
      date: new Date(),
      legend: legendItems(this.context.legend),
      marking: mapMarking,
      scale: scaleFor(this.context.map),
    };
  }

  /** The keyboard way to a hotspot: the same hotspots as the map, as buttons, highest score first. */
  private hotspotList(hotspots: HotspotCollection, classes: ReadonlyMap<string, ChangeKind>): HTMLElement {
    const sorted = [...hotspots.features].sort((a, b) => (b.properties.weightedScore ?? 0) - (a.properties.weightedScore ?? 0));
    const list = element('ul', { class: 'list', 'aria-label': 'Hotspots' });
    for (const feature of sorted) {
      const { trend, weightedScore, reportCount } = feature.properties;
      const change = classes.get(feature.id);
      const button = element(
        'button',
        { type: 'button' },
        `${trend ? trendLabels[trend] : 'No trend'} · ${weightedScore === null ? 'area shared, no counts' : `score ${weightedScore.toFixed(1)} · ${reportCount} reports`}${change ? ` · ${changeLabels[change]}` : ''}`,
      );
      button.onclick = () => this.context.update({ hotspot: feature.id });
      list.append(element('li', {}, button));
    }
    return list;
  }

  private async showHotspot(id: string, change: ChangeKind | null, signal: AbortSignal): Promise<void> {
    const { content, feedback } = this.context;
    feedback.say('Loading hotspot…');
    const hotspot = await getHotspot(this.context.api, id, signal);
    const back = element('button', { type: 'button' }, 'Back to all hotspots');
    back.onclick = () => this.context.update({ hotspot: null });
    if (!hotspot) {
      content.append(back, element('p', {}, 'This hotspot no longer exists, or you cannot see it.'));
      feedback.say('');
      return;
    }
    const newAction = element('button', { type: 'button', class: 'new-action' }, 'New action on this hotspot');
    newAction.onclick = () => this.context.update({ view: 'actions', action: 'new', target: `hotspot:${id}` });
    const network = mayReadNetworks(this.context.role)
      ? [element('p', {}, element('a', { href: `#view=network&start=hotspot:${encodeURIComponent(id)}`, class: 'open-network' }, 'Network of this hotspot'))]
      : [];
    const indicators = await hotspotIndicatorCounts(this.context.api, id, signal).catch((error: unknown) => {
      // The counts add to the panel: without them the hotspot still shows.
      if (signal.aborted) throw error;
      return null;
    });
    content.append(back, hotspotPanel(hotspot, change), indicatorSection(indicators), await actionsOnTarget(this.context.api, { hotspotId: id }, 'Actions on this hotspot', signal), element('p', {}, newAction), ...network);
    feedback.say('');
    back.focus();
    if (this.fittedTo !== id) this.fit(hotspot.geometry?.coordinates, id);
  }

  /** Moves the map to show these areas (once per hotspot opened, so panning afterwards is not undone). */
  private fit(coordinates: unknown, key: string): void {
    const box = boundsOf(coordinates);
    this.fittedTo = key;
    if (box) this.context.map.fitBounds(box, { padding: 60, maxZoom: 15, duration: 0 });
  }
}

/** The hotspot's reports per risk indicator, as the reader may count them (small counts withheld from masked roles by the API). */
export function indicatorSection(counts: HotspotIndicatorCounts | null): HTMLElement {
  const section = element('section', { 'aria-label': 'Risk indicators', class: 'hotspot-indicators' }, element('h3', {}, 'Risk indicators'));
  const lines = counts ? indicatorCountLines(counts.indicators, counts.suppressedBelow) : [];
  section.append(
    counts === null
      ? element('p', {}, 'Indicator counts are not available.')
      : lines.length
        ? element('ul', {}, ...lines.map((line) => element('li', {}, `${line.label}: ${line.text}`)))
        : element('p', {}, 'No report you may count here records one.'),
  );
  return section;
}

function changeSummary(changes: HotspotChanges): HTMLElement {
  const counts = changeCounts(changes);
  return element(
    'p',
    { class: 'change-summary', 'aria-label': 'Changes since the chosen run' },
    `${counts.new} new, ${counts.grown} grown, ${counts.shrunk} shrunk, ${counts.gone} gone, ${counts.unchanged} unchanged.`,
  );
}

function humanise(code: string): string {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function area(squareMeters: number): string {
  return squareMeters >= 10_000 ? `${(squareMeters / 10_000).toFixed(2)} ha` : `${Math.round(squareMeters)} m²`;
}

/** The side panel of one hotspot: score, significance, trend over runs, what is in it, and counts of who is linked. */
export function hotspotPanel(hotspot: HotspotDetailFeature, change: ChangeKind | null = null): HTMLElement {
  const { latest, history, premises, locations, lineage, isCurrent } = hotspot.properties;
  const panel = element(
    'section',
    { 'aria-label': 'Hotspot details' },
    element('h2', {}, `Hotspot: ${latest.trend ? trendLabels[latest.trend] : 'no trend'}`),
  );
  if (!isCurrent) panel.append(element('p', { class: 'note' }, 'Not found by the latest run: this is how the last run that found it saw it.'));
  if (change) panel.append(element('p', { class: 'note' }, `Since the chosen run: ${changeLabels[change].toLowerCase()}.`));
  panel.append(
    facts([
      ['Weighted score', latest.weightedScore?.toFixed(2) ?? '– (area shared, no counts)'],
      ['Reports', latest.reportCount ?? '–'],
      ['Area', area(latest.areaSquareMeters)],
      ['z-score', latest.zScore?.toFixed(2)],
      ['p-value', latest.pValue === null ? null : latest.pValue < 0.001 ? '< 0.001' : latest.pValue.toPrecision(2)],
      ['Confidence', latest.confidencePercent === null ? null : `${latest.confidencePercent}%`],
      ['Method', latest.method],
      ['Linked vehicles', latest.linkedVehicleCount],
      ['Linked persons', latest.linkedPersonCount],
      ['First seen', latest.firstSeenAt.slice(0, 10)],
      ['Last seen', latest.lastSeenAt.slice(0, 10)],
      ['Reports from', latest.firstReportAt?.slice(0, 10)],
      ['Reports to', latest.lastReportAt?.slice(0, 10)],
    ]),
    element('h3', {}, 'Score over runs'),
    trendChart(history),
  );
  if (history.length) {
    panel.append(
      element(
        'table',
        { class: 'history' },
        element('thead', {}, element('tr', {}, element('th', {}, 'Run'), element('th', {}, 'Score'), element('th', {}, 'z'), element('th', {}, 'Trend'))),
        element(
          'tbody',
          {},
          ...history.map((h) =>
            element(
              'tr',
              {},
              element('td', {}, h.runFinishedAt?.slice(0, 10) ?? h.runId.slice(0, 8)),
              element('td', {}, h.weightedScore?.toFixed(2) ?? '–'),
              element('td', {}, h.zScore?.toFixed(2) ?? '–'),
              element('td', {}, h.trend ? trendLabels[h.trend] : '–'),
            ),
          ),
        ),
      ),
    );
  }
  panel.append(element('h3', {}, 'Top categories'));
  panel.append(
    latest.topCategories.length
      ? element('ul', {}, ...latest.topCategories.map((c) => element('li', {}, `${categoryLabel(c.category)}: ${c.reports}`)))
      : element('p', {}, 'None recorded.'),
  );
  panel.append(element('h3', {}, 'Premises inside or near'));
  panel.append(
    premises.length
      ? element('ul', { 'aria-label': 'Premises' }, ...premises.map((p) => element('li', {}, `${p.name} (${humanise(p.premisesType)})`)))
      : element('p', {}, 'None that you may see.'),
  );
  if (locations.length) {
    panel.append(
      element('h3', {}, 'Places inside or near'),
      element('ul', {}, ...locations.map((l) => element('li', {}, `${l.name} (${humanise(l.locationType)})`))),
    );
  }
  if (lineage.length) {
    panel.append(
      element('h3', {}, 'Splits and merges'),
      element(
        'ul',
        {},
        ...lineage.map((l) => element('li', {}, `${humanise(l.kind)}: ${l.fromHotspotId.slice(0, 8)} → ${l.toHotspotId.slice(0, 8)}`)),
      ),
    );
  }
  return panel;
}
