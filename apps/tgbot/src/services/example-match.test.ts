// /start's example names teams the bot can actually predict, read from the database.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  createDb,
  migrateLatest,
  registerModel,
  upsertFixture,
  upsertLeague,
  upsertSeason,
  upsertTeam,
  type Db,
} from '@scoreline/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFixtureService } from './fixtures';
import { exampleMatch } from './example-match';

const NOW = new Date('2025-03-10T12:00:00Z');
let dir: string;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgbot-start-'));
  db = createDb({ client: 'sqlite', path: join(dir, 'bot.sqlite3') });
  await migrateLatest(db);
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function league(code: string, matches: Array<[string, string, string, boolean]>) {
  const { id: leagueId } = await upsertLeague(db, { code, name: code });
  const { id: seasonId } = await upsertSeason(db, { leagueId, name: '2024/25' });
  for (const [home, away, at, finished] of matches) {
    await upsertFixture(db, {
      leagueId,
      seasonId,
      kickoffAt: new Date(at),
      homeTeamId: (await upsertTeam(db, { name: home })).id,
      awayTeamId: (await upsertTeam(db, { name: away })).id,
      status: finished ? 'finished' : 'scheduled',
      ...(finished ? { homeGoals: 1, awayGoals: 0 } : {}),
      source: 'test',
    });
  }
}

const champion = (leagueCode: string) =>
  registerModel(db, {
    leagueCode,
    kind: 'production',
    version: `${leagueCode}-1`,
    trainedAt: NOW,
    metrics: {},
    artifactPath: `${leagueCode}/1.json`,
    sha256: '0'.repeat(64),
    status: 'champion',
  });

const services = () => ({ db, fixtures: createFixtureService(db), now: () => NOW });

describe('/start example', () => {
  it('When a league with a champion has upcoming fixtures, then the next one is the example, not a league without a model', async () => {
    await league('XX', [['Nomodel Town', 'Nomodel City', '2025-03-10T13:00:00Z', false]]);
    await league('E0', [
      ['Arsenal', 'Chelsea', '2025-03-01T15:00:00Z', true],
      ['Everton', 'Fulham', '2025-03-12T15:00:00Z', false],
      ['Brentford', 'Burnley', '2025-03-11T15:00:00Z', false],
    ]);
    await champion('E0');

    expect(await exampleMatch(services())).toEqual({ home: 'Brentford', away: 'Burnley' });
  });

  it('When the champion league has no upcoming fixture, then its latest finished match is the example', async () => {
    await league('SP1', [
      ['Sevilla', 'Getafe', '2025-02-01T15:00:00Z', true],
      ['Girona', 'Osasuna', '2025-03-02T15:00:00Z', true],
    ]);
    await champion('SP1');

    expect(await exampleMatch(services())).toEqual({ home: 'Girona', away: 'Osasuna' });
  });

  it('When no league has a champion, then there is no example', async () => {
    await league('E0', [['Everton', 'Fulham', '2025-03-12T15:00:00Z', false]]);

    expect(await exampleMatch(services())).toBeUndefined();
  });
});
