import { searchPremises } from '../api/premises';
import type { AppView, ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { element } from '../ui/dom';

/** Licensing premises check: search by name, address, postcode, licence number or plate. */
export class PremisesView implements AppView {
  constructor(private readonly context: ViewContext) {}

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    const { filters, feedback, content } = this.context;
    const input = element('input', { type: 'search', id: 'premises-q', name: 'q', value: state.q ?? '', autocomplete: 'off' });
    filters.replaceChildren(
      element('label', { for: 'premises-q' }, 'Premises name, address, postcode, licence number or plate'),
      input,
      element('button', { type: 'submit' }, 'Search'),
    );
    filters.onsubmit = (event) => {
      event.preventDefault();
      this.context.update({ q: input.value.trim() || null });
    };
    content.replaceChildren();
    if (!state.q) {
      feedback.say('Search for a premises to check it.');
      return;
    }
    feedback.say('Searching…');
    const result = await searchPremises(this.context.api, state.q, signal);
    if (!result.available) {
      feedback.say('');
      content.replaceChildren(
        element('p', { class: 'not-available' }, 'Premises search is not available on this server yet.'),
      );
      return;
    }
    feedback.say(result.premises.length === 0 ? `No premises match “${state.q}”.` : `${result.premises.length} premises found.`);
    content.replaceChildren(
      element(
        'ul',
        { class: 'list', 'aria-label': 'Premises' },
        ...result.premises.map((p) => element('li', {}, [p.name, p.address, p.postcode, p.licenceNumber].filter(Boolean).join(' · '))),
      ),
    );
  }

  hide(): void {}
}
