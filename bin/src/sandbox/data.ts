// The sandbox's history: football-data CSVs from the command line, or the simulated league; then
// every league is retrained so the bot has a champion to answer with. Returns the lines the
// startup prints.
import {
  addTeamAlias,
  getFixture,
  insertPrediction,
  listLeagueResults,
  listLeagues,
  upsertFixture,
  upsertLeague,
  upsertOdds,
  upsertSeason,
  upsertTeam,
  writeTransaction,
  type Db,
} from '@scoreline/db';
import { importFootballDataFile } from '@scoreline/feeds';
import {
  createProductionModel,
  rollingBacktest,
  type BacktestModel,
  type ProductionState,
} from '@scoreline/model';
import { retrainLeagues, type RetrainOptions } from '@scoreline/training';
import { createSettleProcessor } from '@scoreline/worker';
import { SIMULATED_BOOKMAKER, type SimulatedLeague, type SimulatedOdds } from './simulated-league';

/**
 * Shorter windows than a production retrain (365 days evaluated, 300 of history first): one
 * season of CSV is enough, and the sandbox is ready in seconds. Every candidate still competes.
 */
export const SANDBOX_RETRAIN: Omit<RetrainOptions, 'league'> = {
  minHistoryDays: 100,
  evalDays: 120,
  warmupDays: 0,
  refitDays: 14,
};

/** Past matches of the simulated league given a settled track record (the last ten rounds). */
export const SIMULATED_TRACK_RECORD_MATCHES = 60;
/** The model version on those predictions: a backtest, not a champion that served them. */
export const SIMULATED_TRACK_RECORD_MODEL = 'sandbox-backtest';
const DAY_MS = 86_400_000;

/** Where a retrain writes: MODEL_REGISTRY_PATH and REPORTS_DIR. */
export interface RegistryPaths {
  modelRegistryPath: string;
  reportsDir: string;
}

/** Imports each file; any file the importer rejects as a whole stops the sandbox (it throws). */
export async function importFiles(
  db: Db,
  files: readonly string[],
  league: string | undefined,
): Promise<string[]> {
  const lines: string[] = [];
  for (const file of files) {
    const r = await importFootballDataFile(db, file, league ? { league } : {});
    lines.push(
      `imported ${file}: ${r.inserted} matches` +
        (r.rejected > 0 ? `, ${r.rejected} rows rejected` : ''),
    );
  }
  return lines;
}

/** Writes the simulated league through the repositories, as an importer would. */
export async function storeSimulatedLeague(db: Db, league: SimulatedLeague): Promise<string[]> {
  // One transaction for ~400 rows: SQLite commits once instead of once per row.
  await writeTransaction(db, async (tx) => {
    const { id: leagueId } = await upsertLeague(tx, { code: league.code, name: league.name });
    const teamIds = new Map<string, number>();
    for (const club of league.clubs) {
      const { id } = await upsertTeam(tx, { name: club.name });
      teamIds.set(club.name, id);
      // The Russian name as an alias, as the bundled alias files give real clubs one.
      await addTeamAlias(tx, { teamId: id, alias: club.name, lang: 'en', source: 'sandbox' });
      await addTeamAlias(tx, { teamId: id, alias: club.ru, lang: 'ru', source: 'sandbox' });
    }
    const seasonIds = new Map<string, number>();
    const seasonId = async (name: string) => {
      let id = seasonIds.get(name);
      if (id === undefined) {
        id = (await upsertSeason(tx, { leagueId, name })).id;
        seasonIds.set(name, id);
      }
      return id;
    };
    const team = (name: string) => teamIds.get(name)!;
    for (const m of league.matches) {
      const { season, home, away, odds, ...result } = m;
      const { id } = await upsertFixture(tx, {
        ...result,
        leagueId,
        seasonId: await seasonId(season),
        homeTeamId: team(home),
        awayTeamId: team(away),
        status: 'finished',
        source: 'sandbox',
      });
      await storeSimulatedOdds(tx, id, m.kickoffAt, odds);
    }
    for (const f of league.upcoming) {
      const { id } = await upsertFixture(tx, {
        leagueId,
        seasonId: await seasonId(f.season),
        kickoffAt: f.kickoffAt,
        homeTeamId: team(f.home),
        awayTeamId: team(f.away),
        status: 'scheduled',
        source: 'sandbox',
      });
      await storeSimulatedOdds(tx, id, f.kickoffAt, f.odds);
    }
  });
  const settled = await storeSimulatedTrackRecord(db, league.code);
  return [
    `simulated league ${league.code}, seed ${league.seed}: ${league.clubs.length} clubs, ` +
      `${league.matches.length} finished matches, ${league.upcoming.length} upcoming fixtures`,
    `simulated bookmaker "${SIMULATED_BOOKMAKER}": 1X2 and over/under 2.5 prices for every match ` +
      `(true probabilities, seeded noise, 5% margin)`,
    `simulated track record: the last ${settled} matches predicted by a backtest (each from ` +
      `earlier results only) and settled, model "${SIMULATED_TRACK_RECORD_MODEL}"`,
  ];
}

