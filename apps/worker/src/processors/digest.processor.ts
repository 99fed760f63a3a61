// The once-a-minute scan: finds subscriptions due in their chat's own timezone and puts each
// digest on the outbox (the tgbot process sends it) exactly once per subscription and local day.
// Two guards make "once" hold: a deterministic outbox job id (`digest-<id>-<localDate>`, so two
// workers scanning the same minute add one job) and `last_sent_on` in the database (durable,
// so a later scan, a restart or an expired job id does not send again).
import {
  getChat,
  getTeam,
  listFixtures,
  listLeagues,
  listSubscriptions,
  markSubscriptionSent,
  type Db,
  type League,
  type Subscription,
} from '@scoreline/db';
import { errorText, type Logger } from '@scoreline/ops';
import type { DigestPayload, DigestResult, ProcessorContext, QueueBackend } from '@scoreline/queue';
import type { ChampionCache } from '@scoreline/training';
import { renderDigest, type DigestFixture, type DigestLeague } from '../digest/digest-text';
import { isKnownTimeZone, localTime, minutesOf } from '../digest/local-time';

export interface DigestProcessorDeps {
  db: Db;
  queue: Pick<QueueBackend, 'enqueue'>;
  champions: ChampionCache;
  logger: Logger;
  now?: () => Date;
}

/** A digest missed at its minute (worker down, busy queue) is still sent within this window. */
export const DIGEST_CATCH_UP_MINUTES = 120;
const DAY_MS = 86_400_000;
const FALLBACK_ZONE = 'Europe/Moscow';

/** The outbox job id of a subscription's digest for a local date. */
export const digestJobId = (subscriptionId: number, localDate: string) =>
  `digest-${subscriptionId}-${localDate}`;

/** True when the subscription's time has come today (local) and today's digest is not sent. */
export function isDue(sub: Subscription, local: { date: string; time: string }): boolean {
  if (sub.lastSentOn === local.date) return false;
  const late = minutesOf(local.time) - minutesOf(sub.time);
  return late >= 0 && late <= DIGEST_CATCH_UP_MINUTES;
}

export function createDigestProcessor(deps: DigestProcessorDeps) {
  const clock = deps.now ?? (() => new Date());

  async function upcoming(league: League, at: Date): Promise<DigestFixture[]> {
    const end = at.getTime() + DAY_MS;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const fixtures = (
      await listFixtures(deps.db, {
        leagueId: league.id,
        from: day(at.getTime()),
        to: day(end),
        status: 'scheduled',
      })
    ).filter((f) => f.kickoffAt.getTime() >= at.getTime() && f.kickoffAt.getTime() <= end);
    if (fixtures.length === 0) return [];
    const predictor = await deps.champions.get(league.code).catch(() => null);
    const out: DigestFixture[] = [];
    for (const f of fixtures) {
      const home = (await getTeam(deps.db, f.homeTeamId))?.name ?? `#${f.homeTeamId}`;
      const away = (await getTeam(deps.db, f.awayTeamId))?.name ?? `#${f.awayTeamId}`;
      let probs: DigestFixture['probs'] = null;
      if (predictor) {
        // A promoted side the model never rated has no forecast; the line still lists it.
        probs = await predictor.predict(home, away).then(
          (p) => p.probs,
          () => null,
        );
      }
      out.push({ kickoffAt: f.kickoffAt, home, away, probs });
    }
    return out;
  }

  return async function digest(
    payload: DigestPayload,
    _ctx: ProcessorContext,
  ): Promise<DigestResult> {
    const at = payload.now ? new Date(payload.now) : clock();
    const subs = await listSubscriptions(deps.db);
    if (subs.length === 0) return { status: 'skipped', reason: 'no subscriptions' };

    // Fixtures are the same for every subscriber of a league: read them once per scan.
    let leagues: League[] | undefined;
    const content = new Map<string, Promise<DigestLeague[]>>();
    const contentOf = (code: string | null): Promise<DigestLeague[]> => {
      const key = code ?? '*';
      let c = content.get(key);
      if (!c) {
        c = (async () => {
          leagues ??= await listLeagues(deps.db);
          const chosen = code === null ? leagues : leagues.filter((l) => l.code === code);
          const out: DigestLeague[] = [];
          for (const l of chosen) {
            const fixtures = await upcoming(l, at);
            if (fixtures.length > 0) out.push({ code: l.code, name: l.name, fixtures });
          }
          return out;
        })();
        content.set(key, c);
      }
      return c;
    };

    let queued = 0;
    const failures: string[] = [];
    for (const sub of subs) {
      try {
        const chat = await getChat(deps.db, sub.chatId);
        if (chat?.blocked) continue;
        let zone = chat?.timezone ?? FALLBACK_ZONE;
        if (!isKnownTimeZone(zone)) {
          deps.logger.warn('digest: unknown timezone, using the default', {
            chatId: sub.chatId,
            zone,
          });
          zone = FALLBACK_ZONE;
        }
        const local = localTime(at, zone);
        if (!isDue(sub, local)) continue;
        const body = await contentOf(sub.leagueCode);
        // Nothing to play in the next 24 h: no message (no daily noise), but the day is done.
        if (body.length > 0) {
          const jobId = digestJobId(sub.id, local.date);
          await deps.queue.enqueue(
            'outbox',
            {
              chatId: String(sub.chatId),
              text: renderDigest(body, chat?.language ?? 'ru', zone),
              parseMode: 'HTML',
              kind: 'digest',
              dedupeKey: jobId,
            },
            { jobId },
          );
          queued += 1;
        }
        // Marked after the enqueue: a crash in between re-enqueues the same job id next
        // minute (a no-op while that job exists), never loses the digest.
        await markSubscriptionSent(deps.db, sub.id, local.date);
      } catch (err) {
        failures.push(`subscription ${sub.id}: ${errorText(err)}`);
      }
    }
    // One bad subscription does not hold back the others; the job still fails so it retries
    // (and the guards make the retry skip the ones already queued).
    if (failures.length > 0) throw new Error(`digest scan: ${failures.join('; ')}`);
    return { status: 'ok', queued };
  };
}
