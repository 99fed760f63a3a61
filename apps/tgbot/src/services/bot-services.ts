// What every feature works with: the services over the database and the queue, built once per
// bot. Features reach the data only through these (an eslint rule keeps @scoreline/db out of
// features/), so a feature's tests can hand it stubs.
import { describeError, type HeartbeatStore, type Logger } from '@scoreline/ops';
import type { Db } from '@scoreline/db';
import type { QueueBackend } from '@scoreline/queue';
import { createQueuePredictor, type Predictor } from '@scoreline/training';
import { createChoiceStash, type ChoiceStash } from '../callbacks/choice-stash';
import { createCommandList, type CommandList } from '../i18n/command-list';
import type { Locale } from '../i18n/messages';
import type { MatchQuery } from '../input/parse-match';
import { createAlertService, type AlertService } from './alerts';
import { createChampionService } from './champions';
import { createChatService, type ChatService } from './chats';
import { exampleMatch } from './example-match';
import { createFixtureService, type FixtureService } from './fixtures';
import { oddsByFixture } from './odds';
import {
  createPredictionService,
  type PredictionOutcome,
  type PredictionService,
} from './predictions';
import { createPortfolioService, type PortfolioService } from './portfolio';
import { createSeasonOddsService, type SeasonOddsService } from './season-odds';
import { createStandingsService, type StandingsService } from './standings';
import { createStatusService, type StatusService } from './status';
import { createSubscriptionService, type SubscriptionService } from './subscriptions';
import { createTaskTracker, type TaskTracker } from './tasks';
import { createTermsService, type TermsService } from './terms';
import { createTeamContextService, type TeamContextService } from './team-context';
import { createTrackRecordService, type TrackRecordService } from './track-record';

/** A team-name choice offered as buttons: the query to run with `which` replaced. */
export interface PendingChoice {
  query: MatchQuery;
  which: 'home' | 'away';
  name: string;
}

export interface BotServices {
  predictions: PredictionService;
  fixtures: FixtureService;
  /** The command list the features declare (the `/` menu, /help). */
  commands: CommandList;
  standings: StandingsService;
  /** A team's form and ratings, two teams' meetings (/form, /h2h). */
  teamContext: TeamContextService;
  /** The rest of a season by simulation (/season). */
  seasonOdds: SeasonOddsService;
  chats: ChatService;
  subscriptions: SubscriptionService;
  status: StatusService;
  trackRecord: TrackRecordService;
  /** Who accepted the terms (the gate before /value, /alerts, /portfolio). */
  terms: TermsService;
  /** Value-alert settings and sent alerts; each league's predictability flag. */
  alerts: AlertService;
  /** Paper-trading picks, their staking and figures. */
  portfolio: PortfolioService;
  /** The stored price sets of the given fixtures, by fixture id. */
  oddsByFixture(fixtureIds: readonly number[]): ReturnType<typeof oddsByFixture>;
  /** /start's example match (two teams the bot can predict), if any. */
  exampleMatch(): Promise<{ home: string; away: string } | undefined>;
  choices: ChoiceStash<PendingChoice>;
  tasks: TaskTracker;
  /** The queue, for features that hand work to the worker (admin jobs, explanations). */
  queue: QueueBackend;
  logger: Logger;
  defaultLocale: Locale;
  /** The data is a simulated league (sandbox): every answer says so. */
  simulated: boolean;
  /** ADMIN_IDS: who may run admin commands (others get the unknown-command answer). */
  adminIds: ReadonlySet<number>;
  app: { version: string; gitSha: string };
  now: () => Date;
}

export interface BotServiceDeps {
  db: Db;
  queue: QueueBackend;
  logger: Logger;
  defaultLocale: Locale;
  predictTimeoutMs: number;
  /**
   * MODEL_REGISTRY_PATH: the champions' artifacts (ratings, season odds, team names), read only
   * where this process predicts without a worker; without it none.
   */
  registryDir?: string;
  simulated?: boolean;
  adminIds?: readonly number[];
  app?: { version: string; gitSha: string };
  now?: () => Date;
  /** The roles' heartbeats as the launcher stores them (Redis or SQL), for /status. */
  heartbeats?: HeartbeatStore;
  /** The features' command list (bot.ts builds it from the feature list; empty by default). */
  commands?: CommandList;
  /** The process's Predictor, chosen once by the role composition (default: the queue). */
  predictor?: Predictor;
  /** Called with each prediction's outcome and how long the worker took (metrics). */
  observePrediction?: (outcome: PredictionOutcome['status'], seconds: number) => void;
}

export function createBotServices(deps: BotServiceDeps): BotServices {
  const { db, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const fixtures = createFixtureService(db);
  // Tests and benches that build a bare bot leave the choice out: the worker, as npm start.
  const predictor = deps.predictor ?? createQueuePredictor(deps.queue);
  // Where predictions go to a worker, so do /form's ratings and /season's simulation: the
  // worker has the champions, and the bot reads no artifact (names match the stored teams).
  const worker =
    predictor.kind === 'queue'
      ? { queue: deps.queue, timeoutMs: deps.predictTimeoutMs }
      : undefined;
  const onWorker = worker ? { worker } : {};
  const champions = createChampionService({
    db,
    ...(deps.registryDir && !worker ? { registryDir: deps.registryDir } : {}),
    warn: (line) => logger.warn(line),
    now,
  });
  return {
    predictions: createPredictionService({
      db,
      predictor,
      timeoutMs: deps.predictTimeoutMs,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.observePrediction ? { observe: deps.observePrediction } : {}),
    }),
    fixtures,
    commands: deps.commands ?? createCommandList([]),
    standings: createStandingsService(db),
    teamContext: createTeamContextService({
      db,
      champions,
      leagues: () => fixtures.leagues(),
      ...onWorker,
    }),
    seasonOdds: createSeasonOddsService({ db, champions, now, ...onWorker }),
    chats: createChatService(db),
    subscriptions: createSubscriptionService(db),
    status: createStatusService(db, deps.heartbeats),
    trackRecord: createTrackRecordService(db),
    terms: createTermsService(db),
    alerts: createAlertService(db),
    portfolio: createPortfolioService(db, fixtures),
    oddsByFixture: (ids) => oddsByFixture(db, ids),
    exampleMatch: () => exampleMatch({ db, fixtures, now }),
    choices: createChoiceStash<PendingChoice>(),
    tasks: createTaskTracker((err) => logger.error('bot task failed', describeError(err))),
    queue: deps.queue,
    logger,
    defaultLocale: deps.defaultLocale,
    simulated: deps.simulated ?? false,
    adminIds: new Set(deps.adminIds ?? []),
    app: deps.app ?? { version: 'dev', gitSha: 'unknown' },
    now,
  };
}
