import { describe, expect, it } from 'vitest';
import type { HotspotHistoryEntry } from '../api/types';
import { polylinePoints, scaleTrend } from './trend-chart';

const box = { width: 120, height: 60, padding: 10 };

function history(...scores: number[]): HotspotHistoryEntry[] {
  return scores.map((weightedScore, index) => ({
    runId: `r${index}`,
    runFinishedAt: `2026-01-0${index + 1}T02:00:00Z`,
    areaSquareMeters: 1000,
    reportCount: 5,
    weightedScore,
    zScore: null,
    confidencePercent: null,
    trend: null,
  }));
}

describe('trend chart scaling', () => {
  it('spaces runs evenly across the box, oldest on the left', () => {
    expect(scaleTrend(history(1, 2, 3), box).map((p) => p.x)).toEqual([10, 60, 110]);
  });

  it('puts 0 on the bottom line and the highest score on the top line', () => {
    const points = scaleTrend(history(0, 5, 10), box);
    expect(points.map((p) => p.y)).toEqual([50, 30, 10]);
  });

  it('keeps the axis from 0, so a small change looks small', () => {
    const [low, high] = scaleTrend(history(9, 10), box);
    expect(low!.y - high!.y).toBeCloseTo(4);
  });

  it('centres a single run and lays all-zero scores on the bottom line', () => {
    expect(scaleTrend(history(7), box)).toMatchObject([{ x: 60, y: 10, score: 7, runId: 'r0' }]);
    expect(scaleTrend(history(0, 0), box).map((p) => p.y)).toEqual([50, 50]);
  });

  it('draws nothing for no runs and rounds the polyline', () => {
    expect(scaleTrend([], box)).toEqual([]);
    expect(polylinePoints(scaleTrend(history(1, 3, 2), box))).toBe('10,36.7 60,10 110,23.3');
  });
});
