import type { HotspotHistoryEntry } from '../api/types';

/** The chart's box in SVG user units; `padding` keeps markers and labels inside it. */
export interface ChartBox {
  width: number;
  height: number;
  padding: number;
}

export const defaultChartBox: ChartBox = { width: 280, height: 90, padding: 10 };

export interface ChartPoint {
  x: number;
  y: number;
  score: number;
  runId: string;
  runFinishedAt: string | null;
}

/**
 * Places each run's weighted score in the box: runs evenly spaced left (oldest) to right, scores from 0 at the bottom
 * to the highest score at the top. The axis starts at 0 so a small rise does not look like a surge; all scores 0 lie
 * on the bottom line, and a single run sits in the middle.
 */
export function scaleTrend(history: readonly HotspotHistoryEntry[], box: ChartBox = defaultChartBox): ChartPoint[] {
  const innerWidth = box.width - 2 * box.padding;
  const innerHeight = box.height - 2 * box.padding;
  const max = Math.max(0, ...history.map((entry) => entry.weightedScore ?? 0));
  return history.map((entry, index) => ({
    x: box.padding + (history.length === 1 ? innerWidth / 2 : (index * innerWidth) / (history.length - 1)),
    y: box.padding + innerHeight - (max > 0 ? (Math.max(0, entry.weightedScore ?? 0) / max) * innerHeight : 0),
    score: entry.weightedScore ?? 0,
    runId: entry.runId,
    runFinishedAt: entry.runFinishedAt,
  }));
}

/** The polyline's `points` attribute, rounded to a tenth of a unit. */
export function polylinePoints(points: readonly ChartPoint[]): string {
  return points.map((point) => `${round(point.x)},${round(point.y)}`).join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const svg = 'http://www.w3.org/2000/svg';

/** An inline SVG line chart of the score over runs, with a text alternative naming the first and last scores. */
export function trendChart(history: readonly HotspotHistoryEntry[], box: ChartBox = defaultChartBox): SVGSVGElement {
  const points = scaleTrend(history, box);
  const chart = document.createElementNS(svg, 'svg');
  chart.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
  chart.setAttribute('width', String(box.width));
  chart.setAttribute('height', String(box.height));
  chart.setAttribute('class', 'trend-chart');
  chart.setAttribute('role', 'img');
  const first = points[0];
  const last = points[points.length - 1];
  const title = document.createElementNS(svg, 'title');
  title.textContent =
    first && last
      ? `Weighted score over ${points.length} run${points.length === 1 ? '' : 's'}: from ${first.score.toFixed(1)} to ${last.score.toFixed(1)}`
      : 'No runs to chart';
  chart.append(title);
  chart.setAttribute('aria-label', title.textContent);
  const axis = document.createElementNS(svg, 'line');
  for (const [name, value] of Object.entries({ x1: box.padding, x2: box.width - box.padding, y1: box.height - box.padding, y2: box.height - box.padding })) {
    axis.setAttribute(name, String(value));
  }
  axis.setAttribute('class', 'trend-axis');
  chart.append(axis);
  const line = document.createElementNS(svg, 'polyline');
  line.setAttribute('points', polylinePoints(points));
  line.setAttribute('class', 'trend-line');
  chart.append(line);
  for (const point of points) {
    const marker = document.createElementNS(svg, 'circle');
    marker.setAttribute('cx', String(round(point.x)));
    marker.setAttribute('cy', String(round(point.y)));
    marker.setAttribute('r', '3');
    marker.setAttribute('class', 'trend-point');
    const tip = document.createElementNS(svg, 'title');
    tip.textContent = `${point.runFinishedAt?.slice(0, 16).replace('T', ' ') ?? point.runId.slice(0, 8)}: ${point.score.toFixed(2)}`;
    marker.append(tip);
    chart.append(marker);
  }
  return chart;
}
