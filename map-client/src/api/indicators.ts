import type { ApiClient } from './client';
import type { HotspotIndicatorCounts, IndicatorCount, RiskIndicator } from './types';

/** The partnership's risk indicators, retired ones included (every signed-in role may read them: they name no record). */
export function listIndicators(api: ApiClient, signal?: AbortSignal): Promise<RiskIndicator[]> {
  return api.get<RiskIndicator[]>('/api/risk-indicators', signal);
}

/** A hotspot's reports per indicator as the caller may count them (small counts withheld in the API for masked roles). */
export function hotspotIndicatorCounts(api: ApiClient, hotspotId: string, signal?: AbortSignal): Promise<HotspotIndicatorCounts | null> {
  return api.getOrNull<HotspotIndicatorCounts>(`/api/hotspots/${encodeURIComponent(hotspotId)}/indicator-counts`, signal);
}

/**
 * The counts to show, most first: indicators no counted report records are left out, and a withheld count says so
 * (with the threshold) rather than showing a number.
 */
export function indicatorCountLines(counts: readonly IndicatorCount[], suppressedBelow: number): { label: string; text: string }[] {
  return counts
    .filter((count) => count.suppressed || (count.reports ?? 0) > 0)
    .sort((a, b) => (b.reports ?? 0) - (a.reports ?? 0) || a.label.localeCompare(b.label))
    .map((count) => ({
      label: count.label,
      text: count.suppressed ? `fewer than ${suppressedBelow} (withheld)` : String(count.reports),
    }));
}

/** The indicators a new report may take: those not retired, in list order. */
export function activeIndicators(indicators: readonly RiskIndicator[]): RiskIndicator[] {
  return indicators.filter((indicator) => !indicator.retired);
}
