// Stored predictions as CSV (RFC 4180): a header row, CRLF line ends, fields with a comma, quote,
// CR or LF quoted with inner quotes doubled, and a UTF-8 byte-order mark so that Excel reads
// Cyrillic team names right. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR
// first) gets a leading apostrophe; numbers are written as they are.
import type { Prediction } from '@scoreline/db';

export const CSV_BOM = '\uFEFF';

export const PREDICTION_CSV_COLUMNS = [
  'prediction_id',
  'requested_at_utc',
  'league',
  'fixture_id',
  'kickoff_utc',
  'home',
  'away',
  'model_version',
  'p_home',
  'p_draw',
  'p_away',
  'settled_at_utc',
  'home_goals',
  'away_goals',
  'outcome',
  'rps',
  'log_loss',
  'brier',
] as const;

/** What the rows need besides the prediction: team names and the fixture's kick-off. */
export interface PredictionCsvLookups {
  teamName(id: number): string;
  kickoffOf(fixtureId: number): Date | null;
}

type Cell = string | number | null;

/** One CSV field. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines joined with CRLF, each ending with one. */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The predictions (in the given order) as a CSV document, BOM first. */
export function predictionsCsv(
  predictions: readonly Prediction[],
  lookups: PredictionCsvLookups,
): string {
  const rows: Cell[][] = predictions.map((p) => [
    p.id,
    iso(p.requestedAt),
    p.leagueCode,
    p.fixtureId,
    p.fixtureId === null ? null : iso(lookups.kickoffOf(p.fixtureId)),
    lookups.teamName(p.homeTeamId),
    lookups.teamName(p.awayTeamId),
    p.modelVersion,
    p.pHome,
    p.pDraw,
    p.pAway,
    iso(p.settledAt),
    p.homeGoals,
    p.awayGoals,
    p.outcome,
    p.rps,
    p.logLoss,
    p.brier,
  ]);
  return CSV_BOM + csvLines([[...PREDICTION_CSV_COLUMNS], ...rows]);
}
