// /stats, /export and /about end to end: the real worker predicts finished matches of the
// imported 2024/25 Premier League (by fixture id, through the queue, as stored predictions), the
// settle job scores them, and a user asks the bot for its track record, the CSV and the build.
// Photos and documents pass the fault front, which keeps the bytes, to the emulator.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  findLeagueByCode,
  getTeam,
  ledgerHead,
  sealPendingPredictions,
  listFixtures,
  listModels,
  listOddsForFixtures,
  listPredictions,
  upsertLeague,
  verifyLedger,
  type Fixture,
} from '@scoreline/db';
import {
  groupOddsByFixture,
  PREDICTION_CSV_COLUMNS,
  settledFixtureIds,
  trackRecord,
} from '@scoreline/training';
import type { FrontCall, FrontUpload, TestChat } from '@scoreline/bot-api-emulator';
import { startBotSystem, type BotSystem } from '../test-support/bot-system';
import { readCsv } from '@test-support/csv';

const VERSION = '9.8.7-e2e';
const SHA = 'e2e0c0ffee12';
/** Finished matches the worker predicts (the last ones of the season, which have odds). */
const PREDICTED = 30;

let system: BotSystem;
let finished: Fixture[] = [];

beforeAll(async () => {
  system = await startBotSystem({ front: true, env: { APP_VERSION: VERSION, GIT_SHA: SHA } });
  const league = await findLeagueByCode(system.db, 'E0');
  finished = (
    await listFixtures(system.db, {
      leagueId: league!.id,
      from: '2024-07-01',
      to: '2025-06-30',
      status: 'finished',
    })
  ).slice(-PREDICTED);
}, 120_000);
afterAll(() => system?.dispose());

const front = () => system.front!;

/** The front's calls of `method` to this chat, waiting until there are `n`. */
async function filesTo(
  chat: TestChat,
  method: 'sendPhoto' | 'sendDocument',
  n: number,
  timeoutMs = 10_000,
): Promise<FrontCall[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const calls = front()
      .calls(method)
      .filter((c) => c.body.chat_id === String(chat.chatId));
    if (calls.length >= n) return calls;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} ${method}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function uploadOf(call: FrontCall, field: 'photo' | 'document'): FrontUpload {
  const meta = call.body[field] as { filename: string; size: number };
  const upload = front()
    .uploads(call.method)
    .find((u) => u.filename === meta.filename && u.data.length === meta.size && u.field === field);
  if (!upload) throw new Error(`no upload for ${field} ${meta.filename}`);
  return upload;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const column = (row: string[], name: (typeof PREDICTION_CSV_COLUMNS)[number]) =>
  row[PREDICTION_CSV_COLUMNS.indexOf(name)];

describe('/stats before anything is settled', () => {
  it('When no prediction has been settled, then /stats says so plainly and sends no chart', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/stats');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toContain('No settled predictions yet');
    await new Promise((r) => setTimeout(r, 300));
    expect(
      front()
        .calls('sendPhoto')
        .filter((c) => c.body.chat_id === String(chat.chatId)),
    ).toEqual([]);
  });
});

/**
 * The worker links a prediction to its fixture (so it can be settled) only when it is made
 * before kick-off. These matches are long finished, so the test moves each stored row to the
 * day before its match, standing in for a forecast made then. That is an edit after sealing, so
 * it breaks the prediction ledger by design (nothing re-seals it: the ledger must not offer a way
 * to); the /stats test below shows `verifyLedger` catching exactly this.
 */
async function asIfMadeTheDayBefore(predictionId: number, fixture: Fixture): Promise<void> {
  // Sealed first, as the worker does within a second of storing it.
  await sealPendingPredictions(system.db);
  await system.db
    .writer('predictions')
    .where({ id: predictionId })
    .update({
      fixture_id: fixture.id,
      requested_at: new Date(fixture.kickoffAt.getTime() - 86_400_000).toISOString(),
    });
}

