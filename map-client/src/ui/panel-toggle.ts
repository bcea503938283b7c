import { element } from './dom';

/**
 * A header button that hides and shows the side panel, so that on a tablet the map can have the whole screen. It is a
 * disclosure button (WAI-ARIA Authoring Practices): its name stays "Side panel" and aria-expanded says whether the
 * panel is open; Enter and Space work as on any button.
 */
export function addPanelToggle(panel: HTMLElement, after: HTMLElement, onToggle: () => void): HTMLButtonElement {
  const button = element('button', { type: 'button', id: 'panel-toggle', class: 'panel-toggle', 'aria-controls': panel.id, 'aria-expanded': 'true' }, 'Side panel');
  button.onclick = () => {
    const expanded = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(expanded));
    panel.hidden = !expanded;
    onToggle();
  };
  after.after(button);
  return button;
}
