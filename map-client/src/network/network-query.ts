import type { NetworkParams } from '../api/network';
import { defaultNodeLimit, type ViewState } from '../state/view-state';

/** The network a view state asks for: its starts, how far out, how many entities at most, and the link filters. */
export function networkParams(state: ViewState): NetworkParams {
  return { start: state.networkStarts, hops: state.hops ?? 1, nodeLimit: state.nodeLimit ?? defaultNodeLimit, ...linkFilterParams(state) };
}

/** The filters a network, its paths and its export share (the API's NetworkFilterParameters): link type, grading, time and agency. */
export function linkFilterParams(state: ViewState): NetworkParams {
  return {
    linkType: state.linkTypes,
    minSourceEvaluation: state.minSourceEvaluation,
    minIntelligenceAssessment: state.minIntelligenceAssessment,
    from: state.from,
    to: state.to,
    agencyId: state.linkAgencies,
  };
}

/** The k shortest paths between two entities, through the links the view's filters keep. */
export function pathParams(state: ViewState, start: string, end: string, k = 3): NetworkParams {
  return { start, end, k, ...linkFilterParams(state) };
}

/** Adds a node to the starts (expanding it), keeping the order and leaving a start that is already there alone. */
export function withStart(starts: readonly string[], start: string): string[] {
  return starts.includes(start) ? [...starts] : [...starts, start];
}

/**
 * The time slider works in whole days back from today; these turn a day on it into the date the API reads and back.
 * `span` days back is the slider's left end: a date before it sits at the end.
 */
export function dayToDate(today: string, daysBack: number): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - daysBack);
  return day.toISOString().slice(0, 10);
}

export function dateToDay(today: string, date: string | null, span: number, fallback: number): number {
  if (!date) return fallback;
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  return Math.min(span, Math.max(0, days));
}
