// Retrains league models: the leagues named in the payload, else every league that has a
// champion or finished matches (a league with neither has nothing to learn from).
import type { Logger } from '@scoreline/ops';
import { countFixtures, getChampion, listLeagues, type Db } from '@scoreline/db';
import {
  UnrecoverableJobError,
  type ProcessorContext,
  type RetrainPayload,
  type RetrainResult,
} from '@scoreline/queue';
import { retrainLeagues, type LeagueRetrain, type RetrainOptions } from '@scoreline/training';

export interface RetrainProcessorDeps {
  db: Db;
  registryDir: string;
  reportsDir: string;
  /** MODEL_KEEP. */
  keep: number;
  logger: Logger;
  /** Windows and candidates (tests shrink them). */
  options?: Omit<RetrainOptions, 'league'>;
  now?: () => Date;
}

async function leaguesToRetrain(db: Db): Promise<string[]> {
  const out: string[] = [];
  for (const league of await listLeagues(db)) {
    const hasChampion = (await getChampion(db, league.code)) !== null;
    if (hasChampion || (await countFixtures(db, { leagueId: league.id, status: 'finished' })) > 0)
      out.push(league.code);
  }
  return out;
}

function summarise(o: LeagueRetrain): string {
  if ('error' in o) return `${o.league}: ${o.error.message}`;
  const r = o.result;
  return r.status === 'skipped'
    ? `${r.league}: skipped: ${r.reason}`
    : `${r.league}: ${r.decision}`;
}

export function createRetrainProcessor(deps: RetrainProcessorDeps) {
  return async function retrain(
    payload: RetrainPayload,
    _ctx: ProcessorContext,
  ): Promise<RetrainResult> {
    const leagues = payload.league ? [payload.league] : await leaguesToRetrain(deps.db);
    if (leagues.length === 0) {
      return { status: 'skipped', reason: 'no league has history yet: import some first' };
    }
    const previous = new Map<string, string | undefined>();
    for (const l of leagues) {
      previous.set(l.toUpperCase(), (await getChampion(deps.db, l.toUpperCase()))?.version);
    }
    const outcomes = await retrainLeagues(
      {
        db: deps.db,
        registryDir: deps.registryDir,
        reportsDir: deps.reportsDir,
        keep: deps.keep,
        warn: (line) => deps.logger.warn(line),
        progress: (line) => deps.logger.info(line),
        ...(deps.now ? { now: deps.now } : {}),
      },
      { ...deps.options, leagues },
    );
    for (const o of outcomes) deps.logger.info(`retrain ${summarise(o)}`);

    const [only] = outcomes;
    if (outcomes.length === 1 && only) {
      // A single league that cannot be retrained (unknown, too little history) needs a person,
      // not retries.
      if ('error' in only) throw new UnrecoverableJobError(only.error.message);
      const r = only.result;
      if (r.status === 'skipped') return { status: 'skipped', league: r.league, reason: r.reason };
      const e = r.metrics.evaluation;
      const prev = previous.get(r.league);
      return {
        status: r.status === 'promoted' ? 'promoted' : 'kept',
        league: r.league,
        modelVersion: r.version,
        ...(prev !== undefined ? { previousVersion: prev } : {}),
        reason: r.decision,
        metrics: { n: e.n, rps: e.rps, logLoss: e.logLoss, brier: e.brier, ece: e.ece },
      };
    }
    const done = outcomes.flatMap((o) => ('result' in o ? [o.result] : []));
    const status = done.some((r) => r.status === 'promoted')
      ? 'promoted'
      : done.some((r) => r.status === 'challenger')
        ? 'kept'
        : 'skipped';
    return { status, reason: outcomes.map(summarise).join('; ') };
  };
}
