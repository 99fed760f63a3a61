import type { Db } from '@scoreline/db';
import type { QueueBackend } from '@scoreline/queue';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Readiness } from './readiness';
import type { ApiLogger } from './request-log';

export interface ApiDeps {
  readiness: Readiness;
  /** The process's metrics registry; /metrics is served only when `metricsEnabled`. */
  metrics: Registry;
  metricsEnabled: boolean;
  /** Request and error log lines (with the request id); silent when absent. */
  logger?: ApiLogger;
  /** The database for /v1; without it the /v1 data routes answer 503. */
  db?: Db;
  /**
   * The queue: POST /v1/predict and an unstored GET /v1/fixtures/:id/prediction go through it
   * when present (the worker owns the models and answers), and the admin routes need it to
   * enqueue jobs (503 without it).
   */
  queue?: QueueBackend;
  /**
   * MODEL_REGISTRY_PATH and REPORTS_DIR: predictions computed in this process when there is no
   * queue, and report files written before reports were stored in the database.
   */
  paths?: { modelRegistryPath: string; reportsDir: string };
  /** API_ADMIN_TOKEN; with none the admin routes answer 404. */
  adminToken?: string;
  /** How long POST /v1/predict and a fixture prediction wait for the worker (default 10 s). */
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
