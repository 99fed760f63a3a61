import type { MetricSummary, PairedDifference, RpsInterval } from '@scoreline/model';
import type { Predictability } from '../retrain/predictability';
import type { DataWindow } from '../registry/artifact-document';

/** One row of the team ratings table. */
export interface TeamRatingRow {
  team: string;
  /** exp(attack): goals scored relative to an average side (goals model). */
  attack: number;
  /** exp(−defence): goals conceded relative to an average side (goals model). */
  defence: number;
  /** Same two from the shots-on-target model. */
  shotsAttack: number;
  shotsDefence: number;
  elo: number;
}

/** Model and market scores of one season (or the whole evaluation window). */
export interface SeasonMetrics {
  season: string;
  model: MetricSummary;
  /** Model RPS with its bootstrap 95% interval. */
  interval?: RpsInterval;
  /** Model − the Dixon-Coles member alone, paired on the same matches. */
  vsDixonColes?: PairedDifference;
  /** Model − de-vigged closing market on the matches with closing odds. */
  vsClosing?: PairedDifference | null;
  /** On the matches with closing / pre-closing odds, paired with the model on the same matches. */
  closing: { market: MetricSummary; model: MetricSummary } | null;
  preClosing: { market: MetricSummary; model: MetricSummary } | null;
}

export interface CandidateScore {
  name: string;
  summary: MetricSummary;
}

/** Everything a retrain report shows. */
export interface ReportData {
  league: { code: string; name: string };
  version: string;
  createdAt: string;
  candidate: string;
  /** `promoted` / `kept as challenger`, with the reason. */
  decision: string;
  dataWindow: DataWindow;
  evaluation: { from: string; to: string; refitDays: number; backtestFrom: string };
  parameters: string[];
  ratings: TeamRatingRow[];
  candidates: CandidateScore[];
  /** The matches the candidates were chosen on (null: no choice was made). */
  selection?: { from: string; to: string; n: number } | null;
  predictable?: Predictability;
  champion: { version: string; rps: number; challengerRps: number; n: number } | null;
  seasons: SeasonMetrics[];
  overall: SeasonMetrics;
  /** Calibration of the forecasts the chart shows (from–to). */
  ece: { model: number; market: number | null; from: string; to: string };
  chartFile: string;
}

