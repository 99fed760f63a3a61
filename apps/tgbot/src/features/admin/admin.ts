// Admin commands for the user ids in ADMIN_IDS, in a private chat: /status (heartbeats, queue
// depths, last job runs), /retrain [league], /sync and /backup. Each job command queues the job,
// says so, and reports the outcome when the worker finishes (a detached watch, bounded in time).
// Anyone else — and an admin in a group — gets the unknown-command answer, the same in a group
// as in a private chat. The commands are not in the public menu; an admin's own chat gets a
// menu with them (best effort: a failure is only logged).
import type { JobRun } from '@scoreline/db';
import { describeError, heartbeatStatus } from '@scoreline/ops';
import {
  ALL_JOB_NAMES,
  type JobInfo,
  type JobName,
  type JobPayloads,
  type MaintenanceResult,
  type RetrainResult,
  type SyncResult,
} from '@scoreline/queue';
import { setTimeout as wait } from 'node:timers/promises';
import type { Composer, Context, MiddlewareFn } from 'telegraf';
import {
  chatState,
  replyHtml,
  textsFor,
  timeZoneOf,
  type BotServices,
} from '../../context/bot-context';
import { leagueOrReply } from '../../context/league-arg';
import { joinHtml, tgHtml, type Html, type HtmlValue } from '@scoreline/queue';
import { formatKickoff } from '../../format/time';
import type { CommandList } from '../../i18n/command-list';
import { MESSAGES, type Locale } from '../../i18n/messages';
import { ADMIN_TEXTS, type AdminJob, type AdminTexts } from './texts';

export const ADMIN_COMMANDS = ['status', 'retrain', 'sync', 'backup'] as const;

/** Roles that beat (the api role serves /health itself and does not beat). */
export const HEARTBEAT_ROLES = ['worker', 'scheduler', 'tgbot'] as const;

/** How long a queued admin job is watched before the admin is told to check /status. */
export const ADMIN_WATCH_LIMIT_MS = 30 * 60_000;
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 5_000;
const RECENT_RUNS = 8;

type CommandContext = Context & { payload: string };

/** An admin, in a private chat. */
export function isAdmin(ctx: Context, s: BotServices): boolean {
  const userId = ctx.from?.id;
  return ctx.chat?.type === 'private' && userId !== undefined && s.adminIds.has(userId);
}

export function registerAdmin(bot: Composer<Context>, s: BotServices): void {
  bot.use(adminMenu(s));
  // Anyone else gets the unknown-command answer, in a group as in a private chat (where the
  // bot's fallback gives it): the reply never tells an admin command from a made-up one.
  const only =
    (handler: (ctx: CommandContext) => Promise<void>): MiddlewareFn<CommandContext> =>
    async (ctx, next) => {
      if (isAdmin(ctx, s)) return handler(ctx);
      if (ctx.chat?.type === 'private') return next();
      await replyHtml(ctx, MESSAGES[chatState(ctx).locale].unknownCommand);
    };

  bot.command(
    'status',
    only(async (ctx) => replyHtml(ctx, await statusText(ctx, s)).then(() => undefined)),
  );
  bot.command(
    'retrain',
    only(async (ctx) => {
      const texts = textsFor(ctx, ADMIN_TEXTS);
      const words = ctx.payload.trim().split(/\s+/).filter(Boolean);
      if (words.length > 1) {
        await replyHtml(ctx, texts.retrainUsage);
        return;
      }
      let league: string | null = null;
      if (words[0] !== undefined) {
        const found = await leagueOrReply(ctx, s, words[0]);
        if (!found) return;
        league = found.code;
      }
      await startJob(ctx, s, 'retrain', league, 'retrain', {
        ...(league ? { league } : {}),
        reason: 'admin /retrain',
      });
    }),
  );
  bot.command(
    'sync',
    only(async (ctx) => {
      if (ctx.payload.trim()) {
        await replyHtml(ctx, textsFor(ctx, ADMIN_TEXTS).syncUsage);
        return;
      }
      await startJob(ctx, s, 'sync', null, 'sync', {});
    }),
  );
  bot.command(
    'backup',
    only(async (ctx) => {
      if (ctx.payload.trim()) {
        await replyHtml(ctx, textsFor(ctx, ADMIN_TEXTS).backupUsage);
        return;
      }
      await startJob(ctx, s, 'backup', null, 'maintenance', { tasks: ['backup'] });
    }),
  );
}

