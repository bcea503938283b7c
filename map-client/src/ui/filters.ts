import {
  handlingCodes,
  intelligenceAssessments,
  reportCategories,
  sourceEvaluations,
  type Agency,
  type RiskIndicator,
} from '../api/types';
import type { ViewState } from '../state/view-state';
import { element, fillSelect } from './dom';
import { handlingCodeLabels, intelligenceAssessmentLabels, sourceEvaluationLabels } from './grading-labels';

const categoryLabels: Record<string, string> = {
  child_with_adults: 'Child with adults',
  party_house: 'Party house',
  vehicle_pick_up: 'Vehicle pick-up',
  premises_concern: 'Premises concern',
  missing_found_location: 'Missing: found location',
  location_concern: 'Place concern',
  other: 'Other',
};

export function categoryLabel(code: string): string {
  return categoryLabels[code] ?? code;
}

/** One part of the filter form: its controls, and how to read them back into view state when the form is applied. */
export interface FilterSection {
  element: HTMLElement;
  read(data: FormData): Partial<ViewState>;
}

/** Fills the panel's filter form with the sections and an apply button; applying writes what they read to the URL. */
export function renderFilters(form: HTMLFormElement, sections: readonly FilterSection[], update: (change: Partial<ViewState>) => void): void {
  const apply = element('button', { type: 'submit' }, 'Apply filters');
  form.replaceChildren(...sections.map((section) => section.element), apply);
  form.onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(form);
    update(Object.assign({}, ...sections.map((section) => section.read(data))) as Partial<ViewState>);
  };
}

/**
 * The filters of the report layer, shared by the map views: time window, category, risk indicators, and (folded away
 * unless one is set) 3x5x2 grading and recording agency, with a hint that hotspots do not follow them. The agency and
 * indicator lists fill in when they arrive; until then, or if they cannot be read, what the URL names stays usable.
 */
export function reportFilters(
  state: ViewState,
  agencies: Promise<readonly Agency[]>,
  indicators: Promise<readonly RiskIndicator[]>,
): FilterSection[] {
  return [timeWindowFilter(state), categoryFilter(state), indicatorFilter(state, indicators), gradingAndAgencyFilter(state, agencies), reportFiltersHint()];
}

/**
 * Risk indicators beside the category: a report that records any ticked one is drawn. The list is the partnership's
 * (administrators add and retire indicators), so its checkboxes come from the API; retired ones stay, for older reports.
 */
export function indicatorFilter(state: ViewState, indicators: Promise<readonly RiskIndicator[]>): FilterSection & { element: HTMLFieldSetElement } {
  const fieldset = element('fieldset', { class: 'indicator-filter' }, element('legend', {}, 'Risk indicators'));
  const fill = (listed: readonly Pick<RiskIndicator, 'code' | 'label' | 'retired'>[]) => {
    const shown = [...listed, ...state.indicators.filter((code) => !listed.some((i) => i.code === code)).map((code) => ({ code, label: code, retired: false }))];
    fieldset.replaceChildren(
      element('legend', {}, 'Risk indicators'),
      ...shown.map((indicator) => {
        const box = element('input', { type: 'checkbox', name: 'indicator', value: indicator.code });
        box.checked = state.indicators.includes(indicator.code);
        return element('label', {}, box, indicator.retired ? `${indicator.label} (retired)` : indicator.label);
      }),
    );
  };
  fill([]);
  void indicators.then(
    (list) => {
      fill(list);
      fieldset.dataset.loaded = 'true';
    },
    // Without the list the indicators in the URL still filter; the map says nothing is wrong.
    () => undefined,
  );
  return { element: fieldset, read: (data) => ({ indicators: data.getAll('indicator').map(String) }) };
}

/** A fieldset of checkboxes, one per code; none ticked means every code. */
export function checkboxFilter<K extends keyof ViewState, T extends string>(
  legend: string,
  name: string,
  key: K,
  codes: readonly T[],
  label: (code: T) => string,
  checked: readonly T[],
): FilterSection & { element: HTMLFieldSetElement } {
  const fieldset = element('fieldset', {}, element('legend', {}, legend));
  for (const code of codes) {
    const box = element('input', { type: 'checkbox', name, value: code });
    box.checked = checked.includes(code);
    fieldset.append(element('label', {}, box, label(code)));
  }
  return {
    element: fieldset,
    read: (data) => ({ [key]: data.getAll(name).map(String).filter((value) => (codes as readonly string[]).includes(value)) }) as Partial<ViewState>,
  };
}

function timeWindowFilter(state: ViewState): FilterSection {
  const from = element('input', { type: 'date', id: 'filter-from', name: 'from', value: state.from ?? '' });
  const to = element('input', { type: 'date', id: 'filter-to', name: 'to', value: state.to ?? '' });
  return {
    element: element(
      'fieldset',
      {},
      element('legend', {}, 'Time window'),
      element('label', { for: 'filter-from' }, 'From', from),
      element('label', { for: 'filter-to' }, 'To', to),
    ),
    read: (data) => ({ from: String(data.get('from') ?? '') || null, to: String(data.get('to') ?? '') || null }),
  };
}

function categoryFilter(state: ViewState): FilterSection {
  return checkboxFilter('Category', 'category', 'categories', reportCategories, categoryLabel, state.categories);
}

function gradingAndAgencyFilter(state: ViewState, agencies: Promise<readonly Agency[]>): FilterSection {
  const parts = [
    checkboxFilter('Source evaluation', 'sourceEvaluation', 'sourceEvaluations', sourceEvaluations, (code) => sourceEvaluationLabels[code], state.sourceEvaluations),
    checkboxFilter(
      'Intelligence assessment',
      'intelligenceAssessment',
      'intelligenceAssessments',
      intelligenceAssessments,
      (code) => intelligenceAssessmentLabels[code],
      state.intelligenceAssessments,
    ),
    checkboxFilter('Handling code', 'handlingCode', 'handlingCodes', handlingCodes, (code) => handlingCodeLabels[code], state.handlingCodes),
  ];
  const select = element('select', { id: 'filter-agency', name: 'agencyId' });
  const unlisted = (id: string) => `Agency ${id.slice(0, 8)}`;
  fillSelect(select, 'All agencies', [], state.agencyId, unlisted);
  void agencies.then(
    (list) => {
      fillSelect(select, 'All agencies', list.map((agency) => ({ value: agency.id, label: `${agency.name} (${agency.code})` })), state.agencyId, unlisted);
      select.dataset.loaded = 'true';
    },
    // Without the list the filter still works for "all" and for the agency in the URL; the map says nothing is wrong.
    () => undefined,
  );
  const set =
    state.sourceEvaluations.length + state.intelligenceAssessments.length + state.handlingCodes.length + (state.agencyId ? 1 : 0);
  const details = element(
    'details',
    { class: 'filter-more' },
    element('summary', {}, set ? `Grading and agency (${set} set)` : 'Grading and agency'),
    ...parts.map((part) => part.element),
    element('label', { for: 'filter-agency', class: 'stacked' }, 'Recording agency', select),
  );
  // Folded away to keep the panel short, but never hiding a filter that is in force.
  details.open = set > 0;
  return {
    element: details,
    read: (data) => ({ ...Object.assign({}, ...parts.map((part) => part.read(data))), agencyId: String(data.get('agencyId') ?? '') || null }),
  };
}

function reportFiltersHint(): FilterSection {
  return {
    element: element(
      'p',
      { class: 'hint' },
      'Time window, category, risk indicators, grading and agency choose the reports drawn on the map. Hotspots are found from all ' +
        'reports, so these filters do not change them.',
    ),
    read: () => ({}),
  };
}
