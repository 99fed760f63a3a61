import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findLeagueByCode, getTeam, listFixtures, type Db } from '@scoreline/db';
import { EXPLAIN_FACTORS } from '@scoreline/model';
import type { QueueBackend } from '@scoreline/queue';
import { startChampionWorker, type ChampionWorker } from '../test-support/worker-fixtures';
import { createExplainProcessor } from './explain.processor';

describe('explain processor (in-process queue, SQLite)', () => {
  let w: ChampionWorker;
  let db: Db;
  let queue: QueueBackend;
  let version: string;

  beforeAll(async () => {
    w = await startChampionWorker('explain', createExplainProcessor);
    ({ db, queue, version } = w);
  }, 120_000);
  afterAll(() => w.dispose());

  it('When a stored fixture is explained, then every factor comes back with deltas that balance, and home advantage helps the home side', async () => {
    const league = await findLeagueByCode(db, 'E0');
    const [fixture] = await listFixtures(db, {
      leagueId: league!.id,
      from: '2025-05-01',
      to: '2025-06-30',
    });
    const result = await queue.request(
      'explain',
      { fixtureId: fixture!.id },
      { timeoutMs: 10_000 },
    );

    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result).toMatchObject({
      league: 'E0',
      modelVersion: version,
      fixtureId: fixture!.id,
      home: (await getTeam(db, fixture!.homeTeamId))!.name,
      away: (await getTeam(db, fixture!.awayTeamId))!.name,
    });
    expect(result.factors.map((f) => f.factor)).toEqual([...EXPLAIN_FACTORS]);
    expect(result.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const f of result.factors) {
      expect(f.delta.every(Number.isFinite)).toBe(true);
      expect(Math.abs(f.delta[0] + f.delta[1] + f.delta[2])).toBeLessThan(1e-6);
    }
    const venue = result.factors.find((f) => f.factor === 'homeAdvantage')!;
    expect(venue.delta[0]).toBeGreaterThan(0);
    expect(venue.delta[2]).toBeLessThan(0);
    expect(result.components.map((c) => c.name)).toEqual(['dixonColes', 'shots', 'elo']);
  });

  it('When teams are given by league and (typed) names, then they resolve to the model names', async () => {
    const result = await queue.request(
      'explain',
      { league: 'e0', home: 'Арсенал', away: 'Chelsea' },
      { timeoutMs: 10_000 },
    );

    expect(result).toMatchObject({
      status: 'ok',
      league: 'E0',
      home: 'Arsenal',
      away: 'Chelsea',
      fixtureId: null,
    });
  });

  it('When the fixture, the model or a team is missing, then the result says which, without failing the job', async () => {
    await expect(
      queue.request('explain', { fixtureId: 987_654_321 }, { timeoutMs: 10_000 }),
    ).resolves.toEqual({ status: 'unknown_fixture', fixtureId: 987_654_321 });
    await expect(
      queue.request('explain', { league: 'SP1', home: 'a', away: 'b' }, { timeoutMs: 10_000 }),
    ).resolves.toEqual({ status: 'no_model', league: 'SP1' });
    await expect(
      queue.request(
        'explain',
        { league: 'E0', home: 'Arsenal', away: 'Zenit St Petersburg' },
        { timeoutMs: 10_000 },
      ),
    ).resolves.toEqual({ status: 'unknown_team', team: 'Zenit St Petersburg' });
  });
});
