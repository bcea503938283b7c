import { query } from '../api/client';
import { timeWindow, type ViewState } from '../state/view-state';

/** Street level: from this zoom the API's report tiles hold single points; below it, counts per grid cell. */
export const pointsFromZoom = 14;

/**
 * The tile URL template for a layer with the view's report filters (absolute, as MapLibre's workers need): time
 * window, categories, risk indicators, 3x5x2 grading codes and recording agency, with GET /api/reports' parameter names. Lists go
 * comma-separated, so one filter is one parameter and the URL stays short.
 */
export function reportTileUrl(origin: string, state: ViewState): string {
  const { from, to } = timeWindow(state);
  return `${origin}/tiles/reports/{z}/{x}/{y}.mvt${query({
    from,
    to,
    category: state.categories.join(','),
    indicator: state.indicators.join(','),
    sourceEvaluation: state.sourceEvaluations.join(','),
    intelligenceAssessment: state.intelligenceAssessments.join(','),
    handlingCode: state.handlingCodes.join(','),
    agencyId: state.agencyId,
  })}`;
}
