// The paper portfolio's equity curve: cumulative profit in units after each settled pick, drawn
// as SVG in the reports' style and rendered to PNG with their bundled font (resvg loads lazily,
// with the first chart).
import { CHART_FONT_FAMILY, renderPng } from '../reports/render-png';

export interface EquityPoint {
  /** When the pick settled. */
  at: Date;
  /** Cumulative profit in units after it. */
  equity: number;
}

const W = 720;
const H = 400;
const PAD = { left: 60, right: 20, top: 50, bottom: 50 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function equityChartSvg(points: readonly EquityPoint[], title: string): string {
  const values = [0, ...points.map((p) => p.equity)];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const x = (i: number) =>
    PAD.left + (i / Math.max(values.length - 1, 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((hi - v) / span) * (H - PAD.top - PAD.bottom);
  const path = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const ticks = [lo, (lo + hi) / 2, hi]
    .map(
      (v) =>
        `<text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="12">${v.toFixed(1)}</text>`,
    )
    .join('');
  const first = points[0]?.at.toISOString().slice(0, 10) ?? '';
  const last = points.at(-1)?.at.toISOString().slice(0, 10) ?? '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="28" text-anchor="middle" font-size="16">${esc(title)}</text>`,
    `<line x1="${PAD.left}" y1="${y(0)}" x2="${W - PAD.right}" y2="${y(0)}" stroke="#999" stroke-dasharray="4 4"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#333"/>`,
    ticks,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${path}"/>`,
    `<text x="${PAD.left}" y="${H - 20}" font-size="12">${first}</text>`,
    `<text x="${W - PAD.right}" y="${H - 20}" text-anchor="end" font-size="12">${last}</text>`,
    `<text x="${W / 2}" y="${H - 20}" text-anchor="middle" font-size="12">units, ${points.length} settled picks</text>`,
    `</svg>`,
  ].join('');
}

/** The equity curve as PNG bytes (null when nothing is settled). */
export function equityChartPng(points: readonly EquityPoint[], title: string): Buffer | null {
  return points.length > 0 ? renderPng(equityChartSvg(points, title)) : null;
}
