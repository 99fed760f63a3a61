import { saveReport, type Db } from '@scoreline/db';
import type { BacktestPrediction, ProductionState } from '@scoreline/model';
import { mkdirSync } from 'node:fs';
import type { DataWindow } from '../registry/artifact-document';
import { writeFileAtomic } from '../registry/atomic-write';
import { calibrationChartSvg } from '../reports/calibration-chart';
import { renderPng } from '../reports/render-png';
import { reportFiles } from '../reports/report-files';
import {
  renderReportMarkdown,
  type SeasonMetrics,
  type TeamRatingRow,
} from '../reports/report-markdown';
import { describeParameters } from './candidates';
import {
  calibrationPair,
  metricsBySeason,
  type OddsOf,
  type RetrainMetrics,
} from './retrain-metrics';
import type { RetrainWindows } from './retrain-steps';

/** Everything the report of one retrain is drawn from. */
export interface ReportInput {
  league: { code: string; name: string };
  version: string;
  now: Date;
  state: ProductionState;
  /** Teams shown in the ratings table (recent or upcoming). */
  recent: ReadonlySet<string>;
  windows: RetrainWindows;
  dataWindow: DataWindow;
  predictions: readonly BacktestPrediction[];
  bestEval: readonly BacktestPrediction[];
  oddsOf: OddsOf;
  overall: SeasonMetrics;
  metrics: RetrainMetrics;
}

/** The ratings table: goal-model rates relative to an average side, and Elo. */
function ratingRows(state: ProductionState, recent: ReadonlySet<string>): TeamRatingRow[] {
  const dc = state.dixonColes;
  const sh = state.shots;
  return dc.teams
    .map((team, i) => {
      const j = sh.teams.indexOf(team);
      return {
        team,
        attack: Math.exp(dc.attack[i]!),
        defence: Math.exp(-dc.defence[i]!),
        shotsAttack: j >= 0 ? Math.exp(sh.attack[j]!) : NaN,
        shotsDefence: j >= 0 ? Math.exp(-sh.defence[j]!) : NaN,
        elo: state.elo.ratings[team] ?? state.elo.newcomerRating,
      };
    })
    .filter((t) => recent.has(t.team))
    .sort((a, b) => b.elo - a.elo);
}

/**
 * Renders the Markdown report and the calibration chart, writes both next to the artifacts and
 * into the database (the api of another container serves them from there).
 */
export async function writeRetrainReport(
  db: Db,
  reportsDir: string,
  r: ReportInput,
): Promise<{ reportPath: string; chartPath: string }> {
  const { code, name } = r.league;
  const { evalFrom, dataTo } = r.windows;
  const files = reportFiles(reportsDir, code, r.version);
  mkdirSync(files.dir, { recursive: true });
  const cal = calibrationPair(r.bestEval, r.oddsOf);
  // The chart compares model and market: when odds cover too little of the evaluation window
  // (odds files often end before results do), it shows the whole backtest instead.
  const enough = (cal.market?.bins.reduce((s, b) => s + b.n, 0) ?? 0) / 3 >= 100;
  const chartPreds = enough ? r.bestEval : r.predictions;
  const chartCal = enough ? cal : calibrationPair(chartPreds, r.oddsOf);
  const candidate = r.metrics.candidate;
  const chart = renderPng(
    calibrationChartSvg({
      title: `${name} (${code}), model ${r.version}`,
      subtitle: `Reliability of out-of-sample 1X2 forecasts, ${chartPreds[0]?.date ?? evalFrom} – ${dataTo}`,
      series: [
        {
          label: `model ${candidate}, n=${chartPreds.length}`,
          bins: chartCal.model.bins,
          color: '#1f77b4',
        },
        ...(chartCal.market
          ? [
              {
                label: `market closing (de-vigged), n=${chartCal.market.bins.reduce((s, b) => s + b.n, 0) / 3}`,
                bins: chartCal.market.bins,
                color: '#ff7f0e',
              },
            ]
          : []),
      ],
    }),
  );
  const markdown = renderReportMarkdown({
    league: r.league,
    version: r.version,
    createdAt: r.now.toISOString(),
    candidate,
    decision: r.metrics.decision,
    dataWindow: r.dataWindow,
    evaluation: {
      from: evalFrom,
      to: dataTo,
      refitDays: r.windows.refitDays,
      backtestFrom: r.windows.backtestFrom,
    },
    parameters: describeParameters(r.state),
    ratings: ratingRows(r.state, r.recent),
    candidates: r.metrics.candidates.map(({ name: n, ...summary }) => ({ name: n, summary })),
    selection: r.metrics.selection,
    champion: r.metrics.champion,
    seasons: metricsBySeason(r.predictions, r.oddsOf),
    overall: r.overall,
    predictable: r.metrics.predictable,
    ece: {
      model: chartCal.model.ece,
      market: chartCal.market?.ece ?? null,
      from: chartPreds[0]?.date ?? evalFrom,
      to: dataTo,
    },
    chartFile: files.pngName,
  });
  await writeFileAtomic(files.png, chart);
  await writeFileAtomic(files.markdown, markdown);
  await saveReport(db, {
    leagueCode: code,
    modelVersion: r.version,
    createdAt: r.now,
    markdown,
    png: chart,
  });
  return { reportPath: files.markdown, chartPath: files.png };
}
