import type { CalibrationBin } from '@scoreline/model';
import { CHART_FONT_FAMILY } from './render-png';

/** One line of a reliability diagram. */
export interface CalibrationSeries {
  label: string;
  bins: readonly CalibrationBin[];
  color: string;
}

export interface CalibrationChartOptions {
  title: string;
  /** Smaller second line under the title (window, sample size). */
  subtitle?: string;
  series: readonly CalibrationSeries[];
  /** Leave out every text element (title, ticks, axis names, legend); for the rendering test. */
  labels?: boolean;
}

/** Chart geometry, exported so a test can look at the label areas. */
export const CHART = {
  width: 880,
  height: 580,
  plot: { left: 80, top: 80, right: 520, bottom: 500 },
  legend: { left: 550, top: 100 },
} as const;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A reliability diagram as a self-contained SVG: forecast probability (x) against observed
 * frequency (y) per bin, the diagonal of perfect calibration, one line per series with points
 * sized by the bin's count. Hand-written SVG: no browser, no charting runtime.
 */
export function calibrationChartSvg(opts: CalibrationChartOptions): string {
  const { left, top, right, bottom } = CHART.plot;
  const x = (p: number) => left + p * (right - left);
  const y = (p: number) => bottom - p * (bottom - top);
  const labels = opts.labels ?? true;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="${CHART.height}" viewBox="0 0 ${CHART.width} ${CHART.height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect x="0" y="0" width="${CHART.width}" height="${CHART.height}" fill="#ffffff"/>`,
  ];
  for (let i = 0; i <= 10; i++) {
    const p = i / 10;
    parts.push(
      `<line x1="${x(p)}" y1="${top}" x2="${x(p)}" y2="${bottom}" stroke="#e4e4e4" stroke-width="1"/>`,
      `<line x1="${left}" y1="${y(p)}" x2="${right}" y2="${y(p)}" stroke="#e4e4e4" stroke-width="1"/>`,
    );
    if (labels && i % 2 === 0) {
      parts.push(
        `<text x="${x(p)}" y="${bottom + 22}" font-size="14" text-anchor="middle" fill="#222222">${p.toFixed(1)}</text>`,
        `<text x="${left - 10}" y="${y(p) + 5}" font-size="14" text-anchor="end" fill="#222222">${p.toFixed(1)}</text>`,
      );
    }
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#444444" stroke-width="1.5"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999999" stroke-width="1.5" stroke-dasharray="6 4"/>`,
  );
  const maxN = Math.max(1, ...opts.series.flatMap((s) => s.bins.map((b) => b.n)));
  for (const s of opts.series) {
    const pts = s.bins.filter((b) => b.n > 0);
    if (pts.length > 1) {
      const d = pts.map(
        (b) => `${x(b.meanPredicted).toFixed(1)},${y(b.observedFrequency).toFixed(1)}`,
      );
      parts.push(
        `<polyline points="${d.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2.5"/>`,
      );
    }
    for (const b of pts) {
      const r = 3 + 6 * Math.sqrt(b.n / maxN);
      parts.push(
        `<circle cx="${x(b.meanPredicted).toFixed(1)}" cy="${y(b.observedFrequency).toFixed(1)}" r="${r.toFixed(1)}" fill="${s.color}" fill-opacity="0.8"/>`,
      );
    }
  }
  const { left: lx, top: ly } = CHART.legend;
  opts.series.forEach((s, i) => {
    const yy = ly + i * 28;
    parts.push(
      `<line x1="${lx}" y1="${yy}" x2="${lx + 28}" y2="${yy}" stroke="${s.color}" stroke-width="3"/>`,
    );
    if (labels)
      parts.push(
        `<text x="${lx + 36}" y="${yy + 5}" font-size="14" fill="#222222">${esc(s.label)}</text>`,
      );
  });
  if (labels) {
    parts.push(
      `<text x="${CHART.width / 2}" y="32" font-size="20" text-anchor="middle" fill="#111111">${esc(opts.title)}</text>`,
      ...(opts.subtitle
        ? [
            `<text x="${CHART.width / 2}" y="56" font-size="14" text-anchor="middle" fill="#444444">${esc(opts.subtitle)}</text>`,
          ]
        : []),
      `<text x="${(left + right) / 2}" y="${bottom + 50}" font-size="15" text-anchor="middle" fill="#222222">Forecast probability</text>`,
      `<text x="24" y="${(top + bottom) / 2}" font-size="15" text-anchor="middle" fill="#222222" transform="rotate(-90 24 ${(top + bottom) / 2})">Observed frequency</text>`,
      `<text x="${lx}" y="${ly + opts.series.length * 28 + 16}" font-size="12" fill="#555555">dashed: perfect calibration</text>`,
      `<text x="${lx}" y="${ly + opts.series.length * 28 + 34}" font-size="12" fill="#555555">point size: forecasts in bin</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}
