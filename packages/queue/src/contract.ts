// The one queue contract shared by producers (api, tgbot) and consumers (worker, tgbot outbox).
// Both backends speak it, so a job name, its payload and its result mean the same everywhere.
import type { Markets, SeasonOutlook } from '@scoreline/model';
import { backoffDelay } from '@scoreline/ops';
import type { OutboxButton } from './alert-buttons';

/** Every job type Scoreline runs. Each one is its own queue, so concurrency is per job type. */
export const JobName = {
  predict: 'predict',
  retrain: 'retrain',
  sync: 'sync',
  settle: 'settle',
  maintenance: 'maintenance',
  digest: 'digest',
  outbox: 'outbox',
  explain: 'explain',
  season: 'season',
  ratings: 'ratings',
} as const;

/** Union of the job names in {@link JobName}. */
export type JobName = (typeof JobName)[keyof typeof JobName];

/** All job names, in a stable order (queues are created and reported in this order). */
export const ALL_JOB_NAMES: readonly JobName[] = Object.freeze(Object.values(JobName));

/** True when `value` is one of the {@link JobName}s. */
export function isJobName(value: unknown): value is JobName {
  return typeof value === 'string' && (ALL_JOB_NAMES as readonly string[]).includes(value);
}

/** Maintenance tasks a `maintenance` job can run. */
export const MAINTENANCE_TASKS = ['backup', 'vacuum', 'cleanup'] as const;
/** One maintenance task. */
export type MaintenanceTask = (typeof MAINTENANCE_TASKS)[number];

