// Public API of @scoreline/queue: the job contract and two interchangeable backends.
export {
  ALL_JOB_NAMES,
  DEFAULT_CONCURRENCY,
  DEFAULT_JOB_OPTIONS,
  JobName,
  MAINTENANCE_TASKS,
  OUTBOX_KINDS,
  SYNC_SOURCES,
  backoffDelayMs,
  isJobName,
  resolveJobDefaults,
} from './contract';
export type {
  DigestPayload,
  DigestResult,
  ExplainFactorResult,
  ExplainPayload,
  ExplainResult,
  JobDefaults,
  JobOptionsOverrides,
  JobPayloads,
  JobResults,
  KeepJobs,
  MaintenancePayload,
  MaintenanceResult,
  MaintenanceTask,
  OutboxKind,
  OutboxPayload,
  OutboxResult,
  PredictPayload,
  PredictResult,
  RatingsPayload,
  RatingsResult,
  RetrainPayload,
  RetrainResult,
  SeasonPayload,
  SeasonResult,
  SettlePayload,
  SettleResult,
  SkippedResult,
  SyncPayload,
  SyncResult,
  SyncSource,
} from './contract';
export { MAX_SEASON_RUNS, TELEGRAM_TEXT_LIMIT, validatePayload } from './payload-validators';
export { escapeHtml, htmlToPlain, isHtml, joinHtml, tgHtml } from './telegram-html';
export type { Html, HtmlValue } from './telegram-html';
export {
  InvalidPayloadError,
  JobFailedError,
  MissingProcessorError,
  QueueStateError,
  QueueUnavailableError,
  RequestTimeoutError,
  UnrecoverableJobError,
  isUnrecoverable,
} from './errors';
export { InvalidCronError, nextCronTime } from './cron';
export { DEFAULT_CLOSE_TIMEOUT_MS } from './backend';
export type {
  EnqueueOptions,
  JobCounts,
  JobInfo,
  JobState,
  Processor,
  ProcessorContext,
  Processors,
  QueueBackend,
  ScheduleInfo,
  StartWorkersOptions,
  WorkersHandle,
} from './backend';
export type { BullmqBackendOptions, BullmqWorkerTuning, QueueRole } from './bullmq-backend';
export { createInProcessBackend } from './in-process-backend';
export type { InProcessBackendOptions, Timers } from './in-process-backend';
export { createBullmqBackend, createQueueBackend } from './create-backend';
export type { CreateQueueBackendOptions, QueueConsumer } from './create-backend';
export {
  ALERT_MUTE_PREFIX,
  ALERT_TRACK_PREFIX,
  alertMuteData,
  alertTrackData,
  MATCH_CARD_PREFIX,
  matchCardData,
  type OutboxButton,
} from './alert-buttons';
