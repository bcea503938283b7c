import { element } from './dom';

/**
 * A header button that hides and shows the side panel, so that on a tablet the map can have the whole screen. It is a
 * disclosure button (WAI-ARIA Authoring Practices): its name stays "Side panel" and aria-expanded says whether the
 * panel is open; Enter and Space work as on any button.
 */
export class PanelToggle {
  readonly button: HTMLButtonElement;

  constructor(
    private readonly panel: HTMLElement,
    after: HTMLElement,
    private readonly onToggle: () => void,
  ) {
    this.button = element('button', { type: 'button', id: 'panel-toggle', class: 'panel-toggle', 'aria-controls': panel.id, 'aria-expanded': 'true' }, 'Side panel');
    this.button.onclick = () => this.set(this.panel.hidden);
    after.after(this.button);
    // The skip link leads into the panel: it must not lead to a hidden one.
    for (const link of document.querySelectorAll<HTMLAnchorElement>(`a[href="#${panel.id}"]`)) link.addEventListener('click', () => this.set(true));
  }

  set(expanded: boolean): void {
    if (this.panel.hidden === !expanded) return;
    this.panel.hidden = !expanded;
    this.button.setAttribute('aria-expanded', String(expanded));
    this.onToggle();
  }
}
