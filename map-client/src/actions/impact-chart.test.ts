import { describe, expect, it } from 'vitest';
import { describeChange, escapeXml, impactChart, percentChange, scaleSeries, type ActionImpact, type ImpactBin } from './impact-chart';

const box = { width: 140, height: 70, left: 20, right: 0, top: 10, bottom: 10 };

function bins(windows: ('before' | 'after')[], counts: [number, number, number][]): ImpactBin[] {
  return windows.map((window, index) => ({
    periodStart: `2026-0${index + 1}-01T00:00:00Z`,
    window,
    target: counts[index]![0],
    comparison: counts[index]![1],
    ring: counts[index]![2],
  }));
}

function impact(overrides: Partial<ActionImpact> = {}): ActionImpact {
  return {
    actionId: 'a1',
    tacticCode: 'patrol',
    targetKind: 'hotspot',
    assessable: true,
    reason: '',
    binDays: 7,
    windowDays: 28,
    before: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' },
    after: { from: '2026-03-01T00:00:00Z', to: '2026-05-01T00:00:00Z' },
    targetRadiusMetres: null,
    ringMetres: 250,
    comparisonMetres: 1000,
    assessment: {
      verdict: 'reduced',
      reason: 'The target fell by 40 % against the comparison.',
      estimate: { logRateRatio: Math.log(0.6), standardError: 0.2, lower: 0.4, upper: 0.9, confidencePercent: 95, model: 'poisson' },
      displacement: null,
    },
    series: bins(['before', 'before', 'after', 'after'], [[10, 20, 5], [12, 18, 6], [6, 19, 5], [4, 21, 7]]),
    ...overrides,
  };
}

describe('impact chart', () => {
  it('says a matched comparison in words, labels its line and lists the areas best first', () => {
    const matched = impact({
      comparison: 'matched',
      comparisonMetres: null,
      matchRadiusMetres: 5000,
      matchedAreas: [
        { longitude: -1.9, latitude: 52.5, distanceMetres: 2100, before: 40, after: 38 },
        { longitude: -1.8, latitude: 52.5, distanceMetres: 3600, before: 41, after: 40 },
      ],
    });
    const markup = impactChart(matched, box);
    expect(markup).toContain('the 2 areas of the target&#39;s size without action within 5000 m');
    expect(markup).toContain('Matched areas:');
    expect(markup).not.toContain('Comparison:');
    expect(markup).toMatch(/<caption>Matched areas, best match first<\/caption>.*<td>1<\/td><td>2\.1 km<\/td><td>40<\/td><td>38<\/td>.*<td>2<\/td><td>3\.6 km<\/td>/);
    expect(impactChart(impact(), box)).toContain('comparison: from there to 1000 m.');
    expect(impactChart(impact(), box)).not.toContain('matched-areas');
  });


  it('turns the log rate ratio and its bounds into a percentage change with its interval', () => {
    const change = percentChange({ logRateRatio: Math.log(0.6), standardError: 0.2, lower: 0.4, upper: 0.9, confidencePercent: 95, model: 'poisson' });
    expect(change.percent).toBeCloseTo(-40);
    expect(change.lower).toBeCloseTo(-60);
    expect(change.upper).toBeCloseTo(-10);
    expect(describeChange(change)).toBe('−40 % (95 % interval −60 % to −10 %)');
    expect(describeChange({ percent: 12.4, lower: -3.2, upper: 30.6, confidencePercent: 95 })).toBe('+12 % (95 % interval −3 % to +31 %)');
  });

  it('spaces bins in time order, counts from 0 up to the largest, and divides before from after', () => {
    const shuffled = bins(['before', 'after', 'before', 'after'], [[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    shuffled[0]!.target = 10;
    shuffled[0]!.periodStart = '2026-01-01T00:00:00Z';
    shuffled[1]!.periodStart = '2026-04-01T00:00:00Z';
    shuffled[2]!.periodStart = '2026-02-01T00:00:00Z';
    shuffled[3]!.periodStart = '2026-03-01T00:00:00Z';
    const scaled = scaleSeries(shuffled, box);
    expect(scaled.xs).toEqual([20, 60, 100, 140]);
    expect(scaled.max).toBe(10);
    expect(scaled.points.target).toBe('20,10 60,60 100,60 140,60');
    // Sorted, the windows run before, before, after, after: the divider lies between the second and third bins.
    expect(scaled.dividerX).toBe(80);
  });

  it('has no divider when only one window has bins, and never divides by zero counts', () => {
    const scaled = scaleSeries(bins(['before', 'before'], [[0, 0, 0], [0, 0, 0]]), box);
    expect(scaled.dividerX).toBeNull();
    expect(scaled.points.ring).toBe('20,60 140,60');
  });

  it('gives the verdict sentence, the change and three lines with the totals in words', () => {
    const markup = impactChart(impact());
    expect(markup).toContain('Reports fell. The target fell by 40 % against the comparison.');
    expect(markup).toContain('−40 % (95 % interval −60 % to −10 %)');
    expect(markup.match(/<polyline /g)).toHaveLength(3);
    expect(markup).toContain('Target: 22 reports before, 10 after; Comparison: 38 reports before, 40 after; Ring: 11 reports before, 12 after.');
    expect(markup).toContain('class="impact-divider"');
  });

  it('says why an action cannot be assessed, with no chart and no change', () => {
    const markup = impactChart(impact({ assessable: false, reason: 'A vehicle has no place to count reports in.', assessment: null, series: [] }));
    expect(markup).toContain('Not assessable: A vehicle has no place to count reports in.');
    expect(markup).not.toContain('<svg');
    expect(markup).not.toContain('interval');
  });

  it('shows a verdict without an estimate (too early) and escapes every text', () => {
    const markup = impactChart(impact({ assessment: { verdict: 'too_early', reason: 'No full bin <yet> & "none"', estimate: null, displacement: null } }));
    expect(markup).toContain('Too early to tell. No full bin &lt;yet&gt; &amp; &quot;none&quot;');
    expect(markup).not.toContain('impact-change');
    expect(escapeXml(`<a href='x'>`)).toBe('&lt;a href=&#39;x&#39;&gt;');
  });
});
