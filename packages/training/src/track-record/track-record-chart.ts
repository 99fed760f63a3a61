// The track record's reliability diagram, drawn the way retrain reports draw theirs (same SVG,
// same bundled font, same colours): the stored predictions and the de-vigged closing market.
import { calibrationChartSvg } from '../reports/calibration-chart';
import { renderPng } from '../reports/render-png';
import type { TrackRecord } from './track-record';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '?');

export function trackRecordChartSvg(record: TrackRecord): string {
  const scope = record.league ?? 'all leagues';
  return calibrationChartSvg({
    title: `Scoreline track record, ${scope}`,
    subtitle: `Reliability of stored 1X2 predictions as made, ${day(record.from)} – ${day(record.to)}`,
    series: [
      {
        label: `predictions, n=${record.n}`,
        bins: record.calibration.model,
        color: '#1f77b4',
      },
      ...(record.calibration.market
        ? [
            {
              label: `market closing (de-vigged), n=${record.calibration.marketN}`,
              bins: record.calibration.market,
              color: '#ff7f0e',
            },
          ]
        : []),
    ],
  });
}

/** The chart as PNG bytes (null when there is nothing settled to draw). */
export function trackRecordChartPng(record: TrackRecord): Buffer | null {
  return record.n > 0 ? renderPng(trackRecordChartSvg(record)) : null;
}
