import { shortId, type DueForReviewPage, type RecordDueForReview } from '../api/actions';
import { query } from '../api/client';
import type { AppView, ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { element, facts } from '../ui/dom';
import { FieldForm, input, textarea } from '../ui/form-fields';
import { ApiError } from '../api/problem';
import { recordSummary } from './record-summary';

const pageSize = 50;

const kindLabels: Record<string, string> = {
  reports: 'Report',
  persons: 'Person',
  premises: 'Premises',
  locations: 'Place',
  vehicles: 'Vehicle',
  links: 'Link',
  'missing-episodes': 'Missing episode',
};

/** A date `years` years after `from` (yyyy-mm-dd, UTC): the default next review date when a record is retained. */
export function yearsAfter(from: Date, years: number): string {
  const date = new Date(Date.UTC(from.getUTCFullYear() + years, from.getUTCMonth(), from.getUTCDate()));
  return date.toISOString().slice(0, 10);
}

/**
 * Supervisors' review worklist: their agency's records past their review date, oldest first. Each one is retained
 * (with the reason and the next review date) or erased (with the reason); the API refuses either without a
 * justification of 10 to 1000 characters, and the audit log keeps it with the change.
 */
export class ReviewsView implements AppView {
  private offset = 0;

  constructor(private readonly context: ViewContext) {}

  async show(_state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    this.context.filters.replaceChildren();
    this.context.legend.hidden = true;
    feedback.say('Loading records due for review…');
    const page = await this.context.api.get<DueForReviewPage>(`/api/reviews/due${query({ limit: pageSize, offset: this.offset })}`, signal);
    if (page.records.length === 0 && this.offset > 0) {
      this.offset = 0;
      return this.show(_state, signal);
    }
    feedback.say(
      page.total === 0
        ? 'No records are due for review.'
        : `${page.total} record${page.total === 1 ? '' : 's'} due for review; ${this.offset + 1}–${this.offset + page.records.length} shown.`,
    );
    const list = element('ul', { class: 'review-list', 'aria-label': 'Records due for review' }, ...page.records.map((record) => this.item(record)));
    const paging = element('p', { class: 'paging' });
    if (this.offset > 0) paging.append(this.pageButton('Previous page', -pageSize));
    if (this.offset + page.records.length < page.total) paging.append(this.pageButton('Next page', pageSize));
    content.replaceChildren(
      element('h2', {}, 'Records due for review'),
      element('p', { class: 'hint' }, 'Retain a record that is still needed, with the reason and the next review date, or erase it. Erasing a report keeps only its place, time, category and grading; anything else is deleted.'),
      list,
      paging,
    );
  }

  hide(): void {
    this.context.content.replaceChildren();
  }

  private pageButton(label: string, step: number): HTMLButtonElement {
    const button = element('button', { type: 'button' }, label);
    button.onclick = () => {
      this.offset = Math.max(0, this.offset + step);
      void this.context.refresh();
    };
    return button;
  }

  private item(record: RecordDueForReview): HTMLElement {
    const kind = kindLabels[record.entityKind] ?? record.entityKind;
    const id = record.entityId ?? '';
    const name = `${kind} ${shortId(id)}`;
    const retain = element('button', { type: 'button', 'aria-expanded': 'false' }, `Retain ${name}…`);
    const erase = element('button', { type: 'button', 'aria-expanded': 'false' }, `Erase ${name}…`);
    const slot = element('div');
    const details = element('div', { class: 'review-record' });
    const show = element('button', { type: 'button', 'aria-expanded': 'false' }, `Show ${name}`);
    show.onclick = async () => {
      if (show.getAttribute('aria-expanded') === 'true') {
        show.setAttribute('aria-expanded', 'false');
        details.replaceChildren();
        return;
      }
      show.setAttribute('aria-expanded', 'true');
      details.replaceChildren(element('p', { class: 'hint' }, 'Loading the record…'));
      details.replaceChildren(await this.recordDetails(record));
    };
    const open = (which: 'retain' | 'erase'): void => {
      retain.setAttribute('aria-expanded', String(which === 'retain'));
      erase.setAttribute('aria-expanded', String(which === 'erase'));
      slot.replaceChildren(this.decisionForm(record, name, which));
      slot.querySelector('textarea')?.focus();
    };
    retain.onclick = () => open('retain');
    erase.onclick = () => open('erase');
    return element(
      'li',
      { 'data-entity-id': id },
      element('h3', {}, name),
      facts([
        ['Record id', id],
        ['Review date', record.reviewOn],
        ['Listed', record.listedAt?.slice(0, 16).replace('T', ' ')],
      ]),
      element('p', {}, show, ' ', retain, ' ', erase),
      details,
      slot,
    );
  }

  /** The record as its own endpoint gives it (reading it is a consultation, audited like any other); a failure in words. */
  private async recordDetails(record: RecordDueForReview): Promise<HTMLElement> {
    try {
      const body = await this.context.api.get<unknown>(`/api/${encodeURIComponent(record.entityKind)}/${encodeURIComponent(record.entityId ?? '')}`);
      const rows = recordSummary(body);
      return rows.length ? facts(rows) : element('p', {}, 'The record has no fields to show.');
    } catch (error) {
      const lines = error instanceof ApiError ? error.describe() : [String(error)];
      return element('div', { class: 'error', role: 'alert' }, element('strong', {}, 'The record could not be read.'), ...lines.map((line) => element('p', {}, line)));
    }
  }

  private decisionForm(record: RecordDueForReview, name: string, decision: 'retain' | 'erase'): HTMLFormElement {
    const form = new FieldForm(`${decision}-${record.entityId}`, decision === 'retain' ? `Retain ${name}` : `Erase ${name}`);
    const justification = textarea('', 3);
    const reviewOn = input('date', yearsAfter(new Date(), 1));
    const submit = element('button', { type: 'submit', class: decision === 'erase' ? 'danger' : '' }, decision === 'retain' ? `Retain ${name}` : `Erase ${name}`);
    form.form.append(
      form.field('justification', decision === 'retain' ? 'Why it is still needed' : 'Why it is erased', justification, '10 to 1000 characters; kept in the audit log.'),
      ...(decision === 'retain' ? [form.field('reviewOn', 'Next review date', reviewOn)] : [element('p', { class: 'note' }, 'Erasing cannot be undone.')]),
      form.summaryElement(),
      submit,
    );
    form.form.onsubmit = async (event) => {
      event.preventDefault();
      form.clear();
      submit.disabled = true;
      const body = decision === 'retain' ? { justification: justification.value, reviewOn: reviewOn.value || null } : { justification: justification.value };
      try {
        await this.context.api.post(`/api/reviews/${encodeURIComponent(record.entityKind)}/${encodeURIComponent(record.entityId ?? '')}/${decision}`, body);
        await this.context.refresh();
        this.context.feedback.say(decision === 'retain' ? `${name} retained until ${reviewOn.value}.` : `${name} erased.`);
      } catch (error) {
        form.show(error);
        this.context.feedback.say(`${name} was not ${decision === 'retain' ? 'retained' : 'erased'}: see the form.`);
      } finally {
        submit.disabled = false;
      }
    };
    return form.form;
  }
}
