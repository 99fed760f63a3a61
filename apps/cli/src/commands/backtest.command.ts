import { listLeagueResults, listOddsForFixtures, type ResultRow } from '@scoreline/db';
import {
  createProductionModel,
  DEFAULT_WARMUP_DAYS,
  warmedBacktest,
  type BacktestModel,
  type MetricSummary,
  type PairedDifference,
  type ProductionState,
} from '@scoreline/model';
import {
  assessPredictability,
  groupOddsByFixture,
  metricsBySeason,
  seasonMetrics,
  type OddsOf,
  type SeasonMetrics,
} from '@scoreline/training';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseDateOption, requireLeague } from '../arguments';
import { EXIT, openMigratedDb, UsageError, type CommandContext } from '../context';

export const backtestUsage =
  'scoreline backtest --league CODE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.csv [--warmup-days 1095]   rolling-origin backtest vs the market';

function parseBacktestArgs(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        league: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        'warmup-days': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { league, from, to, out } = parsed.values;
  if (!league || !from || !to || !out)
    throw new UsageError('backtest needs --league, --from, --to and --out');
  parseDateOption(from, '--from');
  parseDateOption(to, '--to');
  if (from > to) throw new UsageError('--from must not be after --to');
  const warmup = parsed.values['warmup-days'];
  const warmupDays = warmup === undefined ? DEFAULT_WARMUP_DAYS : Number(warmup);
  if (!Number.isInteger(warmupDays) || warmupDays < 0)
    throw new UsageError('--warmup-days must be a whole number of days, 0 or more');
  return { league, from, to, out, warmupDays };
}

const f4 = (x: number) => x.toFixed(4);
const fmt = (m: MetricSummary) =>
  `n=${m.n} RPS ${f4(m.rps)}  log loss ${f4(m.logLoss)}  Brier ${f4(m.brier)}`;
const diff = (d: PairedDifference) =>
  `${d.rps >= 0 ? '+' : ''}${f4(d.rps)} [95% ${f4(d.lo)}, ${f4(d.hi)}], DM ${d.dm.toFixed(2)}, p ${d.p.toFixed(3)} (n=${d.n})`;

/** The CSV of the forecasts, team names as the source spelt them. */
function forecastsCsv(
  predictions: ReturnType<typeof warmedBacktest<ProductionState>>['predictions'],
  byKey: Map<string, ResultRow>,
): string {
  const csv = ['date,home,away,p_home,p_draw,p_away,home_goals,away_goals'];
  const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  for (const p of predictions) {
    const row = byKey.get(`${p.date}|${p.home}|${p.away}`)!;
    csv.push(
      [
        p.date,
        csvField(row.homeSourceName),
        csvField(row.awaySourceName),
        ...p.probs.map((x) => x.toFixed(6)),
        p.homeGoals,
        p.awayGoals,
      ].join(','),
    );
  }
  return `${csv.join('\n')}\n`;
}

/** Uncertainty lines: RPS interval, paired differences vs Dixon-Coles and the closing market. */
function uncertaintyLines(label: string, m: SeasonMetrics): string[] {
  const i = m.interval;
  return [
    `${label}: RPS ${i ? `${f4(i.rps)} [95% ${f4(i.lo)}, ${f4(i.hi)}]` : '—'}` +
      (m.vsDixonColes ? `; − Dixon-Coles ${diff(m.vsDixonColes)}` : '') +
      (m.vsClosing ? `; − closing market ${diff(m.vsClosing)}` : ''),
  ];
}

export async function backtestCommand(args: string[], ctx: CommandContext): Promise<number> {
  const opts = parseBacktestArgs(args);
  const { db } = await openMigratedDb(ctx.config);
  try {
    const league = await requireLeague(db, opts.league);
    const rows = await listLeagueResults(db, { leagueId: league.id, leagueCode: league.code });
    const targets = rows.filter((r) => r.date >= opts.from && r.date <= opts.to);
    if (targets.length === 0) {
      ctx.output.err(`no finished ${league.code} matches between ${opts.from} and ${opts.to}`);
      return EXIT.failure;
    }
    const model = createProductionModel();
    const backtestModel: BacktestModel<ProductionState> = {
      fit: (history, asOf, fitCtx) => model.fit(history, asOf, fitCtx),
      predict: (state, home, away) => model.predictProbs(state, home, away),
    };
    const started = process.hrtime.bigint();
    // The bench's protocol exactly (warm-up, then the window): the same forecasts for the same data.
    const { predictions, warmup } = warmedBacktest(rows, {
      from: opts.from,
      to: opts.to,
      warmupDays: opts.warmupDays,
      model: backtestModel,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const byKey = new Map<string, ResultRow>(rows.map((r) => [`${r.date}|${r.home}|${r.away}`, r]));
    await writeFile(opts.out, forecastsCsv(predictions, byKey));

    const odds = groupOddsByFixture(
      await listOddsForFixtures(
        db,
        predictions.map((p) => byKey.get(`${p.date}|${p.home}|${p.away}`)!.fixtureId),
      ),
    );
    const oddsOf: OddsOf = (p) =>
      odds.get(byKey.get(`${p.date}|${p.home}|${p.away}`)!.fixtureId) ?? [];
    const overall = seasonMetrics(`${opts.from}..${opts.to}`, predictions, oddsOf);
    const out = (line: string) => ctx.output.out(line);
    out(
      `backtest ${league.code} ${opts.from}..${opts.to}: ${predictions.length} matches, weekly refits, ` +
        `warm-up ${opts.warmupDays} days (${warmup.length} forecasts), history from ${rows[0]!.date}, ` +
        `model time ${seconds.toFixed(2)} s, CSV ${opts.out}`,
    );
    out(`model:                 ${fmt(overall.model)}`);
    for (const [label, m] of [
      ['market closing', overall.closing],
      ['market pre-closing', overall.preClosing],
    ] as const) {
      if (!m) {
        out(`${label}: no odds for these matches`);
        continue;
      }
      out(`${`${label}:`.padEnd(23)}${fmt(m.market)}`);
      out(`${'  model, same matches:'.padEnd(23)}${fmt(m.model)}`);
    }
    for (const line of uncertaintyLines('whole window', overall)) out(line);
    for (const s of metricsBySeason(predictions, oddsOf))
      for (const line of uncertaintyLines(`season ${s.season}`, s)) out(line);
    const flag = assessPredictability(predictions, oddsOf);
    out(`predictable: ${flag.predictable ? 'yes' : 'no'} — ${flag.reason}`);
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}
