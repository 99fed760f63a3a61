// The bot's track record for /stats and /export: settled predictions with their market prices,
// and the predictions as a CSV with team names and kick-offs.
import {
  getFixture,
  getTeam,
  ledgerHead,
  listOddsForFixtures,
  listPredictions,
  type Db,
  type LedgerHead,
  type Prediction,
} from '@scoreline/db';
import {
  groupOddsByFixture,
  predictionsCsv,
  settledFixtureIds,
  trackRecord,
  type TrackRecord,
} from '@scoreline/training';

/** At most this many settled predictions are read for a track record (the newest). */
export const TRACK_RECORD_LIMIT = 20_000;

export interface LoadedTrackRecord {
  predictions: Prediction[];
  /** True when the limit cut older settled predictions off. */
  truncated: boolean;
  record: TrackRecord;
  odds: ReturnType<typeof groupOddsByFixture>;
  /** The prediction ledger's head: every stored prediction (settled or not) is sealed in it. */
  ledger: LedgerHead;
}

export interface TrackRecordService {
  /** The track record of one league (or of every league) from the stored, settled predictions. */
  load(league: string | null): Promise<LoadedTrackRecord>;
  /** Stored predictions, newest first, of one fixture or one league. */
  predictions(query: {
    fixtureId?: number;
    leagueCode?: string;
    limit: number;
  }): Promise<Prediction[]>;
  /** The CSV bytes, with team names and kick-offs looked up once each. */
  csv(rows: readonly Prediction[]): Promise<Buffer>;
}

export function createTrackRecordService(db: Db): TrackRecordService {
  return {
    async load(league) {
      const predictions = await listPredictions(db, {
        settled: true,
        ...(league ? { leagueCode: league } : {}),
        limit: TRACK_RECORD_LIMIT,
      });
      const odds = groupOddsByFixture(
        await listOddsForFixtures(db, settledFixtureIds(predictions)),
      );
      return {
        predictions,
        truncated: predictions.length >= TRACK_RECORD_LIMIT,
        record: trackRecord(predictions, odds, league),
        odds,
        ledger: await ledgerHead(db),
      };
    },
    predictions: (query) => listPredictions(db, query),
    async csv(rows) {
      const teams = new Map<number, string>();
      const kickoffs = new Map<number, Date | null>();
      for (const p of rows) {
        for (const id of [p.homeTeamId, p.awayTeamId]) {
          if (!teams.has(id)) teams.set(id, (await getTeam(db, id))?.name ?? `#${id}`);
        }
        if (p.fixtureId !== null && !kickoffs.has(p.fixtureId)) {
          kickoffs.set(p.fixtureId, (await getFixture(db, p.fixtureId))?.kickoffAt ?? null);
        }
      }
      const csv = predictionsCsv(rows, {
        teamName: (id) => teams.get(id) ?? `#${id}`,
        kickoffOf: (id) => kickoffs.get(id) ?? null,
      });
      return Buffer.from(csv, 'utf8');
    },
  };
}