/**
 * Gives an admin's private chat a `/` menu with the admin commands (scope: that chat), once
 * per chat and language while the process runs. Detached and best effort.
 */
function adminMenu(s: BotServices): MiddlewareFn<Context> {
  const done = new Set<string>();
  return (ctx, next) => {
    const chatId = ctx.chat?.id;
    if (chatId !== undefined && isAdmin(ctx, s)) {
      const { locale } = chatState(ctx);
      const key = `${chatId}:${locale}`;
      if (!done.has(key)) {
        done.add(key);
        const telegram = ctx.telegram;
        s.tasks.run(async () => {
          try {
            await telegram.setMyCommands(adminMenuCommands(s.commands, locale), {
              scope: { type: 'chat', chat_id: chatId },
            });
          } catch (err) {
            s.logger.warn('setMyCommands for an admin chat failed', {
              chat_id: chatId,
              ...describeError(err),
            });
          }
        });
      }
    }
    return next();
  };
}

/** The public menu followed by the admin commands, in `locale`. */
export function adminMenuCommands(
  commands: CommandList,
  locale: Locale,
): Array<{ command: string; description: string }> {
  return [
    ...commands.menu(locale),
    ...ADMIN_COMMANDS.map((command) => ({
      command,
      description: ADMIN_TEXTS[locale].menu[command],
    })),
  ];
}

/** Queues the job, says so, and leaves a watch that reports the outcome in this chat. */
async function startJob<N extends 'retrain' | 'sync' | 'maintenance'>(
  ctx: CommandContext,
  s: BotServices,
  job: AdminJob,
  scope: string | null,
  name: N,
  payload: JobPayloads[N],
): Promise<void> {
  const texts = textsFor(ctx, ADMIN_TEXTS);
  const label = texts.jobLabel(job, scope);
  const jobId = adminJobId(job, scope, s.now());
  const { id } = await s.queue.enqueue(name, payload, { jobId });
  s.logger.info('admin job queued', { job: name, job_id: id, user_id: ctx.from?.id });
  await replyHtml(ctx, texts.queued(label, id));
  const started = Date.now();
  s.tasks.run(async () => {
    // A restart of the bot ends the watch early: the job goes on in the worker, and the admin
    // is told to look at /status instead of waiting for a message that will not come.
    const info = await watchJob(s, name, id, ADMIN_WATCH_LIMIT_MS, s.tasks.signal);
    const waited = info === null ? Date.now() - started : ADMIN_WATCH_LIMIT_MS;
    await replyHtml(ctx, describeOutcome(texts, job, label, info, Math.max(waited, 60_000)));
  });
}

