// What /about, /model and the admin /status report: the model registry, how fresh the data is,
// the last job runs, the roles' heartbeats and the prediction ledger.
import {
  countUnsealedPredictions,
  createSqlHeartbeatStore,
  getChampion,
  latestFinishedDate,
  ledgerHead,
  listModels,
  listRecentJobRuns,
  type Db,
  type JobRun,
  type ModelRecord,
} from '@scoreline/db';
import type { HeartbeatStore } from '@scoreline/ops';

export interface StatusService {
  models(): Promise<ModelRecord[]>;
  champion(leagueCode: string): Promise<ModelRecord | null>;
  /** The newest finished match (YYYY-MM-DD) of one league, or of all. */
  latestFinishedDate(leagueId?: number): Promise<string | null>;
  recentJobRuns(opts: { name?: string; limit: number }): Promise<JobRun[]>;
  /** Ledger records so far, and stored predictions still waiting for theirs. */
  ledger(): Promise<{ sealed: number; waiting: number }>;
  /** The launcher's store when it gave one (Redis or SQL), else the SQL table. */
  heartbeats: HeartbeatStore;
}

export function createStatusService(db: Db, heartbeats?: HeartbeatStore): StatusService {
  let sqlBeats: HeartbeatStore | undefined;
  return {
    models: () => listModels(db),
    champion: (leagueCode) => getChampion(db, leagueCode),
    latestFinishedDate: (leagueId) => latestFinishedDate(db, leagueId),
    recentJobRuns: (opts) => listRecentJobRuns(db, opts),
    async ledger() {
      const [head, waiting] = await Promise.all([ledgerHead(db), countUnsealedPredictions(db)]);
      return { sealed: head.seq, waiting };
    },
    get heartbeats() {
      return heartbeats ?? (sqlBeats ??= createSqlHeartbeatStore(db));
    },
  };
}
