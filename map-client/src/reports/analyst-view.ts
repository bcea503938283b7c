import { getReport } from '../api/reports';
import type { AppView, ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { element, facts } from '../ui/dom';
import { categoryLabel, renderTimeAndCategoryFilters } from '../ui/filters';
import { ReportLayer, type ReportTilePoint } from './report-layer';
import { pointsFromZoom } from './report-tiles';

/** Analyst: report density, points at street level, and a report's details as the role allows. */
export class AnalystView implements AppView {
  private readonly reports: ReportLayer;
  private signal: AbortSignal | null = null;

  constructor(private readonly context: ViewContext) {
    this.reports = new ReportLayer(context, (point) => void this.showReport(point));
  }

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    this.signal = signal;
    renderTimeAndCategoryFilters(this.context.filters, state, this.context.update);
    this.context.content.replaceChildren();
    this.reports.show(state);
    this.context.feedback.say(`Report density by area; zoom in to street level (zoom ${pointsFromZoom}) and select a point for its details.`);
    return Promise.resolve();
  }

  hide(): void {
    this.reports.hide();
  }

  private async showReport(point: ReportTilePoint): Promise<void> {
    const { content, feedback } = this.context;
    feedback.clearProblem();
    feedback.say('Loading report…');
    try {
      const report = await getReport(this.context.api, point.id, this.signal ?? undefined);
      const p = report.properties;
      content.replaceChildren(
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
      );
      feedback.say('');
    } catch (error) {
      feedback.fail(error);
    }
  }
}
