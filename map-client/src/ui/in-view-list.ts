import type { MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import { element } from './dom';

/** At most this many items: a keyboard user pans or zooms to reach others, as a mouse user would. */
const maxItems = 50;

/**
 * The map's features in view as a list of buttons, so that what a mouse reaches on the map a keyboard (or a screen
 * reader) reaches too: Tab to an item, Enter opens its panel. It follows the map: rebuilt whenever the map settles.
 */
export class InViewList<T> {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly refresh = (): void => this.update();

  constructor(
    private readonly mapOf: () => MapLibreMap,
    private readonly layers: readonly string[],
    name: string,
    private readonly describe: (feature: MapGeoJSONFeature) => { key: string; label: string; item: T },
    private readonly open: (item: T) => void,
  ) {
    this.list = element('ul', { class: 'in-view-list', 'aria-label': name }) as HTMLUListElement;
    this.element = element('section', { 'aria-label': `${name} (list)` }, element('h3', {}, name), this.list);
  }

  start(): void {
    this.mapOf().on('idle', this.refresh);
    this.update();
  }

  stop(): void {
    this.mapOf().off('idle', this.refresh);
  }

  private update(): void {
    const present = this.layers.filter((layer) => this.mapOf().getLayer(layer));
    const seen = new Set<string>();
    const items: HTMLElement[] = [];
    for (const feature of present.length ? this.mapOf().queryRenderedFeatures({ layers: present }) : []) {
      const { key, label, item } = this.describe(feature);
      if (seen.has(key)) continue;
      seen.add(key);
      const button = element('button', { type: 'button' }, label);
      button.addEventListener('click', () => this.open(item));
      items.push(element('li', {}, button));
      if (items.length >= maxItems) break;
    }
    const current = [...this.list.querySelectorAll('button')].map((button) => button.textContent).join('\n');
    // Rebuilding an unchanged list would take the keyboard focus away from the item the user is on.
    if (current === items.map((item) => item.textContent).join('\n')) return;
    this.list.replaceChildren(...(items.length ? items : [element('li', { class: 'hint' }, 'Nothing in view: zoom in to street level or pan.')]));
  }
}