describe('with settled predictions', () => {
  beforeAll(async () => {
    expect(finished).toHaveLength(PREDICTED);
    for (const f of finished) {
      const home = (await getTeam(system.db, f.homeTeamId))!.name;
      const away = (await getTeam(system.db, f.awayTeamId))!.name;
      const result = await system.queue.request(
        'predict',
        { league: 'E0', home, away, fixtureId: f.id },
        { timeoutMs: 10_000 },
      );
      expect(result.status).toBe('ok');
      if (result.status === 'ok') await asIfMadeTheDayBefore(result.predictionId!, f);
    }
    // A second prediction of the last match: a match export lists both.
    const last = finished[finished.length - 1]!;
    const again = await system.queue.request(
      'predict',
      {
        league: 'E0',
        home: (await getTeam(system.db, last.homeTeamId))!.name,
        away: (await getTeam(system.db, last.awayTeamId))!.name,
        fixtureId: last.id,
      },
      { timeoutMs: 10_000 },
    );
    if (again.status === 'ok') await asIfMadeTheDayBefore(again.predictionId!, last);
    const settled = await system.queue.request('settle', {}, { timeoutMs: 20_000 });
    expect(settled).toEqual({ status: 'ok', settled: PREDICTED + 1, picks: 0, alerts: 0 });
    // A known league with nothing predicted yet.
    await upsertLeague(system.db, { code: 'SP1', name: 'La Liga' });
  }, 120_000);

  it('When a user asks /stats, then the text has the count, the stored scores and the market on the same matches, and a PNG chart follows', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const stored = await listPredictions(system.db, { settled: true, limit: 1000 });
    const odds = groupOddsByFixture(
      await listOddsForFixtures(system.db, settledFixtureIds(stored)),
    );
    const expected = trackRecord(stored, odds);
    const closing = expected.markets.find((m) => m.key === 'closing')!;

    await chat.send('/stats');
    const [reply] = await chat.nextReplies(1, 15_000);
    const [photo] = await filesTo(chat, 'sendPhoto', 1);

    const text = reply!.text ?? '';
    expect(text).toContain(`Settled predictions: <b>${PREDICTED + 1}</b>`);
    expect(text).toContain(`RPS <b>${expected.model.rps.toFixed(4)}</b>`);
    expect(text).toContain(`log loss ${expected.model.logLoss.toFixed(4)}`);
    expect(text).toContain(`Brier ${expected.model.brier.toFixed(4)}`);
    expect(text).toContain(`${(expected.model.hitRate * 100).toFixed(1)}%`);
    expect(closing.n).toBe(PREDICTED + 1);
    expect(text).toContain(
      `vs market (closing, de-vigged) on the same ${closing.n} matches: RPS ${closing.model.rps.toFixed(4)} vs ${closing.market.rps.toFixed(4)}`,
    );
    expect(text).toContain('<b>E0</b>: 31');
    expect(text).toContain('By month');
    expect(text).toContain('nothing is edited or removed after the fact');
    const head = await ledgerHead(system.db, 'writer');
    expect(head.seq).toBe(PREDICTED + 1);
    expect(text).toContain(
      `Prediction ledger: ${head.seq} sealed, chain head <code>${head.hash.slice(0, 16)}</code>. Verify: <code>scoreline ledger verify</code>`,
    );
    expect(await verifyLedger(system.db)).toMatchObject({
      ok: false,
      broken: { kind: 'prediction-edited', seq: 1 },
    });
    const caption = String(photo!.body.caption);
    expect(caption.length).toBeLessThanOrEqual(1024);
    expect(caption).toContain('31 predictions');
    const png = uploadOf(photo!, 'photo');
    expect(png.filename).toBe('scoreline-track-record-all.png');
    expect(png.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.data.length).toBeGreaterThan(5_000);
  });

  it('When a Russian user asks /stats E0, then the league figures come in Russian with the chart', async () => {
    const chat = system.chat({ languageCode: 'ru' });

    await chat.send('/stats e0');
    const [reply] = await chat.nextReplies(1, 15_000);
    const [photo] = await filesTo(chat, 'sendPhoto', 1);

    expect(reply!.text).toContain('Рассчитанных прогнозов: <b>31</b>');
    expect(reply!.text).toContain('Журнал прогнозов: запечатано 31, вершина цепочки <code>');
    expect(reply!.text).toContain('Против рынка (закрытие, без маржи)');
    expect(uploadOf(photo!, 'photo').filename).toBe('scoreline-track-record-E0.png');
  });

  it('When /stats names a league without settled predictions, then the answer says so and no chart is sent', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/stats SP1');
    const [reply] = await chat.nextReplies(1, 10_000);
    await chat.send('/stats XX9');
    const [unknown] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toContain('No settled predictions yet (SP1)');
    expect(unknown!.text).toContain('Unknown league “XX9”');
    await new Promise((r) => setTimeout(r, 300));
    expect(
      front()
        .calls('sendPhoto')
        .filter((c) => c.body.chat_id === String(chat.chatId)),
    ).toEqual([]);
  });

  it('When a user exports a match, then a CSV with its stored predictions arrives, names quoted correctly', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const last = finished[finished.length - 1]!;
    // A team name a careless CSV writer would break: comma, quotes and a line break.
    const awkward = 'Wolves, "the Old Gold"\nWanderers';
    await system.db.writer('teams').where({ id: last.homeTeamId }).update({ name: awkward });
    const stored = await listPredictions(system.db, { fixtureId: last.id });

    await chat.send(`/export ${last.id}`);
    const [doc] = await filesTo(chat, 'sendDocument', 1);

    const file = uploadOf(doc!, 'document');
    expect(file.filename).toBe(`scoreline-fixture-${last.id}-predictions.csv`);
    const text = file.data.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual([...PREDICTION_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(stored).toHaveLength(2);
    for (const [i, p] of stored.entries()) {
      const row = rows[i + 1]!;
      expect(Number(column(row, 'prediction_id'))).toBe(p.id);
      expect(column(row, 'home')).toBe(awkward);
      expect(Number(column(row, 'p_home'))).toBe(p.pHome);
      expect(Number(column(row, 'p_draw'))).toBe(p.pDraw);
      expect(Number(column(row, 'p_away'))).toBe(p.pAway);
      expect(column(row, 'model_version')).toBe(p.modelVersion);
      expect(column(row, 'outcome')).toBe(p.outcome);
      expect(Number(column(row, 'home_goals'))).toBe(last.homeGoals);
      expect(column(row, 'kickoff_utc')).toBe(last.kickoffAt.toISOString());
    }
    expect(String(doc!.body.caption)).toContain(`(#${last.id}): 2`);
  });

  it('When a user exports a league, then the CSV holds its predictions and the calibration chart follows', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/export E0');
    const [doc] = await filesTo(chat, 'sendDocument', 1);
    const [photo] = await filesTo(chat, 'sendPhoto', 1);

    const file = uploadOf(doc!, 'document');
    expect(file.filename).toBe('scoreline-E0-predictions.csv');
    const rows = readCsv(file.data.toString('utf8').slice(1));
    expect(rows).toHaveLength(1 + PREDICTED + 1);
    expect(rows.slice(1).every((r) => column(r, 'league') === 'E0')).toBe(true);
    const ids = new Set(rows.slice(1).map((r) => Number(column(r, 'fixture_id'))));
    expect(ids).toEqual(new Set(finished.map((f) => f.id)));
    expect(String(doc!.body.caption)).not.toContain('Only the newest');
    expect(uploadOf(photo!, 'photo').data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('When /export gets nothing, an unknown match or a league without predictions, then it answers in text', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/export');
    const [usage] = await chat.nextReplies(1, 10_000);
    await chat.send('/export 99999999');
    const [missing] = await chat.nextReplies(1, 10_000);
    await chat.send('/export SP1');
    const [empty] = await chat.nextReplies(1, 10_000);

    expect(usage!.text).toContain('/export E0');
    expect(missing!.text).toContain('There is no match 99999999');
    expect(empty!.text).toContain('No stored predictions for SP1');
    expect(
      front()
        .calls('sendDocument')
        .filter((c) => c.body.chat_id === String(chat.chatId)),
    ).toEqual([]);
  });

  it('When a user asks /about, then the version, git sha, data freshness and the champion are shown', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const champion = (await listModels(system.db)).find(
      (m) => m.leagueCode === 'E0' && m.status === 'champion',
    )!;

    await chat.send('/about');
    const [reply] = await chat.nextReplies(1, 10_000);

    const text = reply!.text ?? '';
    expect(text).toContain(VERSION);
    expect(text).toContain(SHA);
    expect(text).toContain('football-data.co.uk');
    expect(text).toContain('SportMonks');
    expect(text).toMatch(/E0 \([^)]*\): latest finished match 2025-05-25/);
    expect(text).toContain('No sync has run yet');
    expect(text).toContain(`E0: ${champion.version}`);
  });
});
