import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from './__fixtures__/simulate';
import { ArtifactError, fromArtifact, toArtifact } from './artifact';
import { createProductionModel } from './production';

describe('model artifact', () => {
  const model = createProductionModel({ weights: [0.3, 0.4, 0.3] });
  const state = model.fit(simulateLeague(demoParams(8), 2, 4), '2023-01-01');
  const meta = { league: 'E0', version: '2023-01-01T00-00', createdAt: '2023-01-01T00:00:00Z' };

  it('round-trips through JSON and predicts the same', () => {
    const back = fromArtifact(JSON.parse(JSON.stringify(toArtifact(state, meta))));
    expect(back.league).toBe('E0');
    expect(model.predict(back.state, 'Team A', 'Team B').probs).toEqual(
      model.predict(state, 'Team A', 'Team B').probs,
    );
  });

  it('rejects wrong schemas and broken states', () => {
    const good = JSON.parse(JSON.stringify(toArtifact(state, meta)));
    expect(() => fromArtifact({ ...good, schema: 'other/9' })).toThrow(ArtifactError);
    const broken = JSON.parse(JSON.stringify(good)) as ReturnType<typeof toArtifact>;
    broken.state.dixonColes.attack.pop();
    expect(() => fromArtifact(broken)).toThrow(/ratings do not match/);
    expect(() => fromArtifact(null)).toThrow(ArtifactError);
  });
});
