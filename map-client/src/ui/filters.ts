import { reportCategories } from '../api/types';
import type { ViewState } from '../state/view-state';
import { element } from './dom';

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

/** The time window and category filters shared by the map views; extra fieldsets (trend) come from the view. */
export function renderTimeAndCategoryFilters(
  form: HTMLFormElement,
  state: ViewState,
  update: (change: Partial<ViewState>) => void,
  extra: HTMLFieldSetElement[] = [],
): void {
  const from = element('input', { type: 'date', id: 'filter-from', name: 'from', value: state.from ?? '' });
  const to = element('input', { type: 'date', id: 'filter-to', name: 'to', value: state.to ?? '' });
  const timeWindow = element(
    'fieldset',
    {},
    element('legend', {}, 'Time window'),
    element('label', { for: 'filter-from' }, 'From', from),
    element('label', { for: 'filter-to' }, 'To', to),
  );
  const categories = element('fieldset', {}, element('legend', {}, 'Category'));
  for (const code of reportCategories) {
    const box = element('input', { type: 'checkbox', name: 'category', value: code });
    box.checked = state.categories.includes(code);
    categories.append(element('label', {}, box, categoryLabel(code)));
  }
  const apply = element('button', { type: 'submit' }, 'Apply filters');
  form.replaceChildren(timeWindow, categories, ...extra, apply);
  form.onsubmit = (event) => {
    event.preventDefault();
    const data = new FormData(form);
    update({
      from: String(data.get('from') ?? '') || null,
      to: String(data.get('to') ?? '') || null,
      categories: data.getAll('category').map(String) as ViewState['categories'],
      trends: data.getAll('trend').map(String) as ViewState['trends'],
    });
  };
}
