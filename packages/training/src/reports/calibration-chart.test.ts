import { describe, expect, it } from '@jest/globals';
import { calibration, type Outcome, type Probs1x2 } from '@scoreline/model';
import { countDarkPixels, decodePng } from '../test-support/decode-png';
import { CHART, calibrationChartSvg } from './calibration-chart';
import { renderPng } from './render-png';

function sampleBins(shift: number) {
  const probs: Probs1x2[] = [];
  const outcomes: Outcome[] = [];
  for (let i = 0; i < 300; i++) {
    const h = 0.2 + ((i * 37) % 50) / 100;
    const d = 0.25;
    probs.push([h, d, 1 - h - d]);
    outcomes.push(((i * 7 + Math.round(shift * 10)) % 3) as Outcome);
  }
  return calibration(probs, outcomes, 10).bins;
}

const options = {
  title: 'Calibration E0 20261128-083000 — Калибровка',
  series: [
    { label: 'model', bins: sampleBins(0), color: '#1f77b4' },
    { label: 'market (de-vigged)', bins: sampleBins(0.1), color: '#ff7f0e' },
  ],
};

// Label areas: the x tick labels and axis name under the plot, the y tick labels left of it,
// and the title above it (no lines or points are drawn there).
const { left, top, right, bottom } = CHART.plot;
const LABEL_AREAS = [
  { x0: left - 20, y0: bottom + 8, x1: right + 20, y1: CHART.height },
  { x0: 0, y0: top - 10, x1: left - 4, y1: bottom + 8 },
  { x0: 0, y0: 0, x1: CHART.width, y1: top - 12 },
];
const darkInLabels = (png: Buffer) =>
  LABEL_AREAS.reduce((s, r) => s + countDarkPixels(decodePng(png), r), 0);

describe('calibration chart', () => {
  it('When a chart is rendered with system fonts off, then its labels are drawn with the bundled font', () => {
    const withLabels = renderPng(calibrationChartSvg(options));
    const withoutLabels = renderPng(calibrationChartSvg({ ...options, labels: false }));

    const img = decodePng(withLabels);
    expect([img.width, img.height]).toEqual([CHART.width, CHART.height]);
    const labelled = darkInLabels(withLabels);
    const bare = darkInLabels(withoutLabels);
    // Text is hundreds of dark pixels; without it the label areas hold only the plot frame.
    expect(labelled).toBeGreaterThan(1500);
    expect(labelled).toBeGreaterThan(bare * 4 + 1000);
  });

  it('When a chart is rendered, then the plot holds both series and the diagonal (not blank)', () => {
    const img = decodePng(renderPng(calibrationChartSvg({ ...options, labels: false })));
    let coloured = 0;
    for (let yy = top + 2; yy < bottom - 2; yy++) {
      for (let xx = left + 2; xx < right - 2; xx++) {
        const i = (yy * img.width + xx) * 4;
        const [r, g, b] = [img.rgba[i]!, img.rgba[i + 1]!, img.rgba[i + 2]!];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
    }
    expect(coloured).toBeGreaterThan(500);
  });
});
