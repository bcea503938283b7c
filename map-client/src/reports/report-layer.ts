import type { MapLayerMouseEvent, VectorTileSource } from 'maplibre-gl';
import type { ViewContext } from '../state/view-context';
import type { ViewState } from '../state/view-state';
import { pointsFromZoom, reportTileUrl } from './report-tiles';

const source = 'reports';
const layers = ['reports-cells', 'reports-points'];

/** What a report point in a tile carries (the API's tile attributes). */
export interface ReportTilePoint {
  id: string;
  category: string;
  occurred_at: string;
  location_precision_meters: number;
}

/**
 * Reports from the API's vector tiles, as the caller's role may see them (masked in SQL, never here): counts per
 * grid cell below street level (the server aggregates, so no tile carries a city's raw points) and points above it.
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
        maxzoom: pointsFromZoom,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: {
          // Density: more reports in a cell, darker; a single report stays visible.
          'fill-color': ['interpolate', ['linear'], ['get', 'point_count'], 1, '#c6dbef', 5, '#6baed6', 20, '#2171b5', 50, '#08306b'],
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
        minzoom: pointsFromZoom,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 14, 4, 18, 8],
          'circle-color': '#1d3557',
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
