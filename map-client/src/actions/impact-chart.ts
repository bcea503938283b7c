/**
 * The impact of a disruption action as inline SVG markup, from GET /api/disruption-actions/{id}/impact: the weekly
 * (per bin) counts in the target, the comparison area and the ring around the target, a divider where the action
 * began, the verdict's sentence and the percentage change with its interval. Pure: JSON in, markup out, every text
 * escaped, so it can be tested without a browser and shown with innerHTML.
 */

/** One bin of the series: counts in the target, the ring and the comparison area (impact API contract). */
export interface ImpactBin {
  periodStart: string;
  window: 'before' | 'after';
  target: number;
  ring: number;
  comparison: number;
}

export interface RateRatioEstimate {
  logRateRatio: number;
  standardError: number;
  /** Bounds of the rate ratio (not of its log). */
  lower: number;
  upper: number;
  confidencePercent: number;
  model: string;
}

export interface ImpactAssessment {
  verdict: string;
  reason: string;
  estimate: RateRatioEstimate | null;
  displacement: { verdict: string; reason: string; estimate: RateRatioEstimate | null; weightedDisplacementQuotient?: number | null } | null;
  binsPerWindow?: number;
  targetBefore?: number;
  targetAfter?: number;
  comparisonBefore?: number;
  comparisonAfter?: number;
}

export interface ActionImpact {
  actionId: string;
  tacticCode: string;
  targetKind: string;
  assessable: boolean;
  reason: string;
  binDays: number;
  windowDays: number;
  before: { from: string; to: string } | null;
  after: { from: string; to: string } | null;
  targetRadiusMetres?: number | null;
  ringMetres: number;
  /** ring: the ring beyond the displacement ring; matched: areas without action most like the target before it. */
  comparison?: string;
  comparisonMetres: number | null;
  matchRadiusMetres?: number | null;
  matchedAreas?: MatchedArea[];
  assessment: ImpactAssessment | null;
  series: ImpactBin[];
}

/** An area matched to the target as part of its comparison (impact API contract). */
export interface MatchedArea {
  longitude: number;
  latitude: number;
  distanceMetres: number;
  before: number;
  after: number;
}

export const verdictLabels: Record<string, string> = {
  too_early: 'Too early to tell',
  insufficient_data: 'Too few reports to tell',
  too_uncertain: 'Too uncertain to tell',
  no_clear_change: 'No clear change',
  reduced: 'Reports fell',
  increased: 'Reports rose',
  no_clear_displacement: 'No clear displacement',
  displacement: 'Displaced into the ring',
  diffusion_of_benefits: 'Benefit spread to the ring',
};

export interface PercentChange {
  percent: number;
  lower: number;
  upper: number;
  confidencePercent: number;
}

/** The estimate as a percentage change with its interval: (exp(log ratio) − 1) × 100, bounds (ratio − 1) × 100. */
export function percentChange(estimate: RateRatioEstimate): PercentChange {
  return {
    percent: (Math.exp(estimate.logRateRatio) - 1) * 100,
    lower: (estimate.lower - 1) * 100,
    upper: (estimate.upper - 1) * 100,
    confidencePercent: estimate.confidencePercent,
  };
}

/** "−32 % (95 % interval −51 % to −6 %)": signed, whole percent, with a true minus sign. */
export function describeChange(change: PercentChange): string {
  return `${signed(change.percent)} % (${change.confidencePercent} % interval ${signed(change.lower)} % to ${signed(change.upper)} %)`;
}

