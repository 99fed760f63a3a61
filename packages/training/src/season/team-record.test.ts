import { describe, expect, it } from '@jest/globals';
import type { MatchResult } from '@scoreline/model';
import { headToHead, teamForm, teamRatings } from './team-record';

const m = (date: string, home: string, away: string, hg: number, ag: number): MatchResult => ({
  date,
  home,
  away,
  homeGoals: hg,
  awayGoals: ag,
});

const results = [
  m('2025-01-01', 'A', 'B', 2, 0),
  m('2025-01-05', 'C', 'A', 1, 1),
  m('2025-01-09', 'B', 'A', 3, 1),
  m('2025-01-12', 'B', 'C', 0, 0),
  m('2025-01-15', 'A', 'C', 0, 2),
];

describe('team record', () => {
  it('When a team’s form is taken, then its newest matches come first from its side with W/D/L and the totals', () => {
    const form = teamForm(results, 'A', 3);

    expect(
      form.matches.map((x) => [x.date, x.opponent, x.home, x.goalsFor, x.goalsAgainst, x.outcome]),
    ).toEqual([
      ['2025-01-15', 'C', true, 0, 2, 'L'],
      ['2025-01-09', 'B', false, 1, 3, 'L'],
      ['2025-01-05', 'C', false, 1, 1, 'D'],
    ]);
    expect(form.record).toEqual({ W: 0, D: 1, L: 2 });
    expect([form.goalsFor, form.goalsAgainst]).toEqual([2, 6]);
  });

  it('When two teams’ meetings are taken, then both venues count and the aggregate is from the first team’s side', () => {
    const h2h = headToHead(results, 'A', 'B', 10);

    expect(h2h.meetings.map((x) => x.date)).toEqual(['2025-01-09', '2025-01-01']);
    expect(h2h.wins).toEqual([1, 1]);
    expect(h2h.draws).toBe(0);
    expect(h2h.goals).toEqual([3, 3]);
    expect(headToHead(results, 'A', 'B', 1).meetings).toHaveLength(1);
    expect(headToHead(results, 'A', 'D', 10).meetings).toEqual([]);
  });

  it('When ratings are read, then they are relative to the league mean and null for an unrated team', () => {
    const params = { teams: ['A', 'B'], attack: [0.3, 0.1], defence: [-0.2, 0] };

    const a = teamRatings(params, 'A')!;
    expect(a.attack).toBeCloseTo(0.1);
    expect(a.defence).toBeCloseTo(-0.1);
    expect(teamRatings(params, 'Z')).toBeNull();
  });
});
