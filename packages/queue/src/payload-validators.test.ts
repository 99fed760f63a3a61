import { describe, expect, it } from '@jest/globals';
import { ALL_JOB_NAMES } from './contract';
import { InvalidPayloadError, UnrecoverableJobError, isUnrecoverable } from './errors';
import { TELEGRAM_TEXT_LIMIT, validatePayload } from './payload-validators';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidPayloadError) return [...err.problems];
    throw err;
  }
  throw new Error('expected InvalidPayloadError');
}

describe('validatePayload', () => {
  it('accepts a minimal valid payload for every job type', () => {
    const minimal = {
      predict: { league: 'E0', home: 'Arsenal', away: 'Chelsea' },
      retrain: {},
      sync: {},
      settle: {},
      maintenance: { tasks: ['backup'] },
      digest: {},
      outbox: { chatId: '-100123', text: 'hi', kind: 'digest' },
      explain: { fixtureId: 42 },
      season: { league: 'E0', asOf: '2025-01-01', runs: 10_000 },
      ratings: { league: 'E0', team: 'Arsenal' },
    } as const;
    for (const name of ALL_JOB_NAMES) {
      expect(validatePayload(name, minimal[name])).toEqual(minimal[name]);
    }
  });

  it('keeps optional fields and drops unknown keys (rolling deploys add fields)', () => {
    expect(
      validatePayload('predict', {
        league: 'E0',
        home: 'Arsenal',
        away: 'Chelsea',
        fixtureId: 19_134_453,
        requestedBy: 'tg:42',
        addedInV2: true,
      }),
    ).toEqual({
      league: 'E0',
      home: 'Arsenal',
      away: 'Chelsea',
      fixtureId: 19_134_453,
      requestedBy: 'tg:42',
    });
  });

  it('When a predict payload has no league, then it is valid and stays league-less', () => {
    // The bot sends "/predict Arsenal - Chelsea" as is; the worker finds the league.
    expect(validatePayload('predict', { home: 'Арсенал', away: 'Челси' })).toEqual({
      home: 'Арсенал',
      away: 'Челси',
    });
  });

  it('When a predict payload has a null or blank league, then it is rejected', () => {
    expect(
      problems(() => validatePayload('predict', { league: null, home: 'a', away: 'b' })),
    ).toEqual(['league must be a non-empty string']);
    expect(
      problems(() => validatePayload('predict', { league: '  ', home: 'a', away: 'b' })),
    ).toEqual(['league must be a non-empty string']);
  });

  it('names every problem of a predict payload', () => {
    expect(
      problems(() => validatePayload('predict', { league: '', home: 3, fixtureId: 1.5 })),
    ).toEqual([
      'league must be a non-empty string',
      'home must be a non-empty string',
      'away is required',
      'fixtureId must be a positive integer',
    ]);
  });

  it('rejects non-objects', () => {
    for (const bad of [null, 'x', 3, [], undefined]) {
      expect(problems(() => validatePayload('settle', bad))).toEqual([
        'payload must be a JSON object',
      ]);
    }
  });

  it('checks sync dates and their order', () => {
    expect(
      validatePayload('sync', { leagues: ['E0', 'D1'], from: '2025-08-01', to: '2025-08-31' }),
    ).toEqual({
      leagues: ['E0', 'D1'],
      from: '2025-08-01',
      to: '2025-08-31',
    });
    expect(
      problems(() => validatePayload('sync', { leagues: ['E0', ''], from: '01/08/2025' })),
    ).toEqual([
      'from must be an ISO date (YYYY-MM-DD), got "01/08/2025"',
      'leagues must be an array of non-empty strings',
    ]);
    expect(
      problems(() => validatePayload('sync', { from: '2025-09-01', to: '2025-08-01' })),
    ).toEqual(['from (2025-09-01) is after to (2025-08-01)']);
  });

  it('When a sync names its source, then only a known feed is accepted', () => {
    expect(validatePayload('sync', { source: 'football-data-results' })).toEqual({
      source: 'football-data-results',
      leagues: undefined,
      from: undefined,
      to: undefined,
    });
    expect(problems(() => validatePayload('sync', { source: 'football-data' }))).toEqual([
      expect.stringMatching(/^source must be one of sportmonks, football-data-results/),
    ]);
  });

  it('checks maintenance tasks', () => {
    expect(problems(() => validatePayload('maintenance', { tasks: [] }))).toEqual([
      'tasks must be a non-empty array of backup, vacuum, cleanup',
    ]);
    expect(
      problems(() => validatePayload('maintenance', { tasks: ['backup', 'rm -rf'] })),
    ).toHaveLength(1);
  });

  it('checks digest time and outbox messages', () => {
    expect(validatePayload('digest', { now: '2026-01-01T09:00:00Z' })).toEqual({
      now: '2026-01-01T09:00:00Z',
    });
    expect(problems(() => validatePayload('digest', { now: '2026-01-01' }))).toHaveLength(1);
    expect(
      problems(() =>
        validatePayload('outbox', {
          chatId: '1',
          text: 'x'.repeat(TELEGRAM_TEXT_LIMIT + 1),
          parseMode: 'MarkdownV2',
          kind: 'alert',
        }),
      ),
    ).toEqual([
      `text is longer than ${TELEGRAM_TEXT_LIMIT} characters`,
      'parseMode must be one of HTML',
    ]);
  });

  it('When an alert carries buttons, then rows of text and short data pass and longer data fails', () => {
    const alert = { chatId: '1', text: 'x', kind: 'alert' as const };
    const buttons = [[{ text: 'Track it', data: 'at:42' }], [{ text: 'Mute E0', data: 'am:42' }]];
    expect(validatePayload('outbox', { ...alert, buttons })).toMatchObject({ buttons });
    expect(
      problems(() =>
        validatePayload('outbox', { ...alert, buttons: [[{ text: 'x', data: 'a'.repeat(65) }]] }),
      ),
    ).toEqual(['buttons must be rows of {text, data} with data of at most 64 bytes']);
    expect(problems(() => validatePayload('outbox', { ...alert, buttons: 'at:1' }))).toHaveLength(
      1,
    );
  });

  it('fails with an error that is unrecoverable and names the job', () => {
    let err: unknown;
    try {
      validatePayload('retrain', { league: 7 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidPayloadError);
    expect(err).toBeInstanceOf(UnrecoverableJobError);
    expect(isUnrecoverable(err)).toBe(true);
    expect((err as InvalidPayloadError).code).toBe('INVALID_PAYLOAD');
    expect((err as Error).message).toBe(
      'invalid retrain payload: league must be a non-empty string',
    );
  });

  it('When a season payload has a league, a date and a bounded number of runs, then it is valid and cleaned', () => {
    expect(
      validatePayload('season', { league: 'E0', asOf: '2025-01-01', runs: 500, seed: 3 }),
    ).toEqual({ league: 'E0', asOf: '2025-01-01', runs: 500 });
  });

  it('When a season payload lacks its fields or asks for too many runs, then every problem is named', () => {
    expect(problems(() => validatePayload('season', {}))).toEqual([
      'asOf is required',
      'runs is required',
      'league is required',
    ]);
    expect(
      problems(() =>
        validatePayload('season', { league: 'E0', asOf: '1 January', runs: 1_000_000 }),
      ),
    ).toEqual([
      'asOf must be an ISO date (YYYY-MM-DD), got "1 January"',
      'runs must be at most 100000',
    ]);
  });

  it('When a ratings payload names a league and a team, then it is valid and cleaned; without them every problem is named', () => {
    expect(validatePayload('ratings', { league: 'E0', team: 'Arsenal', extra: 1 })).toEqual({
      league: 'E0',
      team: 'Arsenal',
    });
    expect(problems(() => validatePayload('ratings', { team: ' ' }))).toEqual([
      'league is required',
      'team must be a non-empty string',
    ]);
  });

  it('When an explain payload names a fixture or a league with both teams, then it is valid and cleaned', () => {
    expect(validatePayload('explain', { fixtureId: 7, league: 'E0', extra: 1 })).toEqual({
      fixtureId: 7,
    });
    expect(
      validatePayload('explain', { league: 'E0', home: 'Arsenal', away: 'Chelsea', x: true }),
    ).toEqual({ league: 'E0', home: 'Arsenal', away: 'Chelsea' });
  });

  it('When an explain payload has neither a valid fixture id nor league and teams, then every problem is named', () => {
    expect(problems(() => validatePayload('explain', {}))).toEqual([
      'fixtureId or league, home and away are required',
    ]);
    expect(problems(() => validatePayload('explain', { fixtureId: -3 }))).toEqual([
      'fixtureId must be a positive integer',
    ]);
    expect(problems(() => validatePayload('explain', { fixtureId: '12' }))).toEqual([
      'fixtureId must be a positive integer',
    ]);
    expect(problems(() => validatePayload('explain', { league: 'E0', home: 'Arsenal' }))).toEqual([
      'away is required',
    ]);
  });

  it('refuses an unknown job name', () => {
    expect(() => validatePayload('nope' as never, {})).toThrow(
      'invalid nope payload: unknown job name',
    );
  });
});