function signed(value: number): string {
  const rounded = Math.round(value);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : '0';
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface ImpactChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const defaultImpactBox: ImpactChartBox = { width: 560, height: 220, left: 36, right: 10, top: 28, bottom: 26 };

/** The three lines and how they are drawn; each is told apart by its dash as well as its colour. */
export const impactLines = [
  { key: 'target', label: 'Target', colour: '#1d3557', dash: '' },
  { key: 'comparison', label: 'Comparison', colour: '#2a9d8f', dash: '6 3' },
  { key: 'ring', label: 'Ring', colour: '#e76f51', dash: '2 3' },
] as const;

export interface ScaledSeries {
  /** x of each bin, in time order. */
  xs: number[];
  /** Per line, the points attribute of its polyline. */
  points: Record<'target' | 'comparison' | 'ring', string>;
  /** x of the divider between the last bin before and the first after; null without both windows. */
  dividerX: number | null;
  max: number;
}

/** Places the bins in the box: evenly spaced in time order, counts from 0 at the bottom to the largest at the top. */
export function scaleSeries(series: readonly ImpactBin[], box: ImpactChartBox = defaultImpactBox): ScaledSeries {
  const bins = [...series].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const innerWidth = box.width - box.left - box.right;
  const innerHeight = box.height - box.top - box.bottom;
  const max = Math.max(1, ...bins.flatMap((bin) => [bin.target, bin.ring, bin.comparison]));
  const step = bins.length > 1 ? innerWidth / (bins.length - 1) : 0;
  const xs = bins.map((_, index) => box.left + (bins.length === 1 ? innerWidth / 2 : index * step));
  const y = (count: number): number => box.top + innerHeight - (Math.max(0, count) / max) * innerHeight;
  const line = (key: 'target' | 'comparison' | 'ring'): string => bins.map((bin, index) => `${round(xs[index]!)},${round(y(bin[key]))}`).join(' ');
  const firstAfter = bins.findIndex((bin) => bin.window === 'after');
  const dividerX = firstAfter > 0 ? round((xs[firstAfter - 1]! + xs[firstAfter]!) / 2) : null;
  return { xs, points: { target: line('target'), comparison: line('comparison'), ring: line('ring') }, dividerX, max };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The sentence under the chart: the verdict's label and reason, then the change when there is an estimate. */
export function verdictSentence(impact: ActionImpact): string {
  const assessment = impact.assessment;
  if (!impact.assessable || !assessment) return `Not assessable: ${impact.reason}`;
  const label = verdictLabels[assessment.verdict] ?? assessment.verdict;
  return `${label}. ${assessment.reason}`;
}

/**
 * The whole impact section's markup: a figure with the chart (its title and description give the totals in words),
 * the verdict sentence, the percentage change with its interval, and displacement when assessed.
 */
export function impactChart(impact: ActionImpact, box: ImpactChartBox = defaultImpactBox): string {
  const assessment = impact.assessment;
  const change = assessment?.estimate ? percentChange(assessment.estimate) : null;
  const parts: string[] = [];
  parts.push(`<p class="impact-verdict" data-verdict="${escapeXml(assessment?.verdict ?? 'not_assessable')}">${escapeXml(verdictSentence(impact))}</p>`);
  if (change) {
    parts.push(`<p class="impact-change">Change in the target against the comparison: <strong>${escapeXml(describeChange(change))}</strong></p>`);
  }
  const displacement = assessment?.displacement;
  if (displacement) {
    const ringChange = displacement.estimate ? `: ${describeChange(percentChange(displacement.estimate))}` : '';
    parts.push(
      `<p class="impact-displacement">Ring of ${Math.round(impact.ringMetres)} m: ${escapeXml(verdictLabels[displacement.verdict] ?? displacement.verdict)}${escapeXml(ringChange)}. ${escapeXml(displacement.reason)}</p>`,
    );
  }
  if (impact.series.length > 0) parts.push(chartSvg(impact, box));
  else parts.push('<p class="hint">No counts to chart.</p>');
  if (impact.before && impact.after) {
    parts.push(
      `<p class="hint">Before: ${escapeXml(impact.before.from.slice(0, 10))} to ${escapeXml(impact.before.to.slice(0, 10))}; after: ${escapeXml(impact.after.from.slice(0, 10))} to ${escapeXml(impact.after.to.slice(0, 10))}; bins of ${impact.binDays} days. Ring: up to ${Math.round(impact.ringMetres)} m beyond the target's edge; ${escapeXml(comparisonText(impact))}</p>`,
    );
  }
  if (impact.comparison === 'matched' && impact.matchedAreas?.length) parts.push(matchedAreaTable(impact.matchedAreas));
  return `<figure class="impact" aria-label="Impact of the action">${parts.join('')}</figure>`;
}

/** What the target was compared against, in words. */
export function comparisonText(impact: ActionImpact): string {
  if (impact.comparison === 'matched') {
    const count = impact.matchedAreas?.length ?? 0;
    const radius = Math.round(impact.matchRadiusMetres ?? 0);
    return count === 0
      ? `comparison: no area without action within ${radius} m held reports before the action.`
      : `comparison: the ${count === 1 ? 'area' : `${count} areas`} of the target's size without action within ${radius} m whose reports before the action were most like the target's, together.`;
  }
  return `comparison: from there to ${Math.round(impact.comparisonMetres ?? 0)} m.`;
}

function matchedAreaTable(areas: readonly MatchedArea[]): string {
  const rows = areas
    .map(
      (area, index) =>
        `<tr><td>${index + 1}</td><td>${(area.distanceMetres / 1000).toFixed(1)} km</td><td>${area.before}</td><td>${area.after}</td></tr>`,
    )
    .join('');
  return `<table class="board matched-areas"><caption>Matched areas, best match first</caption><thead><tr><th scope="col">#</th><th scope="col">Distance</th><th scope="col">Reports before</th><th scope="col">Reports after</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function chartSvg(impact: ActionImpact, box: ImpactChartBox): string {
  const scaled = scaleSeries(impact.series, box);
  const sum = (window: 'before' | 'after', key: 'target' | 'comparison' | 'ring'): number =>
    impact.series.filter((bin) => bin.window === window).reduce((total, bin) => total + bin[key], 0);
  const label = (line: (typeof impactLines)[number]): string => (line.key === 'comparison' && impact.comparison === 'matched' ? 'Matched areas' : line.label);
  const summary = impactLines
    .map((line) => `${label(line)}: ${sum('before', line.key)} reports before, ${sum('after', line.key)} after`)
    .join('; ');
  const title = `Reports per ${impact.binDays}-day bin before and after the action`;
  const bottom = box.height - box.bottom;
  const svg: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="impact-chart" viewBox="0 0 ${box.width} ${box.height}" width="${box.width}" height="${box.height}" role="img" aria-labelledby="impact-title impact-desc">`,
    `<title id="impact-title">${escapeXml(title)}</title>`,
    `<desc id="impact-desc">${escapeXml(summary)}.</desc>`,
    `<line class="impact-axis" x1="${box.left}" x2="${box.width - box.right}" y1="${bottom}" y2="${bottom}"/>`,
    `<line class="impact-axis" x1="${box.left}" x2="${box.left}" y1="${box.top}" y2="${bottom}"/>`,
    `<text class="impact-tick" x="${box.left - 4}" y="${box.top + 4}" text-anchor="end">${scaled.max}</text>`,
    `<text class="impact-tick" x="${box.left - 4}" y="${bottom}" text-anchor="end">0</text>`,
  ];
  if (scaled.dividerX !== null) {
    svg.push(
      `<line class="impact-divider" x1="${scaled.dividerX}" x2="${scaled.dividerX}" y1="${box.top - 6}" y2="${bottom}"/>`,
      `<text class="impact-tick" x="${scaled.dividerX - 4}" y="${bottom + 16}" text-anchor="end">before</text>`,
      `<text class="impact-tick" x="${scaled.dividerX + 4}" y="${bottom + 16}">after</text>`,
    );
  }
  for (const line of impactLines) {
    svg.push(
      `<polyline class="impact-line impact-${line.key}" fill="none" stroke="${line.colour}" stroke-width="2"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''} points="${scaled.points[line.key]}"/>`,
    );
  }
  impactLines.forEach((line, index) => {
    const x = box.left + index * 130;
    svg.push(
      `<line x1="${x}" x2="${x + 24}" y1="12" y2="12" stroke="${line.colour}" stroke-width="2"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''}/>`,
      `<text class="impact-tick" x="${x + 28}" y="16">${escapeXml(label(line))}</text>`,
    );
  });
  svg.push('</svg>');
  return svg.join('');
}
