import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { demoParams, simulateLeague } from './__fixtures__/simulate';
import { rollingBacktest } from './backtest';
import { fitDixonColes } from './dixon-coles/fit';
import { createProductionModel } from './production';
import { fitElo } from './ratings/elo';
import type { MatchResult } from './types';

// Digest of every forecast of a rolling backtest of the production model (and of a Dixon-Coles
// and an Elo fit) on a simulated league without closed-door matches, recorded with the code
// before closed doors were modelled (commit cfefb2c): the closed-door parameters must leave such
// a league bit-identical.
const GOLDEN = '216:26c5c62a77f437e21278559289224adbe563598bcdad9b33f967794892a5bf5a';

function digest(matches: readonly MatchResult[]): string {
  const h = createHash('sha256');
  const model = createProductionModel();
  const preds = rollingBacktest(matches, {
    from: matches[Math.floor(matches.length * 0.6)]!.date,
    to: '2099-12-31',
    model: { fit: model.fit, predict: model.predictProbs },
  });
  for (const p of preds) h.update(JSON.stringify([p.date, p.home, p.probs, p.components]));
  h.update(JSON.stringify(fitDixonColes(matches, { asOf: '2030-01-01', xi: 0.0026 })));
  h.update(JSON.stringify(fitElo(matches, '2030-01-01', { k: 30, shotsShare: 0.35 })));
  return `${preds.length}:${h.digest('hex')}`;
}

describe('closed doors: a league without them', () => {
  const matches = simulateLeague(demoParams(12), 4, 5, '2020-08-01');

  it('When no match is behind closed doors, then every forecast is bit-identical to the code before closed doors', () => {
    expect(digest(matches)).toBe(GOLDEN);
  });

  it('When every match says behindClosedDoors: false, then every forecast is still bit-identical', () => {
    expect(digest(matches.map((m) => ({ ...m, behindClosedDoors: false })))).toBe(GOLDEN);
  });
});