/** Kinds of outbound Telegram messages carried by the outbox. */
export const OUTBOX_KINDS = ['digest', 'alert'] as const;
/** One outbox message kind. */
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * Predict one fixture (by teams as typed by a user or by fixture id). Without `league` the
 * worker picks the league whose champion knows both teams (a user typing "/predict Arsenal -
 * Chelsea" does not know league codes).
 */
export interface PredictPayload {
  /** League code or SportMonks id; absent means "find the league from the team names". */
  league?: string;
  home: string;
  away: string;
  fixtureId?: number;
  requestedBy?: string;
}

/**
 * Explain one fixture's forecast factor by factor: by stored fixture id, or by league and the
 * model's team names (both sides, like a fixture without an id).
 */
export type ExplainPayload = { fixtureId: number } | { league: string; home: string; away: string };

/**
 * The rest of a league's season played `runs` times (/season): results before `asOf` count as
 * played. Runs on the worker, where the champions are, so the bot never fits or simulates.
 */
export interface SeasonPayload {
  /** League code. */
  league: string;
  /** YYYY-MM-DD. */
  asOf: string;
  runs: number;
}

/**
 * One team's attack and defence in its league's champion (/form). Runs on the worker, where the
 * champions are: a bot in its own container has no registry to read them from.
 */
export interface RatingsPayload {
  /** League code. */
  league: string;
  /** The team's name as the league's stored results spell it. */
  team: string;
}

/** Retrain one league's model (all leagues when `league` is absent). */
export interface RetrainPayload {
  league?: string;
  reason?: string;
}

/**
 * Where a sync reads: SportMonks (fixtures, results and odds in a date range), or one of
 * football-data.co.uk's files (the current season's results, or the upcoming fixtures).
 */
export const SYNC_SOURCES = [
  'sportmonks',
  'football-data-results',
  'football-data-fixtures',
] as const;
export type SyncSource = (typeof SYNC_SOURCES)[number];

/** Pull fixtures/results/odds from a feed (SportMonks when `source` is absent); ISO dates. */
export interface SyncPayload {
  source?: SyncSource;
  leagues?: string[];
  from?: string;
  to?: string;
}

/** Settle finished fixtures against stored predictions. Carries nothing on purpose. */
export type SettlePayload = Record<string, never>;

/** Run housekeeping tasks in the given order. */
export interface MaintenancePayload {
  tasks: MaintenanceTask[];
}

/** Scan for due digests; `now` (ISO date-time) overrides the clock for replays and tests. */
export interface DigestPayload {
  now?: string;
}

/** One Telegram message for the tgbot process to send (it owns Telegram's rate limits). */
export interface OutboxPayload {
  chatId: string;
  text: string;
  parseMode?: 'HTML';
  kind: OutboxKind;
  dedupeKey?: string;
  /** Inline buttons, rows of them, under the (last part of the) message. */
  buttons?: OutboxButton[][];
}

/** Payload type per job name. */
export interface JobPayloads {
  predict: PredictPayload;
  retrain: RetrainPayload;
  sync: SyncPayload;
  settle: SettlePayload;
  maintenance: MaintenancePayload;
  digest: DigestPayload;
  outbox: OutboxPayload;
  explain: ExplainPayload;
  season: SeasonPayload;
  ratings: RatingsPayload;
}

/** An expected no-op is a result, not a failure (it must not burn retries or alert). */
export interface SkippedResult {
  status: 'skipped';
  reason: string;
}

/** Result of `predict`: probabilities are home/draw/away and sum to 1. */
export type PredictResult =
  | {
      status: 'ok';
      /** League code the forecast came from (the chosen one when the payload had none). */
      league: string;
      /** The model's canonical team names (what the typed names resolved to). */
      home: string;
      away: string;
      modelVersion: string;
      probs: [number, number, number];
      /** Every market priced from the one score matrix (see computeMarkets). */
      markets: Markets;
      /** The stored prediction row's id; null when it could not be stored (logged, not fatal). */
      predictionId: number | null;
      /**
       * The day (YYYY-MM-DD) of the newest result the model was fitted on (its data window's
       * end), so the card can say how fresh it is; absent from workers that predate it.
       */
      dataThrough?: string;
    }
  | {
      status: 'unknown_team';
      which: 'home' | 'away';
      /** `ambiguous`: several teams fit and `suggestions` lists them; `unknown`: none fit. */
      reason: 'unknown' | 'ambiguous';
      /** The name as the user typed it. */
      input: string;
      /** Closest (unknown) or fitting (ambiguous) team names, best first; may be empty. */
      suggestions: string[];
    }
  /** Both typed names resolve to one team. */
  | { status: 'same_team'; team: string }
  /**
   * No usable model: `league` is the requested league's code (or the text asked for when it
   * names no league); `''` when no league was asked for and no league has a champion.
   */
  | { status: 'no_model'; league: string };

/** One factor of an explanation (see explainMatch in @scoreline/model). */
export interface ExplainFactorResult {
  /** One of EXPLAIN_FACTORS (homeAttack … awayForm, then the components dixonColes, shots, elo). */
  factor: string;
  /** The factor's value relative to its neutral one (rating − league mean, η, blend weight). */
  value: number;
  /**
   * Contribution in percentage points, home/draw/away: 100·(forecast − forecast with the factor
   * at its neutral value); positive means the factor raises that outcome. Sums to ≈ 0.
   */
  delta: [number, number, number];
}

/** Result of `explain`. */
export type ExplainResult =
  | {
      status: 'ok';
      league: string;
      home: string;
      away: string;
      modelVersion: string;
      fixtureId: number | null;
      /** The forecast explained (home/draw/away, sums to 1). */
      probs: [number, number, number];
      /** Each blend component's own 1X2 and weight. */
      components: Array<{ name: string; weight: number; probs: [number, number, number] }>;
      factors: ExplainFactorResult[];
    }
  /** No fixture with that id. */
  | { status: 'unknown_fixture'; fixtureId: number }
  /** The league has no usable champion (`league` as asked for, or the fixture's league). */
  | { status: 'no_model'; league: string }
  /** The champion does not rate one of the teams (e.g. a promoted side it never saw). */
  | { status: 'unknown_team'; team: string };

/** Result of `season`. */
export type SeasonResult =
  | {
      status: 'ok';
      outlook: SeasonOutlook;
      /** The champion's version, or null when a model was fitted on the stored results. */
      modelVersion: string | null;
    }
  /** No fixture of the season `asOf` falls in is stored. */
  | { status: 'no_season'; season: string };

/** Result of `ratings`: log goal-rate units against the league's mean (0 = average side). */
export type RatingsResult =
  | { status: 'ok'; modelVersion: string; attack: number; defence: number }
  /** The league has no usable champion. */
  | { status: 'no_model'; league: string }
  /** The champion does not rate the team (e.g. a promoted side it never saw). */
  | { status: 'unknown_team'; team: string; modelVersion: string };

/** Result of `retrain`: whether the challenger replaced the champion. */
export interface RetrainResult {
  status: 'promoted' | 'kept' | 'skipped';
  league?: string;
  modelVersion?: string;
  previousVersion?: string;
  reason?: string;
  metrics?: Record<string, number>;
}

/** Result of `sync`. */
export type SyncResult =
  { status: 'ok'; leagues: string[]; fixtures: number; odds: number } | SkippedResult;

/** Result of `settle`. */
export type SettleResult =
  | {
      status: 'ok';
      settled: number;
      /** Paper-trading picks settled (issue #19). */
      picks?: number;
      /** Value alerts put on the outbox by the scan that follows every sync. */
      alerts?: number;
    }
  | SkippedResult;

/** Result of `maintenance`, one entry per requested task. */
export interface MaintenanceResult {
  status: 'ok';
  tasks: Array<{ task: MaintenanceTask; status: 'done' | 'skipped'; detail?: string }>;
}

/** Result of `digest`: how many outbox messages it queued. */
export type DigestResult = { status: 'ok'; queued: number } | SkippedResult;

/** Result of `outbox`. */
export type OutboxResult = { status: 'sent'; messageId?: number } | SkippedResult;

/** Result type per job name. */
export interface JobResults {
  predict: PredictResult;
  retrain: RetrainResult;
  sync: SyncResult;
  settle: SettleResult;
  maintenance: MaintenanceResult;
  digest: DigestResult;
  outbox: OutboxResult;
  explain: ExplainResult;
  season: SeasonResult;
  ratings: RatingsResult;
}

/** How many finished jobs to keep, by count and by age. */
export interface KeepJobs {
  count: number;
  ageSec: number;
}

/** Backend-neutral default job options (each backend maps them onto its own). */
export interface JobDefaults {
  /** Total tries including the first one. */
  attempts: number;
  /** Delay before retry n (1-based) is `delayMs * 2^(n-1)` for exponential, `delayMs` for fixed. */
  backoff: { type: 'exponential' | 'fixed'; delayMs: number };
  removeOnComplete: KeepJobs;
  /** Failed jobs are kept longer than completed ones: they are what people inspect. */
  removeOnFail: KeepJobs;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * Default job options per job type. Retries are for transient failures (network, locked DB,
 * Telegram 429); bad input fails once via `InvalidPayloadError`/`UnrecoverableJobError`.
 */
export const DEFAULT_JOB_OPTIONS: Readonly<Record<JobName, Readonly<JobDefaults>>> = Object.freeze({
  // Interactive: a user waits, so retry once and quickly; results are useless after an hour.
  predict: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 250 },
    removeOnComplete: { count: 1000, ageSec: HOUR },
    removeOnFail: { count: 5000, ageSec: 7 * DAY },
  },
  // CPU-heavy and rare: one retry after a minute is enough; keep history for the model log.
  retrain: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 60_000 },
    removeOnComplete: { count: 200, ageSec: 30 * DAY },
    removeOnFail: { count: 500, ageSec: 30 * DAY },
  },
  // Feed APIs have outages and rate limits: back off generously.
  sync: {
    attempts: 5,
    backoff: { type: 'exponential', delayMs: 30_000 },
    removeOnComplete: { count: 200, ageSec: 7 * DAY },
    removeOnFail: { count: 1000, ageSec: 30 * DAY },
  },
  settle: {
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 30_000 },
    removeOnComplete: { count: 200, ageSec: 7 * DAY },
    removeOnFail: { count: 1000, ageSec: 30 * DAY },
  },
  maintenance: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 5 * 60_000 },
    removeOnComplete: { count: 100, ageSec: 30 * DAY },
    removeOnFail: { count: 500, ageSec: 30 * DAY },
  },
  digest: {
    attempts: 3,
    backoff: { type: 'exponential', delayMs: 10_000 },
    removeOnComplete: { count: 500, ageSec: DAY },
    removeOnFail: { count: 1000, ageSec: 7 * DAY },
  },
  // Telegram answers 429/5xx under load; a few spaced retries ride it out.
  outbox: {
    attempts: 5,
    backoff: { type: 'exponential', delayMs: 2_000 },
    removeOnComplete: { count: 1000, ageSec: DAY },
    removeOnFail: { count: 5000, ageSec: 7 * DAY },
  },
  // Interactive like predict: a user waits for the answer.
  explain: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 250 },
    removeOnComplete: { count: 1000, ageSec: HOUR },
    removeOnFail: { count: 5000, ageSec: 7 * DAY },
  },
  // Interactive too, and its result is a whole table of odds: keep fewer.
  season: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 250 },
    removeOnComplete: { count: 100, ageSec: HOUR },
    removeOnFail: { count: 500, ageSec: 7 * DAY },
  },
  // Interactive, and a lookup in a champion already in memory.
  ratings: {
    attempts: 2,
    backoff: { type: 'exponential', delayMs: 250 },
    removeOnComplete: { count: 1000, ageSec: HOUR },
    removeOnFail: { count: 5000, ageSec: 7 * DAY },
  },
});

