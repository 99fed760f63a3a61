// The one table of roles: for each of api, worker and tgbot, the queues it consumes and
// produces, and how it starts (and so stops). Each starter imports its app only when it runs,
// so a process loads what its own role uses and nothing another role needs.
// Used by `npm start` (start.ts), the sandbox and the end-to-end test support; ROLE=all is the
// three starters over one set of dependencies (compose.ts).
import type { Logger } from '@scoreline/ops';
import type { ApiHandle } from '@scoreline/api';
import type { Config } from '@scoreline/config';
import type { Db } from '@scoreline/db';
import type { HeartbeatStore } from '@scoreline/ops';
import { ALL_JOB_NAMES, type JobName, type QueueBackend } from '@scoreline/queue';
import type { Predictor } from '@scoreline/training';
import type { TgbotDeps, TgbotHandle, WebhookHandler } from '@scoreline/tgbot';
import type { WorkerHandle, WorkerRoleDeps } from '@scoreline/worker';
import type { Redis } from 'ioredis';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { readinessChecks } from '../readiness-checks';
import { predictConsumed } from './predictor';

/** A role one process can run; ROLE=all runs all three. */
export type RoleName = 'api' | 'worker' | 'tgbot';

/** The order roles start in (and stop in reverse): the worker is up before anyone asks it. */
export const ROLE_ORDER: readonly RoleName[] = ['worker', 'api', 'tgbot'];

/** Test and sandbox knobs of each role; `npm start` passes none. */
export interface RoleOptions {
  /** The api's listen address instead of API_HOST (the sandbox binds loopback only). */
  apiHost?: string;
  worker?: WorkerRoleDeps['overrides'];
  tgbot?: Partial<
    Pick<
      TgbotDeps,
      'predictTimeoutMs' | 'flood' | 'retryBackoff' | 'simulated' | 'pollingLeaseTtlMs'
    >
  >;
}

/** What the roles of one process share: one of each dependency, whatever the roles. */
export interface RoleContext {
  config: Config;
  logger: Logger;
  db: Db;
  heartbeats: HeartbeatStore;
  metrics: Registry;
  queue: QueueBackend;
  /** With Redis configured: readiness pings it and the bot's polling lease lives there. */
  redis?: Redis;
  /** This process among replicas, in heartbeats (host:pid). */
  instance: string;
  /** Every role this process runs. */
  roles: readonly RoleName[];
  /**
   * ROLE=all in webhook mode: the api owns PORT and serves Telegram's calls; the bot, started
   * after it, plugs its handler in here (until then the path answers 503 and Telegram retries).
   */
  telegramWebhook: { handler?: WebhookHandler };
  options: RoleOptions;
}

/** What a starter gets: the shared dependencies and the process's one Predictor. */
export interface StartContext extends RoleContext {
  /** Chosen once per process (see chooseRolePredictor); the api and the bot both ask it. */
  predictor: Predictor;
}

/** The handle each role's starter returns. */
export interface RoleHandles {
  api: ApiHandle;
  worker: WorkerHandle;
  tgbot: TgbotHandle;
}

export interface RoleStarter<R extends RoleName> {
  /** Queues whose jobs this role runs; the queue backend refuses any other (compose.ts). */
  consumes: readonly JobName[];
  /** Queues this role adds jobs to (documentation, and checked by a test against the table). */
  produces: readonly JobName[];
  start(ctx: StartContext): Promise<RoleHandles[R]>;
}

/**
 * Loads a role's app when the role starts, not when the launcher loads. `require`, not a native
 * `import()`: Node and Jest's module map resolve it exactly like a static import.
 */
function load<M>(id: string): M {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as M;
}

