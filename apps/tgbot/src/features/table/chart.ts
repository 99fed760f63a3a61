// A league table as a picture: position, team, played, won, drawn, lost, goals, goal difference,
// points and the last five results as coloured squares. Hand-written SVG drawn by the reports'
// PNG renderer (bundled font, no browser). Loaded on the first picture, so an idle bot never
// holds it (nor resvg).
import type { Standings } from '@scoreline/training';
import { CHART_FONT_FAMILY, renderPng } from '@scoreline/training';

export interface TableChartLabels {
  title: string;
  subtitle: string;
  /** Column heads: played, won, drawn, lost, goals, goal difference, points, form. */
  columns: [string, string, string, string, string, string, string, string];
  /** Win, draw, loss letters in the form squares. */
  form: Record<'W' | 'D' | 'L', string>;
}

const ROW = 26;
const TOP = 96;
const WIDTH = 760;
/** Right edges of the number columns, then the form column's left edge. */
const COLUMNS = [300, 340, 380, 420, 490, 540, 590] as const;
const FORM_LEFT = 615;
const FORM_COLOUR = { W: '#2ca02c', D: '#9e9e9e', L: '#d62728' } as const;

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function text(
  x: number,
  y: number,
  s: string,
  o: { anchor?: string; bold?: boolean; size?: number; fill?: string } = {},
) {
  return `<text x="${x}" y="${y}" font-size="${o.size ?? 14}" fill="${o.fill ?? '#222222'}" text-anchor="${o.anchor ?? 'start'}" font-weight="${o.bold ? 'bold' : 'normal'}">${esc(s)}</text>`;
}

export function tableChartSvg(st: Standings, l: TableChartLabels): string {
  const height = TOP + st.table.length * ROW + 24;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(20, 32, l.title, { size: 20, bold: true }),
    text(20, 56, l.subtitle, { fill: '#555555' }),
    ...COLUMNS.map((x, i) => text(x, TOP - 12, l.columns[i]!, { anchor: 'end', bold: true })),
    text(FORM_LEFT, TOP - 12, l.columns[7], { bold: true }),
  ];
  st.table.forEach((r, i) => {
    const y = TOP + i * ROW;
    if (i % 2 === 1)
      parts.push(`<rect x="10" y="${y}" width="${WIDTH - 20}" height="${ROW}" fill="#f4f4f4"/>`);
    const team = r.team.length > 24 ? `${r.team.slice(0, 23)}.` : r.team;
    const gd = `${r.goalDifference > 0 ? '+' : ''}${r.goalDifference}`;
    const cells = [
      r.played,
      r.won,
      r.drawn,
      r.lost,
      `${r.goalsFor}:${r.goalsAgainst}`,
      gd,
      r.points,
    ];
    parts.push(text(40, y + 18, String(i + 1), { anchor: 'end' }), text(50, y + 18, team));
    cells.forEach((c, k) =>
      parts.push(
        text(COLUMNS[k]!, y + 18, String(c), { anchor: 'end', bold: k === cells.length - 1 }),
      ),
    );
    r.form.forEach((f, k) => {
      const x = FORM_LEFT + k * 24;
      parts.push(
        `<rect x="${x}" y="${y + 4}" width="20" height="${ROW - 8}" rx="3" fill="${FORM_COLOUR[f]}"/>`,
        text(x + 10, y + 18, l.form[f], {
          anchor: 'middle',
          size: 12,
          fill: '#ffffff',
          bold: true,
        }),
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function tableChartPng(st: Standings, l: TableChartLabels): Buffer {
  return renderPng(tableChartSvg(st, l));
}
