import { listHotspots } from '../api/hotspots';
import { getReport } from '../api/reports';
import { reportNamedSection } from '../network/report-named';
import type { HotspotRun } from '../api/types';
import { hotspotsForMap } from '../hotspots/changes';
import { HotspotLayer, hotspotLegend } from '../hotspots/hotspot-layer';
import { HotspotRunForm } from '../hotspots/run-form';
import type { AppView, ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { element, facts } from '../ui/dom';
import { InViewList } from '../ui/in-view-list';
import { categoryLabel, renderFilters, reportFilters } from '../ui/filters';
import { ReportLayer, reportLegend, type ReportTilePoint } from './report-layer';
import { ReportForm } from './report-form';
import { pointsFromZoom } from './report-tiles';

/**
 * Analyst: report density, points at street level, filtered by time, category, grading and agency; a report's details
 * as the role allows; the current hotspots over them; a form to record a report (with its risk indicators) at the map's
 * centre; and a form to run hotspot analysis with chosen parameters (the hotspots refresh when it succeeds).
 */
export class AnalystView implements AppView {
  private readonly reports: ReportLayer;
  private readonly hotspots: HotspotLayer;
  private readonly runForm: HotspotRunForm;
  private readonly reportForm: ReportForm;
  private readonly details = element('div', { class: 'report-details' });
  private readonly inView: InViewList<ReportTilePoint>;
  private signal: AbortSignal | null = null;

  constructor(private readonly context: ViewContext) {
    this.reports = new ReportLayer(context, (point) => void this.showReport(point));
    this.inView = new InViewList<ReportTilePoint>(() => context.map, ['reports-points'], 'Reports in view', (feature) => {
      const point = feature.properties as ReportTilePoint;
      return { key: point.id, label: `${categoryLabel(point.category)}, ${String(point.occurred_at).slice(0, 16).replace('T', ' ')}`, item: point };
    }, (point) => void this.showReport(point));
    this.hotspots = new HotspotLayer(context);
    this.runForm = new HotspotRunForm(context, (run) => void this.runFinished(run));
    // A recorded report shows on the map at once: the tiles are asked for again.
    this.reportForm = new ReportForm(context, () => void context.refresh());
  }

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    this.signal = signal;
    renderFilters(this.context.filters, reportFilters(state, this.context.agencies(), this.context.indicators()), this.context.update);
    this.context.legend.replaceChildren(...reportLegend(), ...hotspotLegend());
    this.context.legend.hidden = false;
    this.details.replaceChildren();
    this.context.content.replaceChildren(this.details, this.inView.element, this.reportForm.element, this.runForm.element);
    void this.context.indicators().then(
      (indicators) => this.reportForm.showIndicators(indicators),
      // Without the list a report is recorded without indicators; the form says nothing is wrong.
      () => undefined,
    );
    this.inView.start();
    this.hotspots.ensure();
    this.reports.show(state);
    this.context.feedback.say(
      `Report density by area; zoom in to street level (zoom ${pointsFromZoom}) and select a point for its details, where the area's reports are few enough to draw one by one.`,
    );
    await this.showHotspots(signal);
  }

  hide(): void {
    this.runForm.stop();
    this.inView.stop();
    this.hotspots.hide();
    this.reports.hide();
    this.context.legend.hidden = true;
  }

  /** The published run's hotspots (or a trial run's) as outlines over the reports; how many is in the map's layer, not the status line. */
  private async showHotspots(signal: AbortSignal, runId?: string): Promise<number> {
    const listing = await listHotspots(this.context.api, runId ? { runId } : {}, signal);
    const hotspots = listing.available ? listing.hotspots : { type: 'FeatureCollection' as const, features: [] };
    this.hotspots.show(hotspotsForMap(hotspots));
    return hotspots.features.length;
  }

  private async runFinished(run: HotspotRun): Promise<void> {
    if (run.status !== 'succeeded') return;
    try {
      const count = await this.showHotspots(this.signal ?? new AbortController().signal, run.id);
      this.context.feedback.say(`Hotspots refreshed: ${count} from trial run ${run.id.slice(0, 8)}, shown to analysts and supervisors until it is published.`);
    } catch (error) {
      this.context.feedback.fail(error);
    }
  }

  private async showReport(point: ReportTilePoint): Promise<void> {
    const { feedback } = this.context;
    feedback.clearProblem();
    feedback.say('Loading report…');
    try {
      const report = await getReport(this.context.api, point.id, this.signal ?? undefined);
      const p = report.properties;
      this.details.replaceChildren(
        element(
          'section',
          { 'aria-label': 'Report details' },
          element('h2', {}, categoryLabel(p.category)),
          facts([
            ['Report', report.id],
            ['Occurred', p.occurredAt.slice(0, 16).replace('T', ' ')],
            ['Grading', p.grading],
            ['Historic grading', p.historicGrading],
            ['Location precision', `${p.locationPrecisionMeters} m`],
          ]),
          element('h3', {}, 'Narrative'),
          element('p', {}, p.narrative),
        ),
        await reportNamedSection(this.context, report.id, this.signal ?? undefined),
      );
      feedback.say('');
    } catch (error) {
      feedback.fail(error);
    }
  }
}
