// Seeds a league into a test database straight from football-data style CSV texts — the bundled
// history, or a season with generated odds — (results, statistics, and Pinnacle 1X2 odds where
// the text has them), through the db repositories: the training package does not depend on the
// importer.
import {
  addTeamAlias,
  upsertFixture,
  upsertLeague,
  upsertOdds,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import {
  addDays,
  createProductionModel,
  toArtifact,
  type MatchResult,
  type ProductionOptions,
} from '@scoreline/model';
import { readCsv } from '@test-support/csv';
import { readHistory } from '@test-support/history';
import { syntheticOdds } from '@test-support/synthetic-odds';
import type { ArtifactDocument } from '../registry/artifact-document';

/** A bundled Premier League season as CSV text (`'2324'` = 2023/24): results, no odds. */
export const epl = (season: string) => readHistory('E0', season);
/** The same season with generated bookmaker odds (Pinnacle among them), football-data layout. */
export const eplOdds = (season: string) => syntheticOdds('E0', season).csv;

function parseCsv(text: string): Array<Record<string, string>> {
  const [header, ...rows] = readCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((cells) => Object.fromEntries(header!.map((c, i) => [c, cells[i] ?? ''])));
}

const isoDate = (d: string) =>
  /^\d{2}\/\d{2}\/\d{4}$/.test(d) ? `${d.slice(6)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : d;
const num = (s: string | undefined) => (s && s.trim() !== '' ? Number(s) : null);

/** The matches of CSV texts as model input (canonical names = CSV names). */
export function loadMatches(seasons: readonly string[]): MatchResult[] {
  return seasons.flatMap((text) =>
    parseCsv(text).map((r) => ({
      date: isoDate(r.Date!),
      home: r.HomeTeam!,
      away: r.AwayTeam!,
      homeGoals: Number(r.FTHG),
      awayGoals: Number(r.FTAG),
      stats: {
        homeShotsOnTarget: Number(r.HST),
        awayShotsOnTarget: Number(r.AST),
        homeCorners: Number(r.HC),
        awayCorners: Number(r.AC),
      },
    })),
  );
}

/** A fitted artifact document of one or two seasons, as a retrain would write it. */
export function makeArtifact(
  league: string,
  version: string,
  seasons: readonly string[],
  options: ProductionOptions = {},
): ArtifactDocument {
  const matches = loadMatches(seasons).sort((a, b) => (a.date < b.date ? -1 : 1));
  const last = matches[matches.length - 1]!.date;
  const state = createProductionModel(options).fit(matches, addDays(last, 1), { teams: [] });
  return {
    ...toArtifact(state, { league, version, createdAt: '2026-01-01T00:00:00.000Z' }),
    kind: 'production',
    teams: state.dixonColes.teams.map((name) => ({ name, id: null })),
    dataWindow: { from: matches[0]!.date, to: last, matches: matches.length },
    metrics: {},
  };
}

/**
 * Upserts the league, its teams (each with its CSV name as a global English alias, plus any
 * `aliases` given) and every match of the CSV texts as a finished fixture; Pinnacle 1X2 odds
 * (pre-closing and closing) when the text has them. Returns the league id.
 */
export async function seedLeague(
  db: Db,
  code: string,
  seasons: readonly string[],
  aliases: Record<string, string[]> = {},
): Promise<number> {
  const { id: leagueId } = await upsertLeague(db, { code, name: `League ${code}` });
  const teams = new Map<string, number>();
  const teamId = async (name: string) => {
    let id = teams.get(name);
    if (id === undefined) {
      id = (await upsertTeam(db, { name })).id;
      for (const alias of [name, ...(aliases[name] ?? [])]) {
        await addTeamAlias(db, { teamId: id, alias, lang: 'en', source: 'test' });
      }
      teams.set(name, id);
    }
    return id;
  };
  const rows = seasons.flatMap(parseCsv);
  for (const r of rows) {
    await teamId(r.HomeTeam!);
    await teamId(r.AwayTeam!);
  }
  const seedRow = async (r: Record<string, string>) => {
    const date = isoDate(r.Date!);
    const { id: fixtureId } = await upsertFixture(db, {
      leagueId,
      kickoffAt: new Date(`${date}T15:00:00Z`),
      homeTeamId: teams.get(r.HomeTeam!)!,
      awayTeamId: teams.get(r.AwayTeam!)!,
      status: 'finished',
      source: 'csv',
      homeGoals: num(r.FTHG),
      awayGoals: num(r.FTAG),
      homeShots: num(r.HS),
      awayShots: num(r.AS),
      homeShotsOnTarget: num(r.HST),
      awayShotsOnTarget: num(r.AST),
      homeCorners: num(r.HC),
      awayCorners: num(r.AC),
    });
    // Pinnacle only: the yardstick's first choice, and half the writes of PS + Avg.
    for (const [kind, prefix] of [
      ['pre', 'PS'],
      ['close', 'PSC'],
    ] as const) {
      const [h, d, a] = [num(r[`${prefix}H`]), num(r[`${prefix}D`]), num(r[`${prefix}A`])];
      if (h && d && a) {
        await upsertOdds(db, {
          fixtureId,
          bookmaker: 'PS',
          market: '1x2',
          kind,
          priceHome: h,
          priceDraw: d,
          priceAway: a,
          collectedAt: new Date(`${date}T12:00:00Z`),
          source: 'csv',
        });
      }
    }
  };
  // A few rows at a time: Postgres round trips overlap; SQLite serialises them anyway.
  for (let i = 0; i < rows.length; i += 8) await Promise.all(rows.slice(i, i + 8).map(seedRow));
  return leagueId;
}
