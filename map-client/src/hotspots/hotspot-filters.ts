import { hotspotTrends, type HotspotRun } from '../api/types';
import type { ViewState } from '../state/view-state';
import type { Choice } from '../ui/dom';
import { element, fillSelect } from '../ui/dom';
import { checkboxFilter, type FilterSection } from '../ui/filters';
import { trendLabels } from './trend-style';

/** The tasking view's hotspot filters, which GET /api/hotspots applies: trend, smallest weighted score, and run. */
export function hotspotFilters(state: ViewState, succeededRuns: Promise<readonly HotspotRun[]>): FilterSection[] {
  return [checkboxFilter('Trend', 'trend', 'trends', hotspotTrends, (trend) => trendLabels[trend], state.trends), scoreAndRunFilter(state, succeededRuns)];
}

/** When a run finished (when it was asked for, if it has not), to the minute, as people read it. */
export function runTime(run: HotspotRun): string {
  return (run.finishedAt ?? run.requestedAt).slice(0, 16).replace('T', ' ');
}

/** How a run reads in a list: when it finished, its method and how many hotspots it found. */
export function runLabel(run: HotspotRun): string {
  return `${runTime(run)} · ${run.method} · ${run.hotspotCount ?? 0} hotspots`;
}

/** Runs as select choices, newest first as listed, leaving out the one already shown. */
export function runChoices(runs: readonly HotspotRun[], except: string | null): Choice[] {
  return runs.filter((run) => run.id !== except).map((run) => ({ value: run.id, label: runLabel(run) }));
}

/** The minimum score as typed: blank, not a number or below 0 (which the API refuses) mean no minimum. */
export function minScoreFrom(text: string): number | null {
  const score = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(score) || score < 0 ? null : score;
}

export const unlistedRun = (id: string): string => `Run ${id.slice(0, 8)}`;

function scoreAndRunFilter(state: ViewState, succeededRuns: Promise<readonly HotspotRun[]>): FilterSection {
  const minScore = element('input', {
    type: 'number',
    id: 'filter-min-score',
    name: 'minScore',
    min: '0',
    step: 'any',
    inputmode: 'decimal',
    value: state.minScore === null ? '' : String(state.minScore),
  });
  const run = element('select', { id: 'filter-run', name: 'runId' });
  // The newest succeeded run is what "latest" shows already: only earlier ones are choices.
  fillSelect(run, 'Latest run', [], state.runId, unlistedRun);
  void succeededRuns.then(
    (runs) => fillSelect(run, 'Latest run', runChoices(runs, runs[0]?.id ?? null), state.runId, unlistedRun),
    // The view reports a failed run list itself; the filter keeps "latest" and the run the URL names.
    () => undefined,
  );
  return {
    element: element(
      'fieldset',
      {},
      element('legend', {}, 'Hotspots'),
      element('label', { for: 'filter-min-score', class: 'stacked' }, 'Minimum weighted score', minScore),
      element('label', { for: 'filter-run', class: 'stacked' }, 'Hotspots of run', run),
    ),
    read: (data) => ({ minScore: minScoreFrom(String(data.get('minScore') ?? '')), runId: String(data.get('runId') ?? '') || null }),
  };
}
