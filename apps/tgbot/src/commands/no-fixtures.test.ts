// The bundled history ends in May 2026 and has no fixtures ahead: the fixture commands say so and
// what to do instead, never an empty or bare "nothing" answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startEmulator, type Emulator } from '@scoreline/bot-api-emulator';
import {
  migrateLatest,
  upsertFixture,
  upsertLeague,
  upsertSeason,
  upsertTeam,
} from '@scoreline/db';
import { createQueueBackend, type QueueBackend } from '@scoreline/queue';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBot, type ScorelineBot } from '../bot';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const NONE_KNOWN = 'The bot knows no upcoming fixtures yet';

let emulator: Emulator;
let database: TestDatabase;
let queue: QueueBackend;
let scoreline: ScorelineBot;
let updateId = 0;
let leagueId = 0;
let seasonId = 0;

async function fixture(home: string, away: string, at: string, finished: boolean) {
  await upsertFixture(database.db, {
    leagueId,
    seasonId,
    kickoffAt: new Date(at),
    homeTeamId: (await upsertTeam(database.db, { name: home })).id,
    awayTeamId: (await upsertTeam(database.db, { name: away })).id,
    status: finished ? 'finished' : 'scheduled',
    ...(finished ? { homeGoals: 2, awayGoals: 1 } : {}),
    source: 'test',
  });
}

/** Sends `text` from a private chat and returns the first text the bot sends back. */
async function ask(text: string, chatId: number): Promise<string> {
  const before = emulator.calls('sendMessage').length;
  const command = text.split(' ')[0]!;
  await scoreline.bot.handleUpdate({
    update_id: ++updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'U' },
      from: { id: chatId, is_bot: false, first_name: 'U', language_code: 'en' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: command.length }],
    },
  });
  // Some commands answer from a detached task: wait for the reply, bounded.
  for (let i = 0; i < 100 && emulator.calls('sendMessage').length === before; i++) await sleep(20);
  const sent = emulator.calls('sendMessage').slice(before);
  expect(sent.length).toBeGreaterThan(0);
  return String(sent[0]!.body.text);
}

beforeAll(async () => {
  emulator = await startEmulator();
  database = await createSqliteTestDb();
  await migrateLatest(database.db);
  queue = createQueueBackend({ prefix: 'no-fixtures-test', logger: quiet, role: 'producer' });
  scoreline = createBot({
    token: TOKEN,
    apiRoot: emulator.apiRoot,
    defaultLocale: 'en',
    logger: quiet,
    db: database.db,
    queue,
  });
  leagueId = (await upsertLeague(database.db, { code: 'E0', name: 'Premier League' })).id;
  seasonId = (await upsertSeason(database.db, { leagueId, name: '2025/26' })).id;
  await fixture('Tottenham', 'Everton', '2026-05-24T15:00:00Z', true);
});
afterAll(async () => {
  await queue.close();
  await emulator.stop();
  await database.dispose();
});

describe('no upcoming fixtures known', () => {
  it.each([['/today'], ['/today E0'], ['/value'], ['/predict'], ['/subscribe 08:00']])(
    'When no fixture lies ahead and a user sends %s, then the answer says none is known, where the data ends and what works now',
    async (command) => {
      const text = await ask(command, 700_001 + updateId);
      expect(text).toContain(NONE_KNOWN);
      expect(text).toContain('2026-05-24');
      expect(text).toContain('/predict home - away');
    },
  );

  it('When a fixture is known later but none on the asked day, then /today says only that the day is empty', async () => {
    await fixture('Arsenal', 'Chelsea', '2099-08-20T15:00:00Z', false);
    const text = await ask('/today', 700_100);
    expect(text).not.toContain(NONE_KNOWN);
    expect(text).toContain('no fixtures on');
  });
});
