import { hotspotMethods, type HotspotMethod, type HotspotRun, type HotspotRunRequest, type HotspotRunStatus } from '../api/types';

/** Succeeded, failed and skipped runs do not change any more: polling stops there. */
export function isFinal(status: HotspotRunStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'skipped';
}

export const methodLabels: Record<HotspotMethod, string> = {
  gistar: 'Getis-Ord Gi* (hex grid, FDR corrected)',
  kde: 'Kernel density (quartic)',
  dbscan: 'DBSCAN clusters',
  excess: 'Local excess over the neighbourhood (default)',
};

/** The parameters the run form offers, each with the method it belongs to (none: every method) and its API bounds. */
export const runParameters = [
  { name: 'cellSizeMeters', label: 'Cell size (m)', min: 10, max: 2000, step: 'any', integer: false },
  { name: 'confidencePercent', label: 'Confidence (%)', method: 'gistar', min: 90, max: 99, step: '1', integer: true },
  { name: 'neighbourhoodRings', label: 'Neighbourhood rings', method: 'gistar', min: 1, max: 5, step: '1', integer: true },
  { name: 'bandwidthMeters', label: 'Bandwidth (m)', method: 'kde', min: 10, max: 5000, step: 'any', integer: false },
  { name: 'densityThresholdStandardDeviations', label: 'Threshold (SD above mean)', method: 'kde', min: 0, max: 10, step: 'any', integer: false },
  { name: 'epsMeters', label: 'Eps (m)', method: 'dbscan', min: 1, max: 2000, step: 'any', integer: false },
  { name: 'minPoints', label: 'Min points', method: 'dbscan', min: 2, max: 100000, step: '1', integer: true },
  { name: 'halfLifeDays', label: 'Half-life (days)', min: 1, max: 3650, step: 'any', integer: false },
  { name: 'minimumReports', label: 'Minimum reports', min: 1, max: 100000, step: '1', integer: true },
] as const satisfies readonly {
  name: keyof NonNullable<HotspotRunRequest['parameters']>;
  label: string;
  method?: HotspotMethod;
  min: number;
  max: number;
  step: string;
  integer: boolean;
}[];

/**
 * The POST body from the form's values: the chosen method and only the parameters filled in (the rest keep their
 * configured values) and belonging to that method. Text that is not a number is a problem named by its field; range
 * checks stay with the API, whose Problem Details the view shows.
 */
export function runRequestFrom(values: Readonly<Record<string, string>>): { request: HotspotRunRequest; problems: string[] } {
  const problems: string[] = [];
  const methodText = (values.method ?? '').trim();
  const method = (hotspotMethods as readonly string[]).includes(methodText) ? (methodText as HotspotMethod) : undefined;
  if (methodText && !method) problems.push(`method: ${methodText} is not one of ${hotspotMethods.join(', ')}.`);
  const parameters: Record<string, number> = {};
  for (const parameter of runParameters) {
    if ('method' in parameter && method && parameter.method !== method) continue;
    const text = (values[parameter.name] ?? '').trim();
    if (text === '') continue;
    const value = Number(text);
    if (!Number.isFinite(value) || (parameter.integer && !Number.isInteger(value))) {
      problems.push(`${parameter.label}: "${text}" is not ${parameter.integer ? 'a whole number' : 'a number'}.`);
      continue;
    }
    parameters[parameter.name] = value;
  }
  const asOf = (values.asOf ?? '').trim();
  if (asOf && Number.isNaN(Date.parse(asOf))) problems.push(`As of: "${asOf}" is not a date.`);
  const request: HotspotRunRequest = {};
  if (method) request.method = method;
  if (asOf && !Number.isNaN(Date.parse(asOf))) request.asOf = asOf;
  if (Object.keys(parameters).length) request.parameters = parameters;
  return { request, problems };
}

/** One line on where a run is, for the progress line. */
export function describeRun(run: HotspotRun): string {
  switch (run.status) {
    case 'queued':
      return `Run queued (${run.method})…`;
    case 'running':
      return `Run running (${run.method})${run.startedAt ? ` since ${run.startedAt.slice(11, 19)}` : ''}…`;
    case 'succeeded':
      return `Run succeeded: ${run.hotspotCount ?? 0} hotspots (${run.newCount ?? 0} new, ${run.goneCount ?? 0} gone) from ${run.reportCount ?? 0} reports in ${(run.durationSeconds ?? 0).toFixed(1)} s.`
        + (run.warnings ?? []).map((warning) => ` Warning: ${warning.message}`).join('');
    case 'failed':
      return `Run failed: ${run.error ?? 'no reason given'}`;
    case 'skipped':
      return `Run skipped: ${run.error ?? 'no reason given'}`;
  }
}

export interface PollOptions {
  intervalMs?: number;
  /** Give up after this long (the run carries on at the server). */
  timeoutMs?: number;
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

/** Fetches the run until it is final, reporting each state; throws on timeout or abort, and on any API error. */
export async function pollRun(
  fetchRun: () => Promise<HotspotRun>,
  onProgress: (run: HotspotRun) => void,
  options: PollOptions = {},
): Promise<HotspotRun> {
  const { intervalMs = 1000, timeoutMs = 10 * 60_000, signal, sleep = wait, now = Date.now } = options;
  const deadline = now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const run = await fetchRun();
    onProgress(run);
    if (isFinal(run.status)) return run;
    if (now() >= deadline) throw new Error(`The run was still ${run.status} after ${Math.round(timeoutMs / 1000)} s; it carries on at the server.`);
    await sleep(intervalMs, signal);
  }
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
