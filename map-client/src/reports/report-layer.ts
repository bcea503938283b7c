import type { ExpressionSpecification, MapLayerMouseEvent, VectorTileSource } from 'maplibre-gl';
import type { ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { element } from '../ui/dom';
import { swatch } from '../ui/legend';
import { pointsFromZoom, reportTileUrl } from './report-tiles';

const source = 'reports';
const layers = ['reports-cells', 'reports-points'];
const pointColour = '#1d3557';

/** Density: more reports in a cell, darker; a single report stays visible. One table for the map and the legend. */
const cellColours: readonly (readonly [reports: number, colour: string])[] = [
  [1, '#c6dbef'],
  [5, '#6baed6'],
  [20, '#2171b5'],
  [50, '#08306b'],
];

/** What a report point in a tile carries (the API's tile attributes). */
export interface ReportTilePoint {
  id: string;
  category: string;
  occurred_at: string;
  location_precision_meters: number;
}

/**
 * Reports from the API's vector tiles, as the caller's role may see them (masked in SQL, never here): counts per
 * grid cell below street level (the server aggregates, so no tile carries a city's raw points) and points from it.
 * A street-level tile holding too many reports to send one by one comes as cells too (the API keeps every tile
 * under 500 KB), so cells draw at every zoom; the geometry type, not the zoom, tells a cell from a point.
 */
export class ReportLayer {
  private readonly onClick = (event: MapLayerMouseEvent): void => {
    const feature = event.features?.[0];
    if (feature && this.onSelect) this.onSelect(feature.properties as ReportTilePoint);
  };

  constructor(
    private readonly context: ViewContext,
    private readonly onSelect?: (point: ReportTilePoint) => void,
  ) {}

  show(state: ViewState): void {
    const { map } = this.context;
    const tiles = [reportTileUrl(location.origin, state)];
    const existing = map.getSource(source) as VectorTileSource | undefined;
    if (existing) {
      existing.setTiles(tiles);
      return;
    }
    map.addSource(source, { type: 'vector', tiles, minzoom: 0, maxzoom: 16 });
    const beneath = map.getLayer('hotspots-fill') ? 'hotspots-fill' : undefined;
    map.addLayer(
      {
        id: 'reports-cells',
        type: 'fill',
        source,
        'source-layer': 'reports',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: {
          'fill-color': ['interpolate', ['linear'], ['get', 'point_count'], ...cellColours.flat()] as unknown as ExpressionSpecification,
          'fill-opacity': 0.7,
        },
      },
      beneath,
    );
    map.addLayer(
      {
        id: 'reports-points',
        type: 'circle',
        source,
        'source-layer': 'reports',
        // No minzoom: the API sends points only from zoom 14, so the geometry filter is the one rule.
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 14, 4, 18, 8],
          'circle-color': pointColour,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
      beneath,
    );
    if (this.onSelect) map.on('click', 'reports-points', this.onClick);
  }

  hide(): void {
    const { map } = this.context;
    map.off('click', 'reports-points', this.onClick);
    for (const layer of layers) if (map.getLayer(layer)) map.removeLayer(layer);
    if (map.getSource(source)) map.removeSource(source);
  }
}

/** The report layer's legend: the cell colours by count and the point, with when each appears. */
export function reportLegend(): HTMLElement[] {
  // The colours blend between these counts (linear interpolation), so the legend names the counts, not ranges.
  const cellItems = cellColours.map(([reports, colour], index) =>
    element('li', {}, swatch(colour), index === cellColours.length - 1 ? `${reports} or more reports in a cell` : `${reports} report${reports === 1 ? '' : 's'} in a cell`),
  );
  return [
    element('strong', {}, 'Reports'),
    element(
      'ul',
      { 'aria-label': 'Report legend' },
      ...cellItems,
      element('li', {}, swatch(pointColour, ';border-radius:50%'), `One report (from zoom ${pointsFromZoom})`),
    ),
    element(
      'p',
      { class: 'hint' },
      `Cells count reports below zoom ${pointsFromZoom}, and at street level where an area holds too many reports to draw one by one.`,
    ),
  ];
}
