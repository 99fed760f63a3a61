import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvalidPayloadError } from '@scoreline/queue';
import { createChampionCache } from '@scoreline/training';
import {
  startChampionWorker,
  tempConfig,
  type ChampionWorker,
} from '../test-support/worker-fixtures';
import { createSeasonProcessor } from './season.processor';

describe('season processor (in-process queue, SQLite)', () => {
  let w: ChampionWorker;

  beforeAll(async () => {
    w = await startChampionWorker('season', createSeasonProcessor);
  }, 120_000);
  afterAll(() => w.dispose());

  it("When a season is asked for mid-way, then the champion's odds come back for every team, each probability summing to one", async () => {
    const result = await w.queue.request(
      'season',
      { league: 'E0', asOf: '2025-01-01', runs: 500 },
      { timeoutMs: 30_000 },
    );

    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    const { outlook } = result;
    expect(result.modelVersion).toBe(w.version);
    expect(outlook).toMatchObject({ league: 'E0', season: '2024/25', asOf: '2025-01-01' });
    expect(outlook.runs).toBe(500);
    expect(outlook.outlook).toHaveLength(20);
    expect(outlook.played + outlook.remaining).toBe(380);
    expect(outlook.played).toBeGreaterThan(150);
    const sum = (f: (t: (typeof outlook.outlook)[number]) => number) =>
      outlook.outlook.reduce((s, t) => s + f(t), 0);
    expect(sum((t) => t.title)).toBeCloseTo(1, 9);
    expect(sum((t) => t.top)).toBeCloseTo(4, 9);
    expect(sum((t) => t.relegation)).toBeCloseTo(3, 9);
    for (const t of outlook.outlook) {
      expect(t.positions.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
      expect(t.expectedPoints).toBeGreaterThanOrEqual(t.points);
    }
  }, 60_000);

  it('When the league has no champion, then a model fitted on the stored results answers and no version is named', async () => {
    const empty = tempConfig();
    const processor = createSeasonProcessor({
      db: w.db,
      champions: createChampionCache(w.db, empty.config.paths.modelRegistryPath, () => undefined),
    });
    try {
      const result = await processor(
        { league: 'E0', asOf: '2025-03-01', runs: 200 },
        { jobId: 's-1', attempt: 1 },
      );

      expect(result).toMatchObject({ status: 'ok', modelVersion: null });
    } finally {
      empty.dispose();
    }
  }, 60_000);

  it('When no fixture of that season is stored, then the answer names the season', async () => {
    await expect(
      w.queue.request(
        'season',
        { league: 'E0', asOf: '2030-01-01', runs: 100 },
        { timeoutMs: 10_000 },
      ),
    ).resolves.toEqual({ status: 'no_season', season: '2029/30' });
  });

  it('When a request asks for more runs than a job may take, then it is refused before it is queued', async () => {
    await expect(
      w.queue.request(
        'season',
        { league: 'E0', asOf: '2025-01-01', runs: 10_000_000 },
        { timeoutMs: 1_000 },
      ),
    ).rejects.toThrow(InvalidPayloadError);
  });
});
