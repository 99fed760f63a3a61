// The first start (issue 14): on an empty database, import the bundled history with the real
// importer and train every league with the real retrain, so the bot answers with nothing but a
// clone. State lives in the database (bootstrap_state): the api in another process reads it for
// /readyz, one process among many does the work under a lease, and a bootstrap killed halfway
// resumes file by file on the next start.
import {
  acquireBootstrapLease,
  countFixtures,
  doneBootstrapSteps,
  findLeagueByCode,
  finishBootstrap,
  getBootstrapState,
  markBootstrapStep,
  openBootstrap,
  releaseBootstrapLease,
  renewBootstrapLease,
  type Db,
} from '@scoreline/db';
import { importFootballDataFile } from '@scoreline/feeds';
import { retrainLeague, type RetrainOptions } from '../retrain/retrain';
import { historyFiles, seasonLabel, type HistoryFile } from './history-files';

export interface BootstrapDeps {
  db: Db;
  /** MODEL_REGISTRY_PATH. */
  registryDir: string;
  /** REPORTS_DIR. */
  reportsDir: string;
  /** MODEL_KEEP. */
  keep: number;
  /** This process among its peers (host:pid): the name on the lease. */
  owner: string;
  /** Progress, one plain line per step (leagues, seasons, matches, models, time). */
  log: (line: string) => void;
  /** Problems that do not stop the bootstrap (rejected rows). */
  warn?: (line: string) => void;
  now?: () => Date;
}

export interface BootstrapOptions {
  /** One folder per league code (`E0/season-9394.csv`, …): the repository's data/history. */
  historyDir: string;
  /** Leagues to bootstrap (default: every folder of historyDir). */
  leagues?: readonly string[];
  /** Retrain windows (default: the production retrain's). */
  retrainOptions?: Omit<RetrainOptions, 'league' | 'force'>;
  /** How long the lease lasts without renewal (default 60 s); renewed every third of it. */
  leaseMs?: number;
  /** How often a process that does not hold the lease looks again (default 2 s). */
  pollMs?: number;
  /** Stops between files and leagues (shutdown); the next start resumes. */
  signal?: AbortSignal;
}

export type BootstrapResult =
  | {
      status: 'done';
      leagues: string[];
      /** History files imported by this run (files already marked done are not counted). */
      files: number;
      /** Matches inserted by this run. */
      matches: number;
      models: number;
      seconds: number;
    }
  /** Finished before this call (by this process on an earlier start, or by another). */
  | { status: 'already-done'; detail: string }
  /** Ended by another process while this one waited for the lease. */
  | { status: 'done-elsewhere'; detail: string }
  | { status: 'failed'; error: string }
  | { status: 'aborted' };

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_POLL_MS = 2_000;

class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
}

const seconds = (fromMs: number) => ((performance.now() - fromMs) / 1000).toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');

/**
 * Runs the first-start bootstrap, or waits for the process that runs it, or returns at once when
 * it is done. Never throws for a failed import or retrain: it records `failed` (the next start
 * tries again) and returns the reason.
 */
export async function runBootstrap(
  deps: BootstrapDeps,
  opts: BootstrapOptions,
): Promise<BootstrapResult> {
  const { db, log } = deps;
  const now = deps.now ?? (() => new Date());
  const first = await getBootstrapState(db);
  if (first?.status === 'done') {
    log(`bootstrap: already done (${first.detail ?? 'no detail'}); nothing to import`);
    return { status: 'already-done', detail: first.detail ?? '' };
  }

  let files: HistoryFile[];
  try {
    files = historyFiles(opts.historyDir, opts.leagues);
  } catch (err) {
    const error = (err as Error).message;
    log(`bootstrap: cannot read the bundled history: ${error}`);
    return { status: 'failed', error };
  }
  const leagues = [...new Set(files.map((f) => f.league))];

  // Of two processes racing to create the row, the first decides and the other reads its row.
  const state = first ?? (await openBootstrap(db, await initialState(db, leagues), now()));
  if (state.status === 'done') {
    log(`bootstrap: ${state.detail ?? 'done'}; nothing to import`);
    return { status: 'already-done', detail: state.detail ?? '' };
  }

  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  let waitingSaid = false;
  while (!(await acquireBootstrapLease(db, deps.owner, leaseMs, now()))) {
    const s = await getBootstrapState(db);
    if (s?.status === 'done') {
      log(`bootstrap: done by another process (${s.detail ?? 'no detail'})`);
      return { status: 'done-elsewhere', detail: s.detail ?? '' };
    }
    if (!waitingSaid) {
      log(
        `bootstrap: another process (${s?.owner ?? 'unknown'}) is importing the history; waiting`,
      );
      waitingSaid = true;
    }
    if (!(await pause(opts.pollMs ?? DEFAULT_POLL_MS, opts.signal))) return { status: 'aborted' };
  }
  return holdLeaseAndRun(deps, opts, files, leagues, leaseMs);
}

/** Running on an empty database; done at once when these leagues already have matches. */
async function initialState(
  db: Db,
  leagues: readonly string[],
): Promise<{ status: 'running' | 'done'; detail: string }> {
  let existing = 0;
  for (const code of leagues) {
    const league = await findLeagueByCode(db, code);
    if (league) existing += await countFixtures(db, { leagueId: league.id });
  }
  return existing > 0
    ? {
        status: 'done',
        detail: `skipped: the database already held ${count(existing)} matches of ${leagues.join(', ')}`,
      }
    : { status: 'running', detail: 'waiting for a worker' };
}

