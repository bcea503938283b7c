import type { ExpressionSpecification } from 'maplibre-gl';
import { hotspotTrends, type HotspotTrend } from '../api/types';

/**
 * Trend colours: warm for growing (new, intensifying), dark for steady, cool and pale for fading. Chosen to stay
 * distinguishable under the common colour-vision deficiencies, and always shown with the trend's name in the legend.
 */
export const trendColours: Record<HotspotTrend, string> = {
  new: '#d95f02',
  intensifying: '#b2182b',
  persistent: '#5e3c99',
  diminishing: '#4393c3',
  historical: '#969696',
};

export const trendLabels: Record<HotspotTrend, string> = {
  new: 'New',
  intensifying: 'Intensifying',
  persistent: 'Persistent',
  diminishing: 'Diminishing',
  historical: 'Historical',
};

/** A `match` on the feature's trend; an unknown trend draws grey rather than failing the layer. */
export function trendColourExpression(): ExpressionSpecification {
  const pairs = hotspotTrends.flatMap((trend) => [trend, trendColours[trend]]);
  return ['match', ['get', 'trend'], ...pairs, '#bdbdbd'] as unknown as ExpressionSpecification;
}
