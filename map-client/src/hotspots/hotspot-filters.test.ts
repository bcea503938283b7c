import { describe, expect, it } from 'vitest';
import type { HotspotRun } from '../api/types';
import { minScoreFrom, runChoices } from './hotspot-filters';

function run(id: string, finishedAt: string, hotspotCount: number): HotspotRun {
  return { id, method: 'gistar', status: 'succeeded', finishedAt, requestedAt: finishedAt, hotspotCount } as HotspotRun;
}

describe('hotspot filters', () => {
  it('offers the runs in the order listed, without the one already shown, each by when it finished', () => {
    const runs = [run('r3', '2026-03-01T02:00:05Z', 12), run('r2', '2026-02-01T02:00:00Z', 9), run('r1', '2026-01-01T02:00:00Z', 0)];
    expect(runChoices(runs, 'r3')).toEqual([
      { value: 'r2', label: '2026-02-01 02:00 · gistar · 9 hotspots' },
      { value: 'r1', label: '2026-01-01 02:00 · gistar · 0 hotspots' },
    ]);
    expect(runChoices(runs, null).map((choice) => choice.value)).toEqual(['r3', 'r2', 'r1']);
  });

  it('reads the minimum score as a number of at least 0, and anything else as none', () => {
    expect(minScoreFrom(' 2.5 ')).toBe(2.5);
    expect(minScoreFrom('0')).toBe(0);
    expect(minScoreFrom('')).toBeNull();
    expect(minScoreFrom('-1')).toBeNull();
    expect(minScoreFrom('lots')).toBeNull();
  });
});