/** The simulated book's pre-match prices, published the day before kick-off. */
async function storeSimulatedOdds(
  db: Db,
  fixtureId: number,
  kickoffAt: Date,
  odds: SimulatedOdds,
): Promise<void> {
  const common = {
    fixtureId,
    bookmaker: SIMULATED_BOOKMAKER,
    kind: 'pre' as const,
    collectedAt: new Date(kickoffAt.getTime() - DAY_MS),
    source: 'sandbox-simulation',
  };
  await upsertOdds(db, {
    ...common,
    market: '1x2',
    priceHome: odds.home,
    priceDraw: odds.draw,
    priceAway: odds.away,
  });
  await upsertOdds(db, {
    ...common,
    market: 'ou_2.5',
    line: 2.5,
    priceOver: odds.over25,
    priceUnder: odds.under25,
  });
}

/**
 * A settled track record for /stats and /export: the league's last matches, each predicted by
 * the production model fitted only on earlier results (weekly refits, as `scoreline backtest`),
 * stored as made the day before kick-off, then settled by the worker's own settle processor.
 * Not the champion's forecasts — that model has seen these results — so they carry their own
 * model version. Returns how many were stored.
 */
async function storeSimulatedTrackRecord(db: Db, leagueCode: string): Promise<number> {
  const league = (await listLeagues(db)).find((l) => l.code === leagueCode);
  if (!league) return 0;
  const rows = await listLeagueResults(db, { leagueId: league.id, leagueCode });
  const targets = rows.slice(-SIMULATED_TRACK_RECORD_MATCHES);
  if (targets.length === 0) return 0;
  const model = createProductionModel();
  const backtestModel: BacktestModel<ProductionState> = {
    fit: (history, asOf, ctx) => model.fit(history, asOf, ctx),
    predict: (state, home, away) => model.predictProbs(state, home, away),
  };
  const predictions = rollingBacktest(rows, {
    from: targets[0]!.date,
    to: targets[targets.length - 1]!.date,
    model: backtestModel,
  });
  const byKey = new Map(rows.map((r) => [`${r.date}|${r.home}|${r.away}`, r]));
  for (const p of predictions) {
    const fixture = await getFixture(db, byKey.get(`${p.date}|${p.home}|${p.away}`)!.fixtureId);
    if (!fixture) continue;
    await insertPrediction(db, {
      fixtureId: fixture.id,
      leagueCode,
      homeTeamId: fixture.homeTeamId,
      awayTeamId: fixture.awayTeamId,
      modelVersion: SIMULATED_TRACK_RECORD_MODEL,
      requestedAt: new Date(fixture.kickoffAt.getTime() - DAY_MS),
      inputs: { simulated: true, backtest: { fitAsOf: p.fitAsOf } },
      pHome: p.probs[0],
      pDraw: p.probs[1],
      pAway: p.probs[2],
      markets: null,
    });
  }
  await createSettleProcessor({ db })({}, { jobId: 'sandbox-track-record', attempt: 1 });
  return predictions.length;
}

/** Retrains every league in the database; one line per league. */
export async function retrainEveryLeague(db: Db, paths: RegistryPaths): Promise<string[]> {
  const leagues = (await listLeagues(db)).map((l) => l.code);
  const outcomes = await retrainLeagues(
    { db, registryDir: paths.modelRegistryPath, reportsDir: paths.reportsDir, keep: 5 },
    { ...SANDBOX_RETRAIN, leagues },
  );
  return outcomes.map((o) => {
    if ('error' in o) return `retrain ${o.league}: not trained: ${o.error.message}`;
    const r = o.result;
    if (r.status === 'skipped') return `retrain ${o.league}: skipped: ${r.reason}`;
    const e = r.metrics.evaluation;
    return (
      `retrain ${o.league}: model ${r.version} (${r.metrics.candidate}), ` +
      `RPS ${e.rps.toFixed(4)} on ${e.n} matches, ${r.seconds.toFixed(1)} s`
    );
  });
}
