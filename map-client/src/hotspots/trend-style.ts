import type { ExpressionSpecification } from 'maplibre-gl';
import { hotspotTrends, type HotspotTrend } from '../api/types';

/**
 * Trend colours: warm for growing (new, intensifying), dark for steady, cool and pale for fading, green for on and off. Chosen to stay
 * distinguishable under the common colour-vision deficiencies, and always shown with the trend's name in the legend.
 */
export const trendColours: Record<HotspotTrend, string> = {
  new: '#d95f02',
  intensifying: '#b2182b',
  persistent: '#5e3c99',
  diminishing: '#4393c3',
  historical: '#969696',
  sporadic: '#1b9e77',
};

export const trendLabels: Record<HotspotTrend, string> = {
  new: 'New',
  intensifying: 'Intensifying',
  persistent: 'Persistent',
  diminishing: 'Diminishing',
  historical: 'Historical',
  sporadic: 'Sporadic',
};

/** A `match` on the feature's trend; an unknown or absent trend draws grey rather than failing the layer. */
export function trendColourExpression(): ExpressionSpecification {
  const pairs = hotspotTrends.flatMap((trend) => [trend, trendColours[trend]]);
  return ['match', ['coalesce', ['get', 'trend'], 'none'], ...pairs, '#bdbdbd'] as unknown as ExpressionSpecification;
}

/** Change since the chosen run: solid outlines for what is there now, dashed for what has gone (see {@link changeColours}). */
export const changeColours = { new: '#d95f02', grown: '#b2182b', shrunk: '#4393c3', gone: '#343a40' } as const;

/** A `match` on the change class the client adds to each feature; unchanged hotspots get no highlight colour. */
export function changeColourExpression(): ExpressionSpecification {
  const pairs = Object.entries(changeColours).flat();
  return ['match', ['coalesce', ['get', 'change'], 'none'], ...pairs, 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification;
}
