import { query } from '../api/client';
import { timeWindow, type ViewState } from '../state/view-state';

/** Street level: from this zoom the API's report tiles hold single points; below it, counts per grid cell. */
export const pointsFromZoom = 14;

/** The tile URL template for a layer with the view's filters (absolute, as MapLibre's workers need). */
export function reportTileUrl(origin: string, state: ViewState): string {
  const { from, to } = timeWindow(state);
  return `${origin}/tiles/reports/{z}/{x}/{y}.mvt${query({ from, to, category: state.categories.join(',') })}`;
}
