import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { listReports } from '../api/reports';
import type { ReportCollection, ReportProperties } from '../api/types';
import type { ViewContext } from '../state/view-context';
import { timeWindow, type ViewState } from '../state/view-state';

const source = 'reports';
const layers = ['reports-density', 'reports-points'];
const emptyCollection: ReportCollection = { type: 'FeatureCollection', features: [] };

/**
 * Reports in the visible box, as the API gives them for the caller's role (masked in SQL, never here).
 * `density` draws a heatmap at low zoom fading into points at street level (the maplibre heatmap example's rule);
 * `points` draws clickable points at every zoom for the analyst.
 */
export class ReportLayer {
  private state: ViewState | null = null;
  private reload: AbortController | null = null;
  private readonly onMove = (): void => {
    if (this.state) void this.load(this.state).catch((error) => this.context.feedback.fail(error));
  };
  private readonly onClick = (event: MapLayerMouseEvent): void => {
    const feature = event.features?.[0];
    if (feature && this.onSelect) this.onSelect(String(feature.id ?? ''), feature.properties as ReportProperties);
  };

  constructor(
    private readonly context: ViewContext,
    private readonly mode: 'density' | 'points',
    private readonly onSelect?: (id: string, properties: ReportProperties) => void,
  ) {}

  /** Number of reports drawn after the last load. */
  count = 0;

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    this.state = state;
    this.ensureLayers();
    await this.load(state, signal);
  }

  hide(): void {
    const { map } = this.context;
    this.state = null;
    this.reload?.abort();
    map.off('moveend', this.onMove);
    map.off('click', 'reports-points', this.onClick);
    for (const layer of layers) if (map.getLayer(layer)) map.removeLayer(layer);
    if (map.getSource(source)) map.removeSource(source);
  }

  private async load(state: ViewState, signal?: AbortSignal): Promise<void> {
    this.reload?.abort();
    const controller = new AbortController();
    this.reload = controller;
    signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const bounds = this.context.map.getBounds();
    const reports = await listReports(
      this.context.api,
      {
        bbox: [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
        ...timeWindow(state),
        category: state.categories,
      },
      controller.signal,
    );
    this.count = reports.features.length;
    (this.context.map.getSource(source) as GeoJSONSource | undefined)?.setData(reports);
  }

  private ensureLayers(): void {
    const { map } = this.context;
    if (map.getSource(source)) return;
    map.addSource(source, { type: 'geojson', data: emptyCollection });
    if (this.mode === 'density') {
      map.addLayer({
        id: 'reports-density',
        type: 'heatmap',
        source,
        maxzoom: 15,
        paint: {
          // Density at city scale; fades out by zoom 15 where points take over.
          'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 8, 8, 14, 24],
          'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 13, 0.8, 15, 0],
        },
      });
    }
    map.addLayer({
      id: 'reports-points',
      type: 'circle',
      source,
      minzoom: this.mode === 'density' ? 13 : 0,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 16, 6],
        'circle-color': '#1d3557',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    });
    map.on('moveend', this.onMove);
    if (this.onSelect) map.on('click', 'reports-points', this.onClick);
  }
}
