import { createReport } from '../api/reports';
import { activeIndicators } from '../api/indicators';
import {
  handlingCodes,
  intelligenceAssessments,
  reportCategories,
  sourceEvaluations,
  type HandlingCode,
  type IntelligenceAssessment,
  type LawfulBasis,
  type Position,
  type ReportCategory,
  type ReportRequest,
  type RiskIndicator,
  type SecurityMarking,
  type SourceEvaluation,
} from '../api/types';
import type { ViewContext } from '../state/view-context';
import { element } from '../ui/dom';
import { categoryLabel } from '../ui/filters';
import { FieldForm, input, select, textarea } from '../ui/form-fields';
import { handlingCodeLabels, intelligenceAssessmentLabels, sourceEvaluationLabels } from '../ui/grading-labels';

const markings: readonly SecurityMarking[] = ['OFFICIAL', 'OFFICIAL-SENSITIVE'];
const lawfulBases: readonly { value: LawfulBasis; label: string }[] = [
  { value: 'law_enforcement', label: 'Law enforcement (DPA 2018 Part 3)' },
  { value: 'public_task', label: 'Public task' },
  { value: 'legal_obligation', label: 'Legal obligation' },
  { value: 'vital_interests', label: 'Vital interests' },
];

/**
 * The body of POST /api/reports from the form: named as the API's fields, the place the map's centre (WGS84,
 * longitude first), the time the browser's local time with its offset, and the ticked risk indicators.
 */
export function reportRequest(data: FormData, centre: Position): ReportRequest {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const local = text('occurredAt');
  const handlingCode = text('handlingCode') as HandlingCode;
  return {
    category: text('category') as ReportCategory,
    indicatorCodes: data.getAll('indicatorCodes').map(String),
    narrative: text('narrative'),
    occurredAt: local ? withOffset(local) : '',
    location: { type: 'Point', coordinates: centre } as ReportRequest['location'],
    sourceEvaluation: text('sourceEvaluation') as SourceEvaluation,
    intelligenceAssessment: text('intelligenceAssessment') as IntelligenceAssessment,
    handlingCode,
    handlingConditions: handlingCode === 'C' ? text('handlingConditions') || null : null,
    securityMarking: text('securityMarking') as SecurityMarking,
    lawfulBasis: text('lawfulBasis') as LawfulBasis,
  };
}

/** A datetime-local value ("2026-10-14T23:10") as ISO 8601 with the browser's offset at that moment ("+01:00"). */
export function withOffset(local: string, offsetMinutes = -new Date(local).getTimezoneOffset()): string {
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const minutes = Math.abs(offsetMinutes);
  return `${local.length === 16 ? `${local}:00` : local}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Records a report at the map's centre: category, what was seen, when, the 3x5x2 grading, handling and the risk
 * indicators it records (the partnership's active ones, as checkboxes). Problems come back beside the fields they name.
 */
export class ReportForm {
  readonly element: HTMLElement;
  private readonly fields = new FieldForm('report', 'Record a report');
  private readonly indicators = element('fieldset', { class: 'indicator-choices' }, element('legend', {}, 'Risk indicators'));
  private idempotencyKey = crypto.randomUUID();

  constructor(
    private readonly context: ViewContext,
    private readonly onRecorded: (id: string) => void,
  ) {
    const { form } = this.fields;
    const handling = select(handlingCodes.map((code) => ({ value: code, label: handlingCodeLabels[code] })), 'P');
    const conditions = this.fields.field('handlingConditions', 'Handling conditions', input('text'), 'Required with handling code C.');
    const showConditions = () => (conditions.hidden = handling.value !== 'C');
    handling.onchange = showConditions;
    showConditions();
    form.append(
      this.fields.field('category', 'Category', select(reportCategories.map((code) => ({ value: code, label: categoryLabel(code) })), null)),
      this.fields.field('narrative', 'What was seen or heard', textarea('', 4)),
      this.fields.field('occurredAt', 'When', input('datetime-local')),
      this.fields.field('sourceEvaluation', 'Source evaluation', select(sourceEvaluations.map((code) => ({ value: code, label: sourceEvaluationLabels[code] })), '2')),
      this.fields.field('intelligenceAssessment', 'Intelligence assessment',
        select(intelligenceAssessments.map((code) => ({ value: code, label: intelligenceAssessmentLabels[code] })), 'B')),
      this.fields.field('handlingCode', 'Handling code', handling),
      conditions,
      this.fields.field('securityMarking', 'Security marking', select(markings.map((m) => ({ value: m, label: m })), 'OFFICIAL-SENSITIVE')),
      this.fields.field('lawfulBasis', 'Lawful basis', select(lawfulBases, 'law_enforcement')),
      this.indicators,
      // indicatorCodes has no single control: its problems go to the summary, with the code the API names.
      this.fields.summaryElement(),
      element('button', { type: 'submit' }, 'Record report at the map centre'),
    );
    form.onsubmit = (event) => {
      event.preventDefault();
      void this.submit();
    };
    this.element = element('details', { class: 'report-form' }, element('summary', {}, 'Record a report'), form);
  }

  /** Fills the indicator checkboxes from the partnership's list (the active ones). */
  showIndicators(indicators: readonly RiskIndicator[]): void {
    this.indicators.replaceChildren(
      element('legend', {}, 'Risk indicators'),
      ...activeIndicators(indicators).map((indicator) =>
        element('label', { title: indicator.description ?? '' }, element('input', { type: 'checkbox', name: 'indicatorCodes', value: indicator.code }), indicator.label),
      ),
    );
    this.indicators.dataset.loaded = 'true';
  }

  private async submit(): Promise<void> {
    const { lng, lat } = this.context.map.getCenter();
    const request = reportRequest(new FormData(this.fields.form), [lng, lat]);
    this.fields.clear();
    try {
      const created = await createReport(this.context.api, request, this.idempotencyKey);
      this.idempotencyKey = crypto.randomUUID();
      this.fields.form.reset();
      this.context.feedback.say(`Report recorded (${created.id.slice(0, 8)}), with ${request.indicatorCodes?.length ?? 0} risk indicator(s).`);
      this.onRecorded(created.id);
    } catch (error) {
      this.fields.show(error);
    }
  }
}
