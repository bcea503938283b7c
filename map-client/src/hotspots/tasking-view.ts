import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { getHotspot, listHotspots } from '../api/hotspots';
import { hotspotTrends, type HotspotCollection, type HotspotDetail } from '../api/types';
import type { AppView, ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { element, facts } from '../ui/dom';
import { categoryLabel, renderTimeAndCategoryFilters } from '../ui/filters';
import { ReportLayer } from '../reports/report-layer';
import { trendColourExpression, trendColours, trendLabels } from './trend-style';

const source = 'hotspots';
const emptyCollection: HotspotCollection = { type: 'FeatureCollection', features: [] };

/** Tasking: hotspots coloured by trend with a legend, report density (masked in SQL) beneath, and a panel per hotspot. */
export class TaskingView implements AppView {
  private readonly reports: ReportLayer;
  private onClick = (event: MapLayerMouseEvent): void => {
    const id = event.features?.[0]?.properties?.id;
    if (typeof id === 'string') this.context.update({ hotspot: id });
  };

  constructor(private readonly context: ViewContext) {
    this.reports = new ReportLayer(context);
  }

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    const { map, feedback, content } = this.context;
    this.ensureLayers();
    this.renderFilters(state);
    this.renderLegend();
    feedback.say('Loading hotspots…');
    this.reports.show(state);
    const listing = await listHotspots(this.context.api, { trend: state.trends }, signal);
    const hotspots = listing.available ? listing.hotspots : emptyCollection;
    (map.getSource(source) as GeoJSONSource).setData(hotspots);
    if (!listing.available) {
      feedback.say('No hotspots yet: hotspot analysis is not available on this server.');
      content.replaceChildren();
      return;
    }
    feedback.say(
      hotspots.features.length === 0
        ? 'No hotspots match these filters.'
        : `${hotspots.features.length} hotspot${hotspots.features.length === 1 ? '' : 's'}.`,
    );
    if (state.hotspot) {
      await this.showHotspot(state.hotspot, signal);
    } else {
      content.replaceChildren(this.hotspotList(hotspots));
    }
  }

  hide(): void {
    const { map } = this.context;
    map.off('click', 'hotspots-fill', this.onClick);
    for (const layer of ['hotspots-fill', 'hotspots-outline']) if (map.getLayer(layer)) map.removeLayer(layer);
    if (map.getSource(source)) map.removeSource(source);
    this.reports.hide();
    this.context.legend.hidden = true;
  }

  private ensureLayers(): void {
    const { map } = this.context;
    if (map.getSource(source)) return;
    map.addSource(source, { type: 'geojson', data: emptyCollection, promoteId: 'id' });
    map.addLayer({
      id: 'hotspots-fill',
      type: 'fill',
      source,
      paint: { 'fill-color': trendColourExpression(), 'fill-opacity': 0.45 },
    });
    map.addLayer({
      id: 'hotspots-outline',
      type: 'line',
      source,
      paint: { 'line-color': trendColourExpression(), 'line-width': 2 },
    });
    map.on('click', 'hotspots-fill', this.onClick);
  }

  private renderFilters(state: ViewState): void {
    const trends = element('fieldset', {}, element('legend', {}, 'Trend'));
    for (const trend of hotspotTrends) {
      const box = element('input', { type: 'checkbox', name: 'trend', value: trend });
      box.checked = state.trends.includes(trend);
      trends.append(element('label', {}, box, trendLabels[trend]));
    }
    renderTimeAndCategoryFilters(this.context.filters, state, this.context.update, [trends]);
  }

  private renderLegend(): void {
    const { legend } = this.context;
    const items = hotspotTrends.map((trend) =>
      element(
        'li',
        {},
        element('span', { class: 'swatch', style: `background:${trendColours[trend]}`, 'aria-hidden': 'true' }),
        trendLabels[trend],
      ),
    );
    legend.replaceChildren(element('strong', {}, 'Hotspot trend'), element('ul', {}, ...items));
    legend.hidden = false;
  }

  /** The keyboard way to a hotspot: the same hotspots as the map, as buttons, highest score first. */
  private hotspotList(hotspots: HotspotCollection): HTMLElement {
    const sorted = [...hotspots.features].sort((a, b) => b.properties.score - a.properties.score);
    const list = element('ul', { class: 'list', 'aria-label': 'Hotspots' });
    for (const feature of sorted) {
      const { id, trend, score, reportCount } = feature.properties;
      const button = element(
        'button',
        { type: 'button' },
        `${trendLabels[trend] ?? trend} · score ${score.toFixed(1)} · ${reportCount} reports`,
      );
      button.onclick = () => this.context.update({ hotspot: id });
      list.append(element('li', {}, button));
    }
    return list;
  }

  private async showHotspot(id: string, signal: AbortSignal): Promise<void> {
    const { content, feedback } = this.context;
    feedback.say('Loading hotspot…');
    const hotspot = await getHotspot(this.context.api, id, signal);
    const back = element('button', { type: 'button' }, 'Back to all hotspots');
    back.onclick = () => this.context.update({ hotspot: null });
    if (!hotspot) {
      content.replaceChildren(back, element('p', {}, 'This hotspot no longer exists, or you cannot see it.'));
      feedback.say('');
      return;
    }
    content.replaceChildren(back, hotspotPanel(hotspot));
    feedback.say('');
    back.focus();
  }
}

/** The side panel of one hotspot: what the engine gave, and "not given" where it gave nothing. */
export function hotspotPanel(hotspot: HotspotDetail): HTMLElement {
  const panel = element(
    'section',
    { 'aria-label': 'Hotspot details' },
    element('h2', {}, `Hotspot: ${trendLabels[hotspot.trend] ?? hotspot.trend}`),
    facts([
      ['Score', hotspot.score?.toFixed(2)],
      ['Reports', hotspot.reportCount],
      ['z-score', hotspot.zScore?.toFixed(2)],
      ['p-value', hotspot.pValue?.toPrecision(2)],
      ['Linked vehicles', hotspot.linkedVehicleCount],
      ['Linked persons', hotspot.linkedPersonCount],
      ['First seen', hotspot.firstSeenAt?.slice(0, 10)],
      ['Last seen', hotspot.lastSeenAt?.slice(0, 10)],
    ]),
  );
  if (hotspot.topCategories?.length) {
    panel.append(
      element('h3', {}, 'Top categories'),
      element('ul', {}, ...hotspot.topCategories.map((c) => element('li', {}, `${categoryLabel(c.category)}: ${c.count}`))),
    );
  }
  if (hotspot.premises?.length) {
    panel.append(element('h3', {}, 'Premises inside'), element('ul', {}, ...hotspot.premises.map((p) => element('li', {}, p.name))));
  }
  if (hotspot.history?.length) {
    panel.append(
      element('h3', {}, 'Score over runs'),
      element(
        'table',
        {},
        element('thead', {}, element('tr', {}, element('th', {}, 'Run'), element('th', {}, 'Score'), element('th', {}, 'Trend'))),
        element(
          'tbody',
          {},
          ...hotspot.history.map((h) =>
            element(
              'tr',
              {},
              element('td', {}, h.completedAt?.slice(0, 10) ?? h.runId.slice(0, 8)),
              element('td', {}, h.score.toFixed(2)),
              element('td', {}, trendLabels[h.trend] ?? h.trend),
            ),
          ),
        ),
      ),
    );
  }
  return panel;
}