export const ROLE_STARTERS: { readonly [R in RoleName]: RoleStarter<R> } = {
  worker: {
    // Every job type but the outbox, which needs the bot's Telegram client.
    consumes: ALL_JOB_NAMES.filter((n) => n !== 'outbox'),
    // Digests go out through the outbox; a sync settles; the scheduler fires the rest.
    produces: ['outbox', 'settle', 'retrain', 'sync', 'maintenance', 'digest'],
    async start(ctx) {
      const { startWorkerRole } = load<typeof import('@scoreline/worker')>('@scoreline/worker');
      return startWorkerRole(ctx.config, {
        logger: ctx.logger,
        heartbeats: ctx.heartbeats,
        instance: ctx.instance,
        db: ctx.db,
        queue: ctx.queue,
        metrics: ctx.metrics,
        ...(ctx.options.worker ? { overrides: ctx.options.worker } : {}),
      });
    },
  },
  api: {
    consumes: [],
    // POST /v1/predict and unstored fixture predictions; the admin endpoints.
    produces: ['predict', 'retrain', 'sync', 'maintenance'],
    async start(ctx) {
      const { createReadiness, startApi } = load<typeof import('@scoreline/api')>('@scoreline/api');
      const { config } = ctx;
      const webhookPath =
        ctx.roles.includes('tgbot') && config.telegram.token && config.telegram.webhookUrl
          ? new URL(config.telegram.webhookUrl).pathname
          : undefined;
      return startApi(
        ctx.options.apiHost
          ? { ...config, api: { ...config.api, host: ctx.options.apiHost } }
          : config,
        {
          logger: ctx.logger,
          metrics: ctx.metrics,
          metricsEnabled: config.metrics.enabled,
          readiness: createReadiness({ checks: readinessChecks(config, ctx) }),
          db: ctx.db,
          predictor: ctx.predictor,
          // The admin routes' jobs need a consumer too: without one they answer 503.
          ...(predictConsumed(ctx.queue, ctx.roles) ? { queue: ctx.queue } : {}),
          ...(webhookPath
            ? {
                telegramWebhook: {
                  path: webhookPath,
                  handler: (req: IncomingMessage, res: ServerResponse) => {
                    if (ctx.telegramWebhook.handler) ctx.telegramWebhook.handler(req, res);
                    else res.writeHead(503).end();
                  },
                },
              }
            : {}),
        },
      );
    },
  },
  tgbot: {
    // Digests and alerts are sent by the process that owns the bot's Telegram client.
    consumes: ['outbox'],
    // /predict, /explain, /season and /form's ratings ask the worker; the admin commands queue
    // its jobs.
    produces: ['predict', 'explain', 'season', 'ratings', 'retrain', 'sync', 'maintenance'],
    async start(ctx) {
      const { startTgbot } = load<typeof import('@scoreline/tgbot')>('@scoreline/tgbot');
      const bot = await startTgbot(ctx.config, {
        logger: ctx.logger,
        heartbeats: ctx.heartbeats,
        instance: ctx.instance,
        db: ctx.db,
        queue: ctx.queue,
        predictor: ctx.predictor,
        // Ratings and season odds come from the champions where this process can read them.
        registryDir: ctx.config.paths.modelRegistryPath,
        metrics: ctx.metrics,
        ...(ctx.redis ? { redis: ctx.redis } : {}),
        // With the api in this process it owns PORT, so it serves the webhook.
        webhookServing: ctx.roles.includes('api') ? 'external' : 'standalone',
        ...ctx.options.tgbot,
      });
      if (bot.webhook) ctx.telegramWebhook.handler = bot.webhook.handler;
      return bot;
    },
  },
};

/** The roles ROLE names, in start order. */
export function rolesOf(role: Config['role']): RoleName[] {
  return role === 'all' ? [...ROLE_ORDER] : [role];
}

/** The queues a process running `roles` consumes: the union of their `consumes`. */
export function queuesConsumedBy(roles: readonly RoleName[]): JobName[] {
  return [...new Set(roles.flatMap((r) => ROLE_STARTERS[r].consumes))];
}