/** `admin-retrain-E0-20261128T105112`: readable, and a double send within a second is one job. */
export function adminJobId(job: AdminJob, scope: string | null, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '');
  return `admin-${job}-${scope ?? 'all'}-${stamp}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

/** Polls the job until it is finished (or gone), at most `limitMs`; null when time ran out. */
export async function watchJob(
  s: Pick<BotServices, 'queue'>,
  name: JobName,
  id: string,
  limitMs: number,
  signal?: AbortSignal,
  sleep: (ms: number) => Promise<void> = (ms) =>
    wait(ms, undefined, signal ? { signal } : {}).catch(() => undefined),
): Promise<JobInfo | null> {
  const deadline = Date.now() + limitMs;
  let delay = POLL_FIRST_MS;
  for (;;) {
    const info = await s.queue.getJob(name, id);
    if (info.state === 'completed' || info.state === 'failed' || info.state === 'unknown') {
      return info;
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return null;
    await sleep(Math.min(delay, left));
    delay = Math.min(delay * 2, POLL_MAX_MS);
  }
}

/** The final message about an admin job. */
export function describeOutcome(
  texts: AdminTexts,
  job: AdminJob,
  label: string,
  info: JobInfo | null,
  limitMs: number,
): Html {
  if (info === null) return texts.stillRunning(label, Math.round(limitMs / 60_000));
  if (info.state === 'failed') {
    return texts.failed(label, (info.failedReason ?? '?').slice(0, 500));
  }
  if (info.state !== 'completed' || info.result === undefined) return texts.gone(label);
  switch (job) {
    case 'retrain':
      return retrainOutcome(texts, label, info.result as RetrainResult);
    case 'sync': {
      const r = info.result as SyncResult;
      if (r.status === 'skipped') return texts.skipped(label, r.reason);
      return texts.syncDone(r.leagues.join(', ') || '—', r.fixtures, r.odds);
    }
    case 'backup': {
      const r = info.result as MaintenanceResult;
      const task = r.tasks.find((x) => x.task === 'backup');
      if (task?.status === 'done') return texts.backupDone(task.detail ?? '');
      return texts.backupSkipped(task?.detail ?? '?');
    }
  }
}

function retrainOutcome(texts: AdminTexts, label: string, r: RetrainResult): Html {
  const reason = r.reason ?? '';
  if (r.status === 'skipped') return texts.skipped(label, reason || '—');
  if (!r.league || !r.modelVersion) {
    // Several leagues: the worker's summary says what happened to each.
    return tgHtml`${label}: <b>${r.status}</b>${reason ? ` — ${reason}` : ''}`;
  }
  const league = r.league;
  const version = r.modelVersion;
  const head =
    r.status === 'promoted'
      ? texts.promoted(league, version, r.previousVersion ?? '')
      : texts.kept(league, version);
  const lines: HtmlValue[] = [head];
  const m = r.metrics;
  if (m) {
    const parts: string[] = [];
    if (typeof m.rps === 'number') parts.push(`RPS ${m.rps.toFixed(4)}`);
    if (typeof m.logLoss === 'number') parts.push(`log loss ${m.logLoss.toFixed(4)}`);
    if (typeof m.brier === 'number') parts.push(`Brier ${m.brier.toFixed(4)}`);
    if (typeof m.n === 'number') parts.push(`n=${m.n}`);
    if (parts.length > 0) lines.push(texts.metrics(parts.join(' · ')));
  }
  if (reason) lines.push(reason);
  return joinHtml(lines, '\n');
}

async function statusText(ctx: Context, s: BotServices): Promise<Html> {
  const texts = textsFor(ctx, ADMIN_TEXTS);
  const { locale } = chatState(ctx);
  const zone = timeZoneOf(ctx);
  const now = s.now();
  const lines: HtmlValue[] = [texts.statusHeader(s.app.version, s.app.gitSha), ''];

  // Each part is read on its own: one that fails is logged and shown as unavailable.
  const part = async (what: string, label: string, read: () => Promise<HtmlValue[]>) => {
    try {
      lines.push(...(await read()));
    } catch (err) {
      s.logger.warn(`status: ${what} unavailable`, describeError(err));
      lines.push(texts.unavailable(label));
    }
  };

  lines.push(texts.roles);
  const store = s.status.heartbeats;
  for (const role of HEARTBEAT_ROLES) {
    await part('heartbeats', role, async () => {
      const beats = await store.lastBeats(role);
      const status = heartbeatStatus(beats, now);
      const detail =
        beats.length === 0
          ? texts.absent
          : beats
              .map((b) => {
                const ago = Math.max(0, Math.round((now.getTime() - b.at.getTime()) / 1000));
                return `${b.instance}, ${texts.ago(ago)}`;
              })
              .join('; ');
      return [texts.role(role, status, detail)];
    });
  }

  lines.push('', texts.queues);
  await part('queue counts', 'queue', async () => {
    const counts = await s.queue.counts();
    return ALL_JOB_NAMES.map((name) => {
      const c = counts[name];
      return texts.queueLine(name, c.waiting, c.active, c.delayed, c.failed);
    });
  });

  lines.push('');
  await part('ledger', 'ledger', async () => {
    const { sealed, waiting } = await s.status.ledger();
    return [texts.ledger(sealed, waiting)];
  });

  lines.push('', texts.jobRuns);
  await part('job runs', 'job runs', async () => {
    const runs = await s.status.recentJobRuns({ limit: RECENT_RUNS });
    return runs.length === 0 ? [texts.noJobRuns] : runs.map((r) => jobRunLine(r, locale, zone));
  });
  return joinHtml(lines, '\n');
}

function jobRunLine(run: JobRun, locale: Locale, zone: string): Html {
  const name = run.name + (run.key ? ` ${run.key}` : '');
  const when = formatKickoff(run.startedAt, locale, zone);
  const took = run.finishedAt
    ? ` (${Math.max(0, Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000))} s)`
    : '';
  const error = run.error ? ` — ${run.error.slice(0, 120)}` : '';
  return tgHtml`<code>${name}</code> ${run.status}, ${when}${took}${error}`;
}
