import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testEngines, type TestDatabase } from '@test-support/databases';
import type { Db } from '../create-db';
import { migrateLatest } from '../migrate';
import {
  acceptTerms,
  countValueAlerts,
  getAlertSettings,
  getTermsAcceptance,
  listActiveAlertSettings,
  listPicks,
  listUnsettledPicksWithResult,
  markValueAlertQueued,
  recordValueAlert,
  saveAlertSettings,
  settlePick,
  trackPick,
} from './betting.repository';
import { upsertFixture } from './fixtures.repository';
import { upsertLeague } from './leagues.repository';
import { upsertTeam } from './teams.repository';

// Telegram ids above 32 bits: the columns must hold them on both engines.
const CHAT = 5_000_000_001;

describe.each(testEngines)('terms, alerts and picks on %s', (_engine, makeDb) => {
  let handle: TestDatabase;
  let db: Db;
  let fixtureId: number;

  beforeAll(async () => {
    handle = await makeDb();
    db = handle.db;
    await migrateLatest(db);
    const leagueId = (await upsertLeague(db, { code: 'E0', name: 'Premier League' })).id;
    const { id } = await upsertFixture(db, {
      leagueId,
      kickoffAt: new Date('2026-08-20T15:00:00Z'),
      homeTeamId: (await upsertTeam(db, { name: 'Arsenal' })).id,
      awayTeamId: (await upsertTeam(db, { name: 'Chelsea' })).id,
      status: 'scheduled',
      source: 'test',
    });
    fixtureId = id;
  });
  afterAll(async () => {
    await handle.dispose();
  });

  it('When a user accepts the terms, then the version and time read back', async () => {
    expect(await getTermsAcceptance(db, CHAT)).toBeNull();
    await acceptTerms(db, CHAT, '1', new Date('2026-08-01T10:00:00Z'));
    expect(await getTermsAcceptance(db, CHAT)).toEqual({
      userId: CHAT,
      version: '1',
      acceptedAt: new Date('2026-08-01T10:00:00Z'),
    });
  });

  it('When alert settings are saved and switched on, then they read back and the chat is listed as active', async () => {
    await saveAlertSettings(db, CHAT, {
      minEdge: 7.5,
      markets: ['1x2'],
      quiet: { from: '23:00', to: '08:00' },
    });
    expect(await listActiveAlertSettings(db)).toEqual([]);
    await saveAlertSettings(db, CHAT, { enabled: true, leagues: ['E0', 'SP1'] });
    expect(await getAlertSettings(db, CHAT)).toMatchObject({
      enabled: true,
      minEdge: 7.5,
      leagues: ['E0', 'SP1'],
      mutedLeagues: [],
      markets: ['1x2'],
      maxPerDay: 5,
      quiet: { from: '23:00', to: '08:00' },
    });
    expect((await listActiveAlertSettings(db)).map((s) => s.chatId)).toEqual([CHAT]);
  });

  it('When the same alert is recorded again, then it comes back until it is marked queued, is refused after, and the day counts one', async () => {
    const alert = {
      chatId: CHAT,
      fixtureId,
      market: '1x2',
      side: 'home',
      bookmaker: 'PS',
      price: 2.5,
      modelProb: 0.5,
      marketProb: 0.42,
      localDate: '2026-08-19',
      createdAt: new Date('2026-08-19T09:00:00Z'),
    };
    const id = await recordValueAlert(db, alert);
    expect(id).toEqual(expect.any(Number));
    // Recorded but never marked queued (its scan died in between): the next scan gets it back.
    expect(await recordValueAlert(db, { ...alert, price: 2.6 })).toBe(id);
    await markValueAlertQueued(db, id!, new Date('2026-08-19T09:00:01Z'));
    expect(await recordValueAlert(db, { ...alert, price: 2.6 })).toBeNull();
    expect(await countValueAlerts(db, CHAT, '2026-08-19')).toBe(1);
  });

  it('When a pick is tracked twice and settled twice, then it is stored and settled once', async () => {
    const input = {
      chatId: CHAT,
      fixtureId,
      market: '1x2',
      side: 'home',
      bookmaker: 'PS',
      price: 2.5,
      modelProb: 0.5,
      staking: 'flat' as const,
      stake: 1,
      trackedAt: new Date('2026-08-19T09:05:00Z'),
    };
    expect((await trackPick(db, input)).created).toBe(true);
    expect((await trackPick(db, input)).created).toBe(false);
    const [pick] = await listPicks(db, CHAT);
    expect(await listUnsettledPicksWithResult(db)).toEqual([]);

    const settlement = {
      won: true,
      profit: 1.5,
      closingProb: 0.44,
      clv: 0.1,
      settledAt: new Date('2026-08-20T17:00:00Z'),
    };
    expect(await settlePick(db, pick!.id, settlement)).toBe(true);
    expect(await settlePick(db, pick!.id, { ...settlement, profit: -1 })).toBe(false);
    expect((await listPicks(db, CHAT))[0]).toMatchObject({ won: true, profit: 1.5, clv: 0.1 });
  });
});