async function holdLeaseAndRun(
  deps: BootstrapDeps,
  opts: BootstrapOptions,
  files: readonly HistoryFile[],
  leagues: readonly string[],
  leaseMs: number,
): Promise<BootstrapResult> {
  const { db, log } = deps;
  const now = deps.now ?? (() => new Date());
  let lost = false;
  const renewal = setInterval(
    () => {
      renewBootstrapLease(db, deps.owner, leaseMs, now()).then(
        (held) => {
          if (!held) lost = true;
        },
        (err: unknown) => deps.warn?.(`bootstrap: lease renewal failed: ${String(err)}`),
      );
    },
    Math.max(Math.floor(leaseMs / 3), 10),
  );
  renewal.unref();
  // Between steps: stop on shutdown (the next start resumes), give up when the lease was taken.
  const checkpoint = () => {
    if (lost) throw new LeaseLostError('the lease expired and another process took it');
    return opts.signal?.aborted !== true;
  };

  const started = performance.now();
  try {
    const done = await doneBootstrapSteps(db);
    const already = files.filter((f) => done.has(importStep(f))).length;
    log(
      `bootstrap: importing the bundled history: ${leagues.length} leagues (${leagues.join(', ')}), ` +
        `${files.length} seasons` +
        (already > 0 ? `; resuming, ${already} seasons already imported` : ''),
    );
    let filesImported = 0;
    let matches = 0;
    let models = 0;
    // League by league, import then train: the first league serves while the next imports.
    for (const league of leagues) {
      const todo = files.filter((f) => f.league === league && !done.has(importStep(f)));
      if (todo.length > 0) {
        const t = performance.now();
        let inserted = 0;
        let other = 0;
        for (const file of todo) {
          if (!checkpoint()) return await stopped(deps);
          const r = await importFootballDataFile(db, file.path, { league });
          if (r.rejected > 0) {
            deps.warn?.(
              `bootstrap: ${league}/${file.name}: ${r.rejected} rows rejected (first: line ${r.rejects[0]?.line ?? '?'}, ${r.rejects[0]?.reason ?? '?'})`,
            );
          }
          await markBootstrapStep(
            db,
            importStep(file),
            `${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
            now(),
          );
          inserted += r.inserted;
          other += r.updated + r.unchanged;
          filesImported += 1;
        }
        matches += inserted;
        const span =
          todo.length === 1
            ? `1 season (${seasonLabel(todo[0]!.name)})`
            : `${todo.length} seasons (${seasonLabel(todo[0]!.name)}–${seasonLabel(todo[todo.length - 1]!.name)})`;
        log(
          `bootstrap: ${league}: ${span}, ${count(inserted)} matches imported` +
            (other > 0 ? `, ${count(other)} already there` : '') +
            `, ${seconds(t)} s`,
        );
      }

      if (done.has(trainStep(league))) continue;
      if (!checkpoint()) return await stopped(deps);
      const t = performance.now();
      const r = await retrainLeague(
        {
          db,
          registryDir: deps.registryDir,
          reportsDir: deps.reportsDir,
          keep: deps.keep,
          ...(deps.warn ? { warn: deps.warn } : {}),
          now,
        },
        { ...opts.retrainOptions, league },
      );
      let line: string;
      if (r.status === 'skipped') {
        line = `${league}: not trained: ${r.reason}`;
      } else {
        models += 1;
        const e = r.metrics.evaluation;
        line =
          `${league}: model ${r.version} (${r.metrics.candidate}) ${r.status}, ` +
          `RPS ${e.rps.toFixed(4)} on ${count(e.n)} matches`;
      }
      await markBootstrapStep(db, trainStep(league), line, now());
      log(`bootstrap: ${line}, ${seconds(t)} s`);
    }

    let total = 0;
    for (const code of leagues) {
      const league = await findLeagueByCode(db, code);
      if (league) total += await countFixtures(db, { leagueId: league.id });
    }
    const detail =
      `${leagues.length} leagues, ${files.length} seasons, ${count(total)} matches, ` +
      `models for ${leagues.join(', ')}`;
    checkpoint();
    await finishBootstrap(db, deps.owner, { status: 'done', detail }, now());
    const secs = seconds(started);
    log(
      `bootstrap: done in ${secs} s: ${filesImported} seasons and ${count(matches)} matches ` +
        `imported, ${models} models trained (${detail})`,
    );
    return {
      status: 'done',
      leagues: [...leagues],
      files: filesImported,
      matches,
      models,
      seconds: Number(secs),
    };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    if (!(err instanceof LeaseLostError)) {
      await finishBootstrap(db, deps.owner, { status: 'failed', detail: error }, now()).catch(
        () => false,
      );
    }
    log(`bootstrap: failed after ${seconds(started)} s: ${error}; the next start resumes`);
    return { status: 'failed', error };
  } finally {
    clearInterval(renewal);
  }
}

/** Shutdown in the middle: the lease is given up so the next start (or a peer) resumes at once. */
async function stopped(deps: BootstrapDeps): Promise<BootstrapResult> {
  await releaseBootstrapLease(deps.db, deps.owner);
  deps.log('bootstrap: stopped by shutdown; the next start resumes where it stopped');
  return { status: 'aborted' };
}

const importStep = (f: HistoryFile) => `import:${f.league}/${f.name}`;
const trainStep = (league: string) => `train:${league}`;

/** Sleeps `ms`; false when the signal fired first. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
