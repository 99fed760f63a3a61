import type { Logger } from '@scoreline/ops';
import type { Db } from '@scoreline/db';
import type { QueueBackend } from '@scoreline/queue';
import type { Predictor } from '@scoreline/training';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Readiness } from './readiness';

export interface ApiDeps {
  readiness: Readiness;
  /** The process's metrics registry; /metrics is served only when `metricsEnabled`. */
  metrics: Registry;
  metricsEnabled: boolean;
  /** Request and error log lines (with the request id); silent when absent. */
  logger?: Logger;
  /** The database for /v1; without it the /v1 data routes answer 503. */
  db?: Db;
  /**
   * Where POST /v1/predict and an unsealed fixture's forecast come from, chosen once by the role
   * composition (bin/src/roles). Left out (tests, embedding), the app chooses once when it is
   * built: through `queue` when there is one, else from the champion under `paths`.
   */
  predictor?: Predictor;
  /** The queue: the admin routes enqueue jobs on it (503 without it). */
  queue?: QueueBackend;
  /**
   * MODEL_REGISTRY_PATH and REPORTS_DIR: the local predictor's artifacts, and report files
   * written before reports were stored in the database.
   */
  paths?: { modelRegistryPath: string; reportsDir: string };
  /** API_ADMIN_TOKEN; with none the admin routes answer 404. */
  adminToken?: string;
  /** How long POST /v1/predict and a fixture forecast wait for the worker (default 10 s). */
  predictTimeoutMs?: number;
  /** Request body limit for JSON (default 16 kB). */
  bodyLimit?: string;
  /** The Telegram webhook, served on the api's port when the bot runs in the same process. */
  telegramWebhook?: {
    path: string;
    handler: (req: IncomingMessage, res: ServerResponse) => void;
  };
  /** Clock for the default fixture window (tests). */
  now?: () => Date;
}