const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '—');
const f2 = (x: number) => x.toFixed(2);

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${f4(Math.abs(x))}`;
const diffCell = (d: PairedDifference | null | undefined) =>
  d ? `${signed(d.rps)} [${signed(d.lo)}, ${signed(d.hi)}]` : '—';

function uncertaintyRow(label: string, m: SeasonMetrics): string {
  const i = m.interval;
  return `| ${label} | ${i ? `${f4(i.rps)} [${f4(i.lo)}, ${f4(i.hi)}]` : '—'} | ${diffCell(m.vsDixonColes)} | ${diffCell(m.vsClosing)} |`;
}

function predictableLines(p: Predictability | undefined): string[] {
  if (!p) return [];
  return [
    '## Predictable',
    '',
    `**${p.predictable ? 'Yes' : 'No'}**: ${p.reason}. ${p.predictable ? 'Value bets and alerts are offered in this league.' : 'Value bets and alerts stay silent in this league: an edge against a market that forecasts better than the model is not an edge.'}`,
    '',
  ];
}

function metricRow(label: string, m: SeasonMetrics): string {
  const c = m.closing;
  const p = m.preClosing;
  return `| ${label} | ${m.model.n} | ${f4(m.model.rps)} | ${f4(m.model.logLoss)} | ${f4(m.model.brier)} | ${c ? c.market.n : 0} | ${c ? f4(c.model.rps) : '—'} | ${c ? f4(c.market.rps) : '—'} | ${c ? f4(c.market.logLoss) : '—'} | ${p ? f4(p.market.rps) : '—'} |`;
}

/** The Markdown report of one retrain (REPORTS_DIR/<league>/<version>.md). */
export function renderReportMarkdown(r: ReportData): string {
  const lines: string[] = [
    `# ${r.league.name} (${r.league.code}) — model ${r.version}`,
    '',
    `Trained ${r.createdAt}. Candidate \`${r.candidate}\`. Decision: **${r.decision}**.`,
    '',
    '## Data',
    '',
    `Fitted on ${r.dataWindow.matches} finished matches from ${r.dataWindow.from ?? '?'} to ${r.dataWindow.to}.`,
    `Evaluated by a rolling-origin backtest: every match from ${r.evaluation.backtestFrom} to ${r.evaluation.to} was forecast from a fit on earlier matches only (refit at least every ${r.evaluation.refitDays} days); the promotion decision and the headline figures use ${r.evaluation.from}–${r.evaluation.to}, the earlier matches warm up the blend weights.`,
    '',
    '## Parameters',
    '',
    ...r.parameters.map((p) => `- ${p}`),
    '',
    '## Evaluation',
    '',
    'RPS, log loss (natural log) and Brier (summed over home/draw/away): lower is better. The market is the bookmakers’ 1X2 prices with the margin removed (multiplicative), Pinnacle where quoted, else the market average.',
    '',
    '| season | matches | model RPS | model log loss | model Brier | with closing odds | model RPS (same) | closing RPS | closing log loss | pre-closing RPS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.seasons.map((s) => metricRow(s.season, s)),
    metricRow(`**${r.evaluation.from}–${r.evaluation.to}**`, r.overall),
    '',
    'Uncertainty: model RPS with a bootstrap 95% interval (2,000 resamples of matches), and paired differences on the same matches (negative: the model is better) against the Dixon-Coles member alone and against the de-vigged closing market.',
    '',
    '| season | model RPS [95%] | model − Dixon-Coles [95%] | model − closing market [95%] |',
    '| --- | ---: | ---: | ---: |',
    ...r.seasons.map((s) => uncertaintyRow(s.season, s)),
    uncertaintyRow(`**${r.evaluation.from}–${r.evaluation.to}**`, r.overall),
    '',
    `Calibration error (ECE, 10 bins) of the forecasts in the chart, ${r.ece.from}–${r.ece.to}: model ${f4(r.ece.model)}${r.ece.market === null ? '' : `, market ${f4(r.ece.market)} (matches with closing odds)`}.`,
    '',
    `![Calibration: model vs market](${r.chartFile})`,
    '',
    '### Candidates',
    '',
    r.selection
      ? `Chosen on ${r.selection.n} matches from ${r.selection.from} to ${r.selection.to}, before the evaluation window: the promotion decision is taken on matches the choice never saw.`
      : 'No choice between candidates was made on data (one candidate, or no matches before the evaluation window): the first candidate was taken.',
    '',
    '| candidate | matches | RPS | log loss | Brier |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.candidates.map(
      (c) =>
        `| ${c.name === r.candidate ? `**${c.name}**` : c.name} | ${c.summary.n} | ${f4(c.summary.rps)} | ${f4(c.summary.logLoss)} | ${f4(c.summary.brier)} |`,
    ),
    '',
    r.champion
      ? `Against the champion ${r.champion.version} on the same ${r.champion.n} matches: challenger RPS ${f4(r.champion.challengerRps)}, champion RPS ${f4(r.champion.rps)}.`
      : 'There was no usable champion to compare with.',
    '',
    ...predictableLines(r.predictable),
    '## Team ratings',
    '',
    'Attack and defence are goal rates relative to an average side (1.00): attack 1.20 scores 20 % more, defence 0.80 concedes 20 % less. Elo is on the usual rating-point scale.',
    '',
    '| # | team | attack | defence | attack (shots) | defence (shots) | Elo |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.ratings.map(
      (t, i) =>
        `| ${i + 1} | ${t.team} | ${f2(t.attack)} | ${f2(t.defence)} | ${f2(t.shotsAttack)} | ${f2(t.shotsDefence)} | ${Math.round(t.elo)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
