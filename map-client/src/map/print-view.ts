import type { Map as MapLibreMap } from 'maplibre-gl';
import { element } from '../ui/dom';
import { swatch } from '../ui/legend';
import { type MapSheet, scaleLabel, sheetDate } from './map-sheet';

/**
 * The print view: the map as drawn now with the sheet's title, date, legend (the panel's swatches), scale bar, north
 * arrow and marking, over the app (print CSS prints only it). Esc or "Close print view" returns to the map.
 */
export function openPrintView(map: MapLibreMap, sheet: MapSheet, print: () => void = () => window.print()): HTMLElement {
  document.getElementById('print-view')?.remove();
  const close = element('button', { type: 'button', class: 'print-close' }, 'Close print view');
  const printButton = element('button', { type: 'button', class: 'print-close' }, 'Print');
  const image = element('img', { src: map.getCanvas().toDataURL('image/png'), alt: `Map: ${sheet.title}`, class: 'print-map' });
  const view = element(
    'section',
    { id: 'print-view', class: 'print-view', role: 'dialog', 'aria-label': 'Print view', tabindex: '-1' },
    element('p', { class: 'print-marking' }, sheet.marking),
    element('header', {}, element('h1', {}, sheet.title), element('p', { class: 'print-date' }, sheetDate(sheet.date)), printButton, close),
    element(
      'div',
      { class: 'print-body' },
      element(
        'figure',
        { class: 'print-figure' },
        image,
        element('span', { class: 'print-north', 'aria-label': 'North arrow: north is up' }, '▲', element('br'), 'N'),
        element(
          'span',
          { class: 'print-scale', 'aria-label': `Scale bar: ${scaleLabel(sheet.scale.meters)}` },
          element('span', { class: 'print-scale-bar', style: `width:${Math.round(sheet.scale.pixels)}px` }),
          scaleLabel(sheet.scale.meters),
        ),
      ),
      element(
        'aside',
        { class: 'print-legend', 'aria-label': 'Legend' },
        element('h2', {}, 'Legend'),
        element('ul', {}, ...sheet.legend.map((item) => element('li', {}, swatch(item.colour), item.label))),
      ),
    ),
    element('p', { class: 'print-marking' }, sheet.marking),
  );
  const dismiss = (): void => view.remove();
  close.onclick = dismiss;
  printButton.onclick = print;
  view.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') dismiss();
  });
  document.body.append(view);
  view.focus();
  return view;
}
