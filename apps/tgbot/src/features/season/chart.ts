// The season odds as a picture: one row per team (by expected points) with a bar of points won
// and expected, and the chances of the title, the top four and relegation as shaded cells.
// Hand-written SVG drawn by the reports' PNG renderer (bundled font, no browser). Loaded with
// import() on the first /season, so an idle bot never holds it (nor resvg).
import type { SeasonOutlook } from '@scoreline/training';
import { CHART_FONT_FAMILY, renderPng } from '@scoreline/training';

export interface SeasonChartLabels {
  title: string;
  subtitle: string;
  points: string;
  title1: string;
  top: string;
  relegation: string;
}

interface TextStyle {
  size?: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
}

const ROW = 26;
const TOP = 96;
const WIDTH = 780;
const BAR = { left: 230, right: 500 };
const CELLS = [
  { key: 'title', x: 540, color: '212,160,23' },
  { key: 'top', x: 620, color: '31,119,180' },
  { key: 'relegation', x: 700, color: '214,39,40' },
] as const;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (p: number) =>
  p >= 0.995 ? '100%' : p < 0.005 && p > 0 ? '<1%' : `${Math.round(p * 100)}%`;

export function seasonChartSvg(o: SeasonOutlook, l: SeasonChartLabels): string {
  const height = TOP + o.outlook.length * ROW + 24;
  const maxPoints = Math.max(1, ...o.outlook.map((t) => t.expectedPoints));
  const x = (points: number) => BAR.left + (points / maxPoints) * (BAR.right - BAR.left);
  const text = (tx: number, ty: number, s: string, o: TextStyle = {}) =>
    `<text x="${tx}" y="${ty}" font-size="${o.size ?? 14}" fill="${o.fill ?? '#222222'}" text-anchor="${o.anchor ?? 'start'}" font-weight="${o.bold ? 'bold' : 'normal'}">${esc(s)}</text>`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(20, 32, l.title, { size: 20, bold: true }),
    text(20, 56, l.subtitle, { fill: '#555555' }),
    text(BAR.left, TOP - 12, l.points, { bold: true }),
    ...CELLS.map((c) =>
      text(c.x + 30, TOP - 12, l[c.key === 'title' ? 'title1' : c.key], {
        anchor: 'middle',
        bold: true,
      }),
    ),
  ];
  o.outlook.forEach((t, i) => {
    const y = TOP + i * ROW;
    if (i % 2 === 1)
      parts.push(`<rect x="10" y="${y}" width="${WIDTH - 20}" height="${ROW}" fill="#f4f4f4"/>`);
    parts.push(
      text(20, y + 18, `${i + 1}. ${t.team.length > 22 ? `${t.team.slice(0, 21)}.` : t.team}`),
      `<rect x="${BAR.left}" y="${y + 5}" width="${(x(t.expectedPoints) - BAR.left).toFixed(1)}" height="${ROW - 10}" fill="#9ecae1"/>`,
      `<rect x="${BAR.left}" y="${y + 5}" width="${(x(t.points) - BAR.left).toFixed(1)}" height="${ROW - 10}" fill="#3182bd"/>`,
      text(x(t.expectedPoints) + 6, y + 18, t.expectedPoints.toFixed(0), { size: 13 }),
    );
    for (const c of CELLS) {
      const p = t[c.key];
      parts.push(
        `<rect x="${c.x}" y="${y + 3}" width="60" height="${ROW - 6}" fill="rgb(${c.color})" fill-opacity="${(0.08 + 0.92 * p).toFixed(3)}"/>`,
        text(c.x + 30, y + 18, pct(p), {
          anchor: 'middle',
          size: 13,
          fill: p > 0.55 ? '#ffffff' : '#222222',
        }),
      );
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function seasonChartPng(o: SeasonOutlook, l: SeasonChartLabels): Buffer {
  return renderPng(seasonChartSvg(o, l));
}
