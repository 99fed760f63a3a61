import {
  createOpsRetry,
  createSportmonksClient,
  findLeague,
  syncSportmonks,
  type SyncLeagueReport,
} from '@scoreline/feeds';
import { retryOptionsFrom } from '@scoreline/ops';
import { parseArgs } from 'node:util';
import { mappedLeagueCode, parseDateOption } from '../arguments';
import { EXIT, openMigratedDb, UsageError, type CommandContext } from '../context';

/** One-line usage of `scoreline sync`. */
export const syncUsage =
  'scoreline sync [--league ID…] [--from YYYY-MM-DD --to YYYY-MM-DD]   sync fixtures, results and odds from SportMonks (default: 7 days back to 14 ahead)';

const DAY_MS = 86_400_000;

/** What the command takes from outside, injectable for tests. */
export interface SyncCommandDeps {
  /** Clock for the default range (UTC today). */
  now?: () => Date;
  /** Wait used by retries and rate-limit pacing. */
  sleep?: (ms: number) => Promise<void>;
}

/** The default range: 7 days back to 14 days ahead of UTC today. */
export function defaultSyncRange(now: Date): { from: string; to: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
  return { from: day(-7), to: day(14) };
}

/** `--league` takes a SportMonks id or a football-data code of the league map (`SC0`). */
function leagueIdOf(arg: string): number {
  if (/^\d+$/.test(arg.trim()) && Number(arg) > 0) return Number(arg);
  return findLeague(mappedLeagueCode(arg))!.sportmonksId;
}

const counts = (c: { inserted: number; updated: number; unchanged: number }) =>
  `inserted ${c.inserted}, updated ${c.updated}, unchanged ${c.unchanged}`;

function leagueLine(l: SyncLeagueReport): string {
  const resumed = l.resumedAfter ? ` (resumed after ${l.resumedAfter})` : '';
  return (
    `league ${l.leagueId} ${l.code} ${l.name}: fixtures ${counts(l.fixtures)}; ` +
    `odds ${counts(l.odds)}; new teams ${l.newTeams.length}${resumed}`
  );
}

/** Builds the `sync` command with injected clock and sleep. */
export function createSyncCommand(deps: SyncCommandDeps = {}) {
  return async function syncCommand(args: string[], ctx: CommandContext): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          league: { type: 'string', multiple: true },
          from: { type: 'string' },
          to: { type: 'string' },
        },
        allowPositionals: false,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const defaults = defaultSyncRange((deps.now ?? (() => new Date()))());
    const from = parsed.values.from ? parseDateOption(parsed.values.from, '--from') : defaults.from;
    const to = parsed.values.to ? parseDateOption(parsed.values.to, '--to') : defaults.to;
    if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
    const leagueIds = parsed.values.league
      ? [...new Set(parsed.values.league.flatMap((l) => l.split(',')).map(leagueIdOf))]
      : [...ctx.config.sportmonks.leagueIds];
    if (leagueIds.length === 0) {
      throw new UsageError('no leagues: pass --league ID or set SPORTMONKS_LEAGUE_IDS');
    }
    const token = ctx.config.sportmonks.token;
    if (!token) {
      ctx.output.err('SPORTMONKS_API_TOKEN is not set');
      return EXIT.failure;
    }

    // Retry lines go to stderr, like the progress line; stdout keeps the counts.
    const logger = {
      warn: (m: string) => ctx.output.err(m),
      error: (m: string) => ctx.output.err(m),
    };
    const client = createSportmonksClient({
      baseUrl: ctx.config.sportmonks.baseUrl,
      token,
      sleep: deps.sleep,
      // Only warnings (rate-limit pacing), so a slow sync says why; per-call info is noise here.
      logger: { info: () => undefined, warn: (m: string) => ctx.output.err(m) },
      retry: createOpsRetry(retryOptionsFrom(ctx.config.retry), { logger, sleep: deps.sleep }),
    });
    const progress = ctx.output.progress;
    const { db } = await openMigratedDb(ctx.config);
    try {
      let report;
      try {
        report = await syncSportmonks(db, client, {
          leagueIds,
          from,
          to,
          secrets: [token],
          onProgress: progress
            ? (p) =>
                progress(
                  `league ${p.leagueId}: window ${p.window}/${p.windows} (${p.from}..${p.to})`,
                )
            : undefined,
        });
      } finally {
        // Clear the status line before anything else is printed, success or not.
        progress?.('');
      }
      ctx.output.out(`sync ${from}..${to}:`);
      for (const league of report.leagues) {
        ctx.output.out(`  ${leagueLine(league)}`);
        if (league.newTeams.length > 0) {
          ctx.output.out(`    new teams (no alias matched): ${league.newTeams.join('; ')}`);
        }
        for (const conflict of league.conflicts) ctx.output.out(`    not synced: ${conflict}`);
      }
      return EXIT.ok;
    } finally {
      await db.destroy();
    }
  };
}

/** `scoreline sync` with the real clock. */
export const syncCommand = createSyncCommand();
