// ROLE=all as the sandbox runs it: the three roles of bin/src/roles in this process over one
// SQLite database and one in-process queue, the bot polling the local emulator. Each started
// part registers its own stop, so a failure halfway still closes what did start.
import type { Config } from '@scoreline/config';
import { createSqlHeartbeatStore, type Db } from '@scoreline/db';
import { createMetricsRegistry } from '@scoreline/ops';
import { createRoleQueue, ROLE_ORDER, startRoles as startProcessRoles } from '../roles';
import type { Closers } from './closers';
import type { SandboxLogger } from './logger';

/** A laptop's sandbox answers on loopback only, whatever address a container would use. */
const SANDBOX_HOST = '127.0.0.1';

export interface StartedRoles {
  apiUrl: string;
}

export async function startRoles(
  config: Config,
  deps: { db: Db; logger: SandboxLogger; simulated: boolean; closers: Closers },
): Promise<StartedRoles> {
  const { db, logger, closers } = deps;
  const queue = createRoleQueue(config, ROLE_ORDER, logger);
  closers.add('queue', () => queue.close());
  const { api } = await startProcessRoles(
    {
      config,
      logger,
      db,
      heartbeats: createSqlHeartbeatStore(db),
      metrics: createMetricsRegistry({
        role: 'all',
        appVersion: config.app.version,
        gitSha: config.app.gitSha,
      }),
      queue,
      instance: `sandbox:${process.pid}`,
      roles: ROLE_ORDER,
      telegramWebhook: {},
      options: {
        apiHost: SANDBOX_HOST,
        ...(deps.simulated ? { tgbot: { simulated: true } } : {}),
      },
    },
    closers,
  );
  if (!api) throw new Error('the sandbox started without its api');
  return { apiUrl: `http://${SANDBOX_HOST}:${api.port}` };
}
