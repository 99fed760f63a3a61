import { describe, expect, it } from '@jest/globals';

import { mapFixture, mapLeague, mapOdds, mapState } from './mappers';

// CONTRACT.md §14.1, first fixture, trimmed to the fields the mapper reads plus a few extras.
const CELTIC_HIBS = {
  id: 19300101,
  sport_id: 1,
  league_id: 501,
  season_id: 23690,
  state_id: 5,
  name: 'Celtic vs Hibernian',
  starting_at: '2025-03-01 15:00:00',
  result_info: 'Celtic won after full-time.',
  starting_at_timestamp: 1740841200,
  has_premium_odds: false,
  participants: [
    { id: 66, name: 'Hibernian', meta: { location: 'away', winner: false, position: 4 } },
    { id: 53, name: 'Celtic', meta: { location: 'home', winner: true, position: 1 } },
  ],
  scores: [
    {
      type_id: 1525,
      participant_id: 66,
      score: { goals: 1, participant: 'away' },
      description: 'CURRENT',
    },
    {
      type_id: 1,
      participant_id: 53,
      score: { goals: 1, participant: 'home' },
      description: '1ST_HALF',
    },
    {
      type_id: 1,
      participant_id: 66,
      score: { goals: 0, participant: 'away' },
      description: '1ST_HALF',
    },
    {
      type_id: 2,
      participant_id: 53,
      score: { goals: 3, participant: 'home' },
      description: '2ND_HALF',
    },
    {
      type_id: 2,
      participant_id: 66,
      score: { goals: 1, participant: 'away' },
      description: '2ND_HALF',
    },
    {
      type_id: 48996,
      participant_id: 53,
      score: { goals: 2, participant: 'home' },
      description: '2ND_HALF_ONLY',
    },
    {
      type_id: 48996,
      participant_id: 66,
      score: { goals: 1, participant: 'away' },
      description: '2ND_HALF_ONLY',
    },
    {
      type_id: 1525,
      participant_id: 53,
      score: { goals: 3, participant: 'home' },
      description: 'CURRENT',
    },
  ],
  state: { id: 5, state: 'FT', developer_name: 'FT' },
};

describe('mapState', () => {
  it.each([
    [1, 'scheduled'],
    [13, 'scheduled'],
    [16, 'scheduled'],
    [2, 'live'],
    [3, 'live'],
    [22, 'live'],
    [9, 'live'],
    [5, 'finished'],
    [7, 'finished'],
    [8, 'finished'],
    [17, 'finished'],
    [10, 'postponed'],
    [12, 'cancelled'],
    [15, 'cancelled'],
    [20, 'cancelled'],
    [999, 'live'],
  ])('state_id %d → %s', (id, state) => {
    expect(mapState(id)).toBe(state);
  });
});

describe('mapFixture', () => {
  it('maps the contract example: home by meta.location, 90-minute score, UTC kick-off', () => {
    expect(mapFixture(CELTIC_HIBS)).toEqual({
      id: 19300101,
      leagueId: 501,
      seasonId: 23690,
      startingAtUtc: '2025-03-01T15:00:00.000Z',
      home: { id: 53, name: 'Celtic' },
      away: { id: 66, name: 'Hibernian' },
      state: 'finished',
      stateId: 5,
      homeGoals: 3,
      awayGoals: 1,
      ht: { home: 1, away: 0 },
    });
  });

  it('settles on the 2ND_HALF (90-minute) score when CURRENT includes extra time', () => {
    const aet = {
      ...CELTIC_HIBS,
      state_id: 7,
      scores: [
        { score: { goals: 1, participant: 'home' }, description: '2ND_HALF' },
        { score: { goals: 1, participant: 'away' }, description: '2ND_HALF' },
        { score: { goals: 2, participant: 'home' }, description: 'CURRENT' },
        { score: { goals: 1, participant: 'away' }, description: 'CURRENT' },
      ],
    };
    expect(mapFixture(aet)).toMatchObject({ state: 'finished', homeGoals: 1, awayGoals: 1 });
  });

  it('uses CURRENT for live matches and null before kick-off', () => {
    const live = { ...CELTIC_HIBS, state_id: 22 };
    expect(mapFixture(live)).toMatchObject({ state: 'live', homeGoals: 3, awayGoals: 1 });
    const ns = { ...CELTIC_HIBS, state_id: 1, scores: [] };
    expect(mapFixture(ns)).toMatchObject({ state: 'scheduled', homeGoals: null, awayGoals: null });
    expect(mapFixture(ns)?.ht).toBeUndefined();
  });

  it('reads starting_at as UTC when the timestamp is absent', () => {
    const { starting_at_timestamp: _ts, ...rest } = CELTIC_HIBS;
    expect(mapFixture({ ...rest, starting_at: '2024-08-03 11:30:00' })?.startingAtUtc).toBe(
      '2024-08-03T11:30:00.000Z',
    );
  });

  it('returns null for fixtures without both teams or without an id', () => {
    expect(mapFixture({ ...CELTIC_HIBS, participants: [CELTIC_HIBS.participants[1]] })).toBeNull();
    expect(mapFixture({ ...CELTIC_HIBS, id: null })).toBeNull();
    expect(mapFixture('junk')).toBeNull();
  });
});

describe('mapOdds and mapLeague', () => {
  it('groups selections and ignores unusable prices', () => {
    const rows = [
      {
        fixture_id: 1,
        bookmaker_id: 2,
        market_id: 1,
        label: 'Home',
        value: '2.10',
        updated_at: '2025-03-01 10:00:00',
      },
      {
        fixture_id: 1,
        bookmaker_id: 2,
        market_id: 1,
        label: 'Draw',
        value: '3.40',
        latest_bookmaker_update: '2025-03-01 11:00:00',
      },
      { fixture_id: 1, bookmaker_id: 2, market_id: 1, label: 'Away', value: 'n/a' },
      { fixture_id: 1, bookmaker_id: 9, market_id: 1, label: '2', value: '3.9' },
      { fixture_id: 1, bookmaker_id: 9, market_id: 1, label: 'X', value: '1.00' },
    ];
    expect(mapOdds(rows)).toEqual([
      expect.objectContaining({
        bookmakerId: 2,
        prices: { home: 2.1, draw: 3.4 },
        updatedAt: '2025-03-01 11:00:00',
      }),
      expect.objectContaining({ bookmakerId: 9, prices: { away: 3.9 }, updatedAt: null }),
    ]);
  });

  it('reads currentSeason under either spelling', () => {
    expect(
      mapLeague({ id: 501, name: 'Premiership', currentseason: { id: 7 } })?.currentSeasonId,
    ).toBe(7);
    expect(
      mapLeague({ id: 501, name: 'Premiership', currentSeason: { id: 8 } })?.currentSeasonId,
    ).toBe(8);
    expect(mapLeague({ id: 501 })?.currentSeasonId).toBeNull();
  });
});
