import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvalidPayloadError, type RatingsResult } from '@scoreline/queue';
import { createChampionCache } from '@scoreline/training';
import {
  startChampionWorker,
  tempConfig,
  type ChampionWorker,
} from '../test-support/worker-fixtures';
import { createRatingsProcessor } from './ratings.processor';

describe('ratings processor (in-process queue, SQLite)', () => {
  let w: ChampionWorker;
  const ratings = (team: string): Promise<RatingsResult> =>
    w.queue.request('ratings', { league: 'E0', team }, { timeoutMs: 30_000 });

  beforeAll(async () => {
    w = await startChampionWorker('ratings', createRatingsProcessor);
  }, 120_000);
  afterAll(() => w.dispose());

  it("When the 2024/25 champions and a relegated side are asked for, then the champion's ratings put Liverpool above Southampton at both ends", async () => {
    const [liverpool, southampton] = await Promise.all([
      ratings('Liverpool'),
      ratings('Southampton'),
    ]);

    expect(liverpool).toMatchObject({ status: 'ok', modelVersion: w.version });
    expect(southampton).toMatchObject({ status: 'ok', modelVersion: w.version });
    if (liverpool.status !== 'ok' || southampton.status !== 'ok') return;
    // 86 goals scored and 41 conceded against 26 and 86.
    expect(liverpool.attack).toBeGreaterThan(0.2);
    expect(southampton.attack).toBeLessThan(-0.2);
    expect(liverpool.defence).toBeGreaterThan(southampton.defence);
  });

  it('When the champion does not rate the team, then the answer names it and the version asked', async () => {
    await expect(ratings('Real Madrid')).resolves.toEqual({
      status: 'unknown_team',
      team: 'Real Madrid',
      modelVersion: w.version,
    });
  });

  it('When the league has no champion, then the answer says so', async () => {
    const empty = tempConfig();
    const processor = createRatingsProcessor({
      champions: createChampionCache(w.db, empty.config.paths.modelRegistryPath, () => undefined),
    });
    try {
      await expect(
        processor({ league: 'SP1', team: 'Barcelona' }, { jobId: 'r-1', attempt: 1 }),
      ).resolves.toEqual({ status: 'no_model', league: 'SP1' });
    } finally {
      empty.dispose();
    }
  });

  it('When a request names no team, then it is refused before it is queued', async () => {
    await expect(
      w.queue.request('ratings', { league: 'E0' } as never, { timeoutMs: 1_000 }),
    ).rejects.toThrow(InvalidPayloadError);
  });
});
