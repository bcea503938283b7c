import { describe, expect, it } from 'vitest';
import type { HotspotRun, HotspotRunStatus } from '../api/types';
import { describeRun, isFinal, pollRun, runRequestFrom } from './hotspot-runs';
import { exportFileName } from './map-export';

function run(status: HotspotRunStatus, extra: Partial<HotspotRun> = {}): HotspotRun {
  return { id: 'run-1', kind: 'requested', method: 'kde', status, error: null, hotspotCount: null, newCount: null, goneCount: null, reportCount: null, durationSeconds: null, startedAt: null, ...extra } as HotspotRun;
}

describe('starting a hotspot run', () => {
  it('sends the method and only the filled-in parameters of that method', () => {
    const { request, problems } = runRequestFrom({ method: 'dbscan', epsMeters: '75', minPoints: '6', bandwidthMeters: '300', halfLifeDays: '', cellSizeMeters: ' 80 ' });
    expect(problems).toEqual([]);
    expect(request).toEqual({ method: 'dbscan', parameters: { cellSizeMeters: 80, epsMeters: 75, minPoints: 6 } });
  });

  it('sends an empty body when nothing is chosen, so the configured run happens', () => {
    expect(runRequestFrom({})).toEqual({ request: {}, problems: [] });
  });

  it('names fields that are not numbers, or not whole where they must be, and an unknown method', () => {
    const { problems } = runRequestFrom({ method: 'gistar', confidencePercent: '95.5', cellSizeMeters: 'sixty' });
    expect(problems).toEqual(['Cell size (m): "sixty" is not a number.', 'Confidence (%): "95.5" is not a whole number.']);
    expect(runRequestFrom({ method: 'kmeans' }).problems).toEqual(['method: kmeans is not one of gistar, kde, dbscan, excess.']);
  });

  it('sends the run date as given, and names one that is not a date', () => {
    expect(runRequestFrom({ method: 'excess', asOf: '2026-11-30' }).request).toEqual({ method: 'excess', asOf: '2026-11-30' });
    expect(runRequestFrom({ asOf: 'last week' }).problems).toEqual(['As of: "last week" is not a date.']);
  });
});

describe('following a run', () => {
  it('knows which statuses are final', () => {
    expect(['queued', 'running', 'succeeded', 'failed', 'skipped'].filter((s) => isFinal(s as HotspotRunStatus))).toEqual(['succeeded', 'failed', 'skipped']);
  });

  it('polls until the run is final, reporting each state and waiting between polls', async () => {
    const states = [run('queued'), run('running'), run('succeeded', { hotspotCount: 4 })];
    const seen: string[] = [];
    const waits: number[] = [];
    const final = await pollRun(async () => states.shift()!, (r) => seen.push(r.status), {
      intervalMs: 250,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(final.hotspotCount).toBe(4);
    expect(seen).toEqual(['queued', 'running', 'succeeded']);
    expect(waits).toEqual([250, 250]);
  });

  it('gives up after the timeout, saying the run carries on', async () => {
    let clock = 0;
    const polling = pollRun(async () => run('running'), () => {}, { timeoutMs: 1000, intervalMs: 400, now: () => clock, sleep: async (ms) => void (clock += ms) });
    await expect(polling).rejects.toThrow(/still running after 1 s/);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(pollRun(async () => run('queued'), () => {}, { signal: controller.signal })).rejects.toBeDefined();
  });

  it('describes a finished run with its counts and a failed one with its error', () => {
    expect(describeRun(run('succeeded', { hotspotCount: 7, newCount: 2, goneCount: 1, reportCount: 300, durationSeconds: 2.345 }))).toBe(
      'Run succeeded: 7 hotspots (2 new, 1 gone) from 300 reports in 2.3 s.',
    );
    expect(describeRun(run('failed', { error: 'boom' }))).toBe('Run failed: boom');
  });

  it('adds the analysis warnings to a finished run', () => {
    const warned = run('succeeded', {
      hotspotCount: 1, newCount: 1, goneCount: 0, reportCount: 10, durationSeconds: 1,
      warnings: [{ kind: 'reports_after_as_of', message: '3 reports after the run date were left out.' }],
    });
    expect(describeRun(warned)).toBe('Run succeeded: 1 hotspots (1 new, 0 gone) from 10 reports in 1.0 s. Warning: 3 reports after the run date were left out.');
  });
});

describe('exporting the map', () => {
  it('names the PNG by view, comparison run and time', () => {
    expect(exportFileName(new Date('2026-03-04T05:06:07Z'), 'tasking', '0192abcd-ef')).toBe('hotspotintel-tasking-since-0192abcd-20260304-0506.png');
    expect(exportFileName(new Date('2026-03-04T05:06:07Z'), 'tasking')).toBe('hotspotintel-tasking-20260304-0506.png');
  });
});
