import type { ReportProperties } from '../api/types';
import type { AppView, ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { element, facts } from '../ui/dom';
import { categoryLabel, renderTimeAndCategoryFilters } from '../ui/filters';
import { ReportLayer } from './report-layer';

/** Analyst: report points in view with their details as the role allows. */
export class AnalystView implements AppView {
  private readonly reports: ReportLayer;

  constructor(private readonly context: ViewContext) {
    this.reports = new ReportLayer(context, 'points', (id, properties) => this.showReport(id, properties));
  }

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    renderTimeAndCategoryFilters(this.context.filters, state, this.context.update);
    feedback.say('Loading reports…');
    content.replaceChildren();
    await this.reports.show(state, signal);
    feedback.say(
      this.reports.count === 0
        ? 'No reports in view match these filters.'
        : `${this.reports.count} report${this.reports.count === 1 ? '' : 's'} in view. Select a point for details.`,
    );
  }

  hide(): void {
    this.reports.hide();
  }

  private showReport(id: string, report: ReportProperties): void {
    this.context.content.replaceChildren(
      element(
        'section',
        { 'aria-label': 'Report details' },
        element('h2', {}, categoryLabel(report.category)),
        facts([
          ['Report', id],
          ['Occurred', report.occurredAt?.slice(0, 16).replace('T', ' ')],
          ['Grading', report.grading],
          ['Location precision', `${report.locationPrecisionMeters} m`],
        ]),
        element('p', {}, report.narrative),
      ),
    );
  }
}
