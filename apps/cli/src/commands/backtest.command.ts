import { listLeagueResults, listOddsForFixtures, type Odds, type ResultRow } from '@scoreline/db';
import {
  createProductionModel,
  outcomeOf,
  rollingBacktest,
  summarize,
  type BacktestModel,
  type MetricSummary,
  type Probs1x2,
  type ProductionState,
} from '@scoreline/model';
import { MARKET_YARDSTICKS, marketProbs } from '@scoreline/training';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseDateOption, requireLeague } from '../arguments';
import { EXIT, openMigratedDb, UsageError, type CommandContext } from '../context';

export const backtestUsage =
  'scoreline backtest --league CODE --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.csv   rolling-origin backtest vs the market';

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
  return { league, from, to, out };
}

const fmt = (m: MetricSummary) =>
  `n=${m.n} RPS ${m.rps.toFixed(4)}  log loss ${m.logLoss.toFixed(4)}  Brier ${m.brier.toFixed(4)}`;

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
    const predictions = rollingBacktest(rows, {
      from: opts.from,
      to: opts.to,
      model: backtestModel,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const byKey = new Map<string, ResultRow>(rows.map((r) => [`${r.date}|${r.home}|${r.away}`, r]));
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
    await writeFile(opts.out, `${csv.join('\n')}\n`);

    const outcomes = predictions.map((p) => outcomeOf(p.homeGoals, p.awayGoals));
    ctx.output.out(
      `backtest ${league.code} ${opts.from}..${opts.to}: ${predictions.length} matches, weekly refits, ` +
        `history from ${rows[0]!.date}, model time ${seconds.toFixed(2)} s, CSV ${opts.out}`,
    );
    ctx.output.out(
      `model:                 ${fmt(
        summarize(
          predictions.map((p) => p.probs),
          outcomes,
        ),
      )}`,
    );

    const odds = await listOddsForFixtures(
      db,
      predictions.map((p) => byKey.get(`${p.date}|${p.home}|${p.away}`)!.fixtureId),
    );
    const oddsByFixture = new Map<number, Odds[]>();
    for (const o of odds)
      oddsByFixture.set(o.fixtureId, [...(oddsByFixture.get(o.fixtureId) ?? []), o]);
    for (const market of MARKET_YARDSTICKS) {
      const modelProbs: Probs1x2[] = [];
      const marketList: Probs1x2[] = [];
      const paired: typeof outcomes = [];
      predictions.forEach((p, i) => {
        const fixtureId = byKey.get(`${p.date}|${p.home}|${p.away}`)!.fixtureId;
        const probs = marketProbs(
          oddsByFixture.get(fixtureId) ?? [],
          market.kind,
          market.bookmakers,
        );
        if (!probs) return;
        modelProbs.push(p.probs);
        marketList.push(probs);
        paired.push(outcomes[i]!);
      });
      if (paired.length === 0) {
        ctx.output.out(`${market.label}: no odds for these matches`);
        continue;
      }
      ctx.output.out(`${`${market.label}:`.padEnd(23)}${fmt(summarize(marketList, paired))}`);
      ctx.output.out(`${'  model, same matches:'.padEnd(23)}${fmt(summarize(modelProbs, paired))}`);
    }
    return EXIT.ok;
  } finally {
    await db.destroy();
  }
}
