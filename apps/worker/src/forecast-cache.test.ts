import { describe, expect, it } from '@jest/globals';
import { SameTeamError, type LeaguePredictor, type MatchForecast } from '@scoreline/training';
import { createForecastCache } from './forecast-cache';

/** A champion that counts how often its model runs. */
function countingChampion(version: string) {
  const calls: Array<[string, string]> = [];
  const predictor = {
    league: 'E0',
    predict(home: string, away: string): Promise<MatchForecast> {
      calls.push([home, away]);
      if (home === away) return Promise.reject(new SameTeamError(home));
      if (home === 'boom') return Promise.reject(new Error('disk on fire'));
      return Promise.resolve({
        league: 'E0',
        home,
        away,
        modelVersion: version,
        probs: [0.5, 0.3, 0.2],
      } as unknown as MatchForecast);
    },
  } as unknown as LeaguePredictor;
  return { predictor, calls };
}

describe('forecast cache', () => {
  it('When a match is asked again under the same champion, then the model runs once and both answers are the same forecast', async () => {
    const cache = createForecastCache();
    const { predictor, calls } = countingChampion('v1');

    const first = await cache.forecast(predictor, { home: 'Arsenal', away: 'Chelsea' });
    const second = await cache.forecast(predictor, { home: 'Arsenal', away: 'Chelsea' });
    const reversed = await cache.forecast(predictor, { home: 'Chelsea', away: 'Arsenal' });

    expect(first).toMatchObject({ status: 'forecast', forecast: { modelVersion: 'v1' } });
    expect(second).toBe(first);
    expect(reversed).not.toBe(first);
    expect(calls).toEqual([
      ['Arsenal', 'Chelsea'],
      ['Chelsea', 'Arsenal'],
    ]);
  });

  it('When the champion changes, then the same match is computed again by the new model', async () => {
    const cache = createForecastCache();
    const old = countingChampion('v1');
    const next = countingChampion('v2');

    await cache.forecast(old.predictor, { home: 'Arsenal', away: 'Chelsea' });
    const fresh = await cache.forecast(next.predictor, { home: 'Arsenal', away: 'Chelsea' });

    expect(fresh).toMatchObject({ status: 'forecast', forecast: { modelVersion: 'v2' } });
    expect(next.calls).toHaveLength(1);
  });

  it('When the model fails unexpectedly, then the failure is not kept and the next ask runs the model again', async () => {
    const cache = createForecastCache();
    const { predictor, calls } = countingChampion('v1');

    await expect(cache.forecast(predictor, { home: 'boom', away: 'Chelsea' })).rejects.toThrow(
      'disk on fire',
    );
    await expect(cache.forecast(predictor, { home: 'boom', away: 'Chelsea' })).rejects.toThrow(
      'disk on fire',
    );

    expect(calls).toHaveLength(2);
  });

  it('When a request is answered without a forecast (same team), then that answer is kept too', async () => {
    const cache = createForecastCache();
    const { predictor, calls } = countingChampion('v1');

    const a = await cache.forecast(predictor, { home: 'Arsenal', away: 'Arsenal' });
    const b = await cache.forecast(predictor, { home: 'Arsenal', away: 'Arsenal' });

    expect(a).toEqual({ status: 'same_team', team: 'Arsenal' });
    expect(b).toBe(a);
    expect(calls).toHaveLength(1);
  });

  it('When more pairs are asked than the cache holds, then the oldest is computed again and the newest is not', async () => {
    const cache = createForecastCache(2);
    const { predictor, calls } = countingChampion('v1');

    for (const home of ['A', 'B', 'C']) await cache.forecast(predictor, { home, away: 'Z' });
    await cache.forecast(predictor, { home: 'C', away: 'Z' });
    await cache.forecast(predictor, { home: 'A', away: 'Z' });

    expect(calls.map(([home]) => home)).toEqual(['A', 'B', 'C', 'A']);
  });
});
