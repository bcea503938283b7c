import { element } from './dom';

/** A legend's colour sample; `extra` adds CSS (a border for outlines, a radius for points). Hidden from screen readers: the item's words say it. */
export function swatch(background: string, extra = ''): HTMLSpanElement {
  return element('span', { class: 'swatch', style: `background:${background}${extra}`, 'aria-hidden': 'true' });
}