/**
 * Default worker concurrency per job type. Predictions are short and mostly wait on Redis and
 * one insert, so a worker overlaps many: with 8, twenty chats at once queued for a slot
 * (bench/bot-latency.js --split: p50 170 ms; with 20, 91 ms and twice the replies per second);
 * everything else writes to the database or talks to rate-limited APIs, so it runs one at a time.
 */
export const DEFAULT_CONCURRENCY: Readonly<Record<JobName, number>> = Object.freeze({
  predict: 20,
  retrain: 1,
  sync: 1,
  settle: 1,
  maintenance: 1,
  digest: 1,
  outbox: 1,
  explain: 2,
  // Up to a second of CPU each: one at a time, so predictions between them keep flowing.
  season: 1,
  ratings: 2,
});

/** Per-job overrides of {@link DEFAULT_JOB_OPTIONS} (tests shrink backoffs; config may too). */
export type JobOptionsOverrides = Partial<Record<JobName, Partial<JobDefaults>>>;

/** The effective defaults for `name` after applying `overrides`. */
export function resolveJobDefaults(name: JobName, overrides?: JobOptionsOverrides): JobDefaults {
  return { ...DEFAULT_JOB_OPTIONS[name], ...overrides?.[name] };
}

/**
 * Delay in ms before retry number `retry` (1 = first retry): the one backoff formula of
 * `@scoreline/ops` (no cap: a job's attempts bound it), with factor 2 or, fixed, 1.
 */
export function backoffDelayMs(backoff: JobDefaults['backoff'], retry: number): number {
  return backoffDelay(retry, {
    delayMs: backoff.delayMs,
    maxDelayMs: Number.POSITIVE_INFINITY,
    backoff: backoff.type === 'fixed' ? 1 : 2,
  });
}
