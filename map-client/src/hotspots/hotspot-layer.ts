import type { ExpressionSpecification, GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { hotspotTrends } from '../api/types';
import type { ViewContext } from '../state/view-context';
import { element } from '../ui/dom';
import { swatch } from '../ui/legend';
import { hotspotAreasFromZoom, withCentroids } from './centroids';
import type { hotspotsForMap } from './changes';
import { changeColourExpression, trendColourExpression, trendColours, trendLabels } from './trend-style';

type GeoJSONData = Parameters<GeoJSONSource['setData']>[0];
const source = 'hotspots';
const fill = 'hotspots-fill';
/** The low-zoom circles, one per hotspot at its centre (see {@link hotspotAreasFromZoom}). */
export const hotspotCentroidLayer = 'hotspots-centroids';
const layers = [fill, 'hotspots-outline', 'hotspots-change', 'hotspots-gone', 'hotspots-selected', hotspotCentroidLayer, 'hotspots-centroid-selected'];
type MapHotspots = ReturnType<typeof hotspotsForMap>;
const empty: MapHotspots = { type: 'FeatureCollection', features: [] };
// One source holds the areas and their centre points (withCentroids): the geometry type says which layer draws which.
const isArea: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const isCentre: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
// Gone hotspots come from the earlier run: drawn as a dashed outline only, never filled as if they were still there.
const isGone: ExpressionSpecification = ['==', ['coalesce', ['get', 'change'], 'none'], 'gone'];
const notGone: ExpressionSpecification = ['!', isGone];
const selectedIs = (id: string | null): ExpressionSpecification => ['==', ['get', 'id'], id ?? ''];

/**
 * Hotspots on the map. From zoom {@link hotspotAreasFromZoom}: areas filled by trend, outlined thicker in the change
 * colour when a comparison run is chosen, gone ones dashed, the selected one outlined in black. Below it: a circle per
 * hotspot at its centre, filled by trend and ringed the same way (gone ones a ring only). Shared by the map views.
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
    (map.getSource(source) as GeoJSONSource).setData(withCentroids(hotspots) as unknown as GeoJSONData);
    map.setFilter('hotspots-selected', ['all', isArea, selectedIs(selected)]);
    map.setFilter('hotspots-centroid-selected', ['all', isCentre, selectedIs(selected)]);
  }

  clear(): void {
    if (this.context.map.getSource(source)) this.show(empty);
  }

  hide(): void {
    const { map } = this.context;
    map.off('click', fill, this.onClick);
    map.off('click', hotspotCentroidLayer, this.onClick);
    for (const layer of layers) if (map.getLayer(layer)) map.removeLayer(layer);
    if (map.getSource(source)) map.removeSource(source);
  }

  private add(): void {
    const { map } = this.context;
    map.addSource(source, { type: 'geojson', data: empty as unknown as GeoJSONData, promoteId: 'id' });
    const areas = { source, minzoom: hotspotAreasFromZoom };
    const centres = { source, maxzoom: hotspotAreasFromZoom };
    const changed: ExpressionSpecification = ['in', ['coalesce', ['get', 'change'], 'none'], ['literal', ['new', 'grown', 'shrunk']]];
    map.addLayer({ id: fill, type: 'fill', ...areas, filter: ['all', isArea, notGone], paint: { 'fill-color': trendColourExpression(), 'fill-opacity': 0.45 } });
    map.addLayer({ id: 'hotspots-outline', type: 'line', ...areas, filter: ['all', isArea, notGone], paint: { 'line-color': trendColourExpression(), 'line-width': 2 } });
    map.addLayer({
      id: 'hotspots-change',
      type: 'line',
      ...areas,
      filter: ['all', isArea, changed],
      paint: { 'line-color': changeColourExpression(), 'line-width': 5, 'line-opacity': 0.9 },
    });
    map.addLayer({
      id: 'hotspots-gone',
      type: 'line',
      ...areas,
      filter: ['all', isArea, isGone],
      paint: { 'line-color': changeColourExpression(), 'line-width': 3, 'line-dasharray': [2, 2] },
    });
    map.addLayer({ id: 'hotspots-selected', type: 'line', ...areas, filter: ['all', isArea, selectedIs(null)], paint: { 'line-color': '#000', 'line-width': 4 } });
    map.addLayer({
      id: hotspotCentroidLayer,
      type: 'circle',
      ...centres,
      filter: isCentre,
      paint: {
        // Bigger as the city comes closer; at least 12 px across where a hotspot is a dot in a region.
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 6, hotspotAreasFromZoom, 9],
        'circle-color': trendColourExpression(),
        'circle-opacity': ['case', isGone, 0, 0.85],
        // The change ring as the area's change outline would be; white sets an unchanged hotspot off the basemap.
        'circle-stroke-color': ['case', ['any', changed, isGone], changeColourExpression(), '#ffffff'],
        'circle-stroke-width': ['case', ['any', changed, isGone], 3, 1.5],
      },
    });
    map.addLayer({
      id: 'hotspots-centroid-selected',
      type: 'circle',
      ...centres,
      filter: ['all', isCentre, selectedIs(null)],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 9, hotspotAreasFromZoom, 12],
        'circle-opacity': 0,
        'circle-stroke-color': '#000',
        'circle-stroke-width': 3,
      },
    });
    map.on('click', fill, this.onClick);
    map.on('click', hotspotCentroidLayer, this.onClick);
  }
}

/** The hotspot layer's legend: the trend colours, and how hotspots draw at low zoom. */
export function hotspotLegend(): HTMLElement[] {
  return [
    element('strong', {}, 'Hotspot trend'),
    element('ul', { 'aria-label': 'Hotspot trend legend' }, ...hotspotTrends.map((trend) => element('li', {}, swatch(trendColours[trend]), trendLabels[trend]))),
    element('p', { class: 'hint' }, `Below zoom ${hotspotAreasFromZoom} each hotspot is a circle at its centre; zoom in to see its area.`),
  ];
}
