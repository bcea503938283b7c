import type { FilterSpecification, GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import type { ViewContext } from '../state/view-context';
import type { hotspotsForMap } from './changes';
import { changeColourExpression, trendColourExpression } from './trend-style';

type GeoJSONData = Parameters<GeoJSONSource['setData']>[0];
const source = 'hotspots';
const fill = 'hotspots-fill';
const layers = [fill, 'hotspots-outline', 'hotspots-change', 'hotspots-gone', 'hotspots-selected'];
type MapHotspots = ReturnType<typeof hotspotsForMap>;
const empty: MapHotspots = { type: 'FeatureCollection', features: [] };
// Gone hotspots come from the earlier run: drawn as a dashed outline only, never filled as if they were still there.
const notGone: FilterSpecification = ['!=', ['coalesce', ['get', 'change'], 'none'], 'gone'];

/**
 * Hotspot areas on the map: filled by trend, outlined thicker in the change colour when a comparison run is chosen,
 * gone ones dashed, the selected one outlined in black. Shared by the tasking and analyst views.
 */
export class HotspotLayer {
  private readonly onClick = (event: MapLayerMouseEvent): void => {
    const id = event.features?.[0]?.properties?.id;
    if (typeof id === 'string' && this.onSelect) this.onSelect(id);
  };

  constructor(
    private readonly context: ViewContext,
    private readonly onSelect?: (id: string) => void,
  ) {}

  /** Adds the (empty) layers if they are missing: called before other layers are added, it keeps hotspots beneath them. */
  ensure(): void {
    if (!this.context.map.getSource(source)) this.add();
  }

  show(hotspots: MapHotspots, selected: string | null = null): void {
    const { map } = this.context;
    this.ensure();
    (map.getSource(source) as GeoJSONSource).setData(hotspots as unknown as GeoJSONData);
    map.setFilter('hotspots-selected', ['==', ['get', 'id'], selected ?? '']);
  }

  clear(): void {
    if (this.context.map.getSource(source)) this.show(empty);
  }

  hide(): void {
    const { map } = this.context;
    map.off('click', fill, this.onClick);
    for (const layer of layers) if (map.getLayer(layer)) map.removeLayer(layer);
    if (map.getSource(source)) map.removeSource(source);
  }

  private add(): void {
    const { map } = this.context;
    map.addSource(source, { type: 'geojson', data: empty as unknown as GeoJSONData, promoteId: 'id' });
    map.addLayer({ id: fill, type: 'fill', source, filter: notGone, paint: { 'fill-color': trendColourExpression(), 'fill-opacity': 0.45 } });
    map.addLayer({ id: 'hotspots-outline', type: 'line', source, filter: notGone, paint: { 'line-color': trendColourExpression(), 'line-width': 2 } });
    map.addLayer({
      id: 'hotspots-change',
      type: 'line',
      source,
      filter: ['in', ['coalesce', ['get', 'change'], 'none'], ['literal', ['new', 'grown', 'shrunk']]],
      paint: { 'line-color': changeColourExpression(), 'line-width': 5, 'line-opacity': 0.9 },
    });
    map.addLayer({
      id: 'hotspots-gone',
      type: 'line',
      source,
      filter: ['==', ['get', 'change'], 'gone'],
      paint: { 'line-color': changeColourExpression(), 'line-width': 3, 'line-dasharray': [2, 2] },
    });
    map.addLayer({ id: 'hotspots-selected', type: 'line', source, filter: ['==', ['get', 'id'], ''], paint: { 'line-color': '#000', 'line-width': 4 } });
    map.on('click', fill, this.onClick);
  }
}
