// Matches played behind closed doors (no spectators): the one calendar every loader of results
// uses to set `behindClosedDoors` on the matches it hands to the model (bench/backtest.js,
// `scoreline backtest`, the retrain). Whether a match is played without a crowd is public before
// kick-off, so it is a fair model input; the model learns the home advantage of such matches
// from those already played. Fixtures not covered here (every future one) have a normal crowd.
//
// Off by default: the candidate lost its scoring run on the evaluation window (EPL 0.20057
// against 0.20027, docs/model-results.md 2026-12-05 19:20), so `markClosedDoors` leaves matches
// unflagged unless asked (`enabled`), and the model then forecasts exactly as before.

/** A dated period, both ends inclusive (ISO dates), and what it was. */
export interface ClosedDoorsPeriod {
  from: string;
  to: string;
  note: string;
}

/**
 * Whether the loaders flag closed-door matches for the model by default: false (see above).
 * `bench/backtest.js --closedDoors on` scores the model with the flags.
 */
export const CLOSED_DOORS_IN_MODEL = false;

/** Periods behind closed doors by football-data league code. */
export const CLOSED_DOORS_PERIODS: Readonly<Record<string, readonly ClosedDoorsPeriod[]>> = {
  E0: [
    {
      from: '2020-06-17',
      to: '2021-05-16',
      note:
        'Premier League restart after the COVID-19 suspension (17 June 2020) to the end of ' +
        'matches without spectators (fans returned from 17 May 2021); English clubs admitted up ' +
        'to 2,000 fans in a few December 2020 matches, treated as closed',
    },
  ],
  SP1: [
    {
      from: '2020-06-11',
      to: '2021-05-23',
      note: 'La Liga restart after the COVID-19 suspension (11 June 2020) to the end of 2020/21',
    },
  ],
  D1: [
    {
      from: '2020-05-16',
      to: '2021-05-22',
      note: 'Bundesliga restart after the COVID-19 suspension (16 May 2020) to the end of 2020/21',
    },
  ],
};

/** Whether a match of `league` on `date` (ISO, YYYY-MM-DD) was played behind closed doors. */
export function isBehindClosedDoors(league: string, date: string): boolean {
  const day = date.slice(0, 10);
  return (CLOSED_DOORS_PERIODS[league] ?? []).some((p) => day >= p.from && day <= p.to);
}

/**
 * The matches with `behindClosedDoors: true` where the calendar says so; the others are
 * returned unchanged (no field added), so a league without closed-door periods is untouched.
 * With `enabled` false (the default, {@link CLOSED_DOORS_IN_MODEL}) no match is flagged.
 */
export function markClosedDoors<T extends { date: string }>(
  league: string,
  matches: readonly T[],
  enabled: boolean = CLOSED_DOORS_IN_MODEL,
): Array<T & { behindClosedDoors?: boolean }> {
  if (!enabled) return [...matches];
  return matches.map((m) =>
    isBehindClosedDoors(league, m.date) ? { ...m, behindClosedDoors: true } : m,
  );
}
