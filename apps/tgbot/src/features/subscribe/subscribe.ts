// /subscribe [HH:MM] [league] and /unsubscribe [league|all]: the daily digest. The bot only
// stores the subscription; the worker's once-a-minute digest scan finds it due in the chat's
// own time zone and puts the digest on the outbox, which this process delivers.
import type { League, Subscription } from '@scoreline/db';
import type { Composer, Context } from 'telegraf';
import { replyHtml, t, textsFor, timeZoneOf, type BotServices } from '../../context/bot-context';
import { leagueOrReply } from '../../context/league-arg';
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import { SUBSCRIBE_TEXTS, type SubscribeTexts } from './texts';

export const DEFAULT_DIGEST_TIME = '09:00';

const ALL_WORDS = ['all', '*', 'все', 'всё'];

export type SubscribeArgs =
  | { kind: 'ok'; time: string | null; league: string | null }
  | { kind: 'badTime'; input: string }
  | { kind: 'usage' };

/** `HH:MM` (24 h, `9:05` and `09.05` accepted) as `HH:MM`, or null. */
export function parseClock(input: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(input.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/**
 * `/subscribe` arguments in either order: a time (anything with `:` or `.` is read as one, so
 * `25:00` is a bad time, not a league) and a league code (`all` or none: every league).
 */
export function parseSubscribeArgs(payload: string): SubscribeArgs {
  const words = payload.trim().split(/\s+/).filter(Boolean);
  if (words.length > 2) return { kind: 'usage' };
  let time: string | null = null;
  let league: string | null = null;
  let sawLeague = false;
  for (const word of words) {
    if (/[:.]/.test(word) && /^\d/.test(word)) {
      if (time !== null) return { kind: 'usage' };
      const clock = parseClock(word);
      if (!clock) return { kind: 'badTime', input: word };
      time = clock;
    } else {
      if (sawLeague) return { kind: 'usage' };
      sawLeague = true;
      league = ALL_WORDS.includes(word.toLowerCase()) ? null : word;
    }
  }
  return { kind: 'ok', time, league };
}

export function registerSubscribe(bot: Composer<Context>, s: BotServices): void {
  bot.command('subscribe', async (ctx) => {
    const texts = textsFor(ctx, SUBSCRIBE_TEXTS);
    const chatId = ctx.chat.id;
    const args = parseSubscribeArgs(ctx.payload);
    if (args.kind === 'usage') {
      await replyHtml(ctx, texts.usage);
      return;
    }
    if (args.kind === 'badTime') {
      await replyHtml(ctx, texts.badTime(args.input.slice(0, 20)));
      return;
    }
    let league: League | null = null;
    if (args.league !== null) {
      league = await leagueOrReply(ctx, s, args.league);
      if (!league) return;
    }
    const leagues = await s.fixtures.leagues();
    const time = args.time ?? DEFAULT_DIGEST_TIME;
    await s.subscriptions.upsert({ chatId, leagueCode: league?.code ?? null, time }, s.now());
    const zone = timeZoneOf(ctx);
    const list = await subscriptionList(s, chatId, texts, leagues, zone);
    const subscribed = texts.subscribed(time, scopeOf(texts, leagues, league?.code ?? null), zone);
    // A digest lists the next day's fixtures: when none is known at all, say so now rather
    // than leave the subscriber waiting for digests that cannot come.
    const ahead = await s.fixtures.ahead(s.now(), league ?? undefined);
    const parts = [subscribed, list, texts.howToChangeZone];
    if (!ahead.next) parts.push(t(ctx).noneKnown(ahead.lastResult));
    await replyHtml(ctx, joinHtml(parts, '\n\n'));
  });

  bot.command('unsubscribe', async (ctx) => {
    const texts = textsFor(ctx, SUBSCRIBE_TEXTS);
    const chatId = ctx.chat.id;
    const words = ctx.payload.trim().split(/\s+/).filter(Boolean);
    if (words.length > 1) {
      await replyHtml(ctx, texts.unsubscribeUsage);
      return;
    }
    const leagues = await s.fixtures.leagues();
    const zone = timeZoneOf(ctx);
    const word = words[0];
    if (word === undefined || ALL_WORDS.includes(word.toLowerCase())) {
      const subs = await s.subscriptions.list(chatId);
      for (const sub of subs) await s.subscriptions.remove(chatId, sub.leagueCode);
      await replyHtml(ctx, texts.unsubscribedAll(subs.length));
      return;
    }
    const league = await leagueOrReply(ctx, s, word);
    if (!league) return;
    const scope = scopeOf(texts, leagues, league.code);
    const removed = await s.subscriptions.remove(chatId, league.code);
    const list = await subscriptionList(s, chatId, texts, leagues, zone);
    const head = removed ? texts.unsubscribed(scope) : texts.notSubscribed(scope);
    await replyHtml(ctx, tgHtml`${head}\n\n${list}`);
  });
}

function scopeOf(texts: SubscribeTexts, leagues: readonly League[], code: string | null): string {
  if (code === null) return texts.allLeagues;
  const league = leagues.find((l) => l.code === code);
  return league ? `${league.name} (${code})` : code;
}

/** The chat's subscriptions as lines (the confirmation shows what is now in force). */
async function subscriptionList(
  s: BotServices,
  chatId: number,
  texts: SubscribeTexts,
  leagues: readonly League[],
  zone: string,
): Promise<Html> {
  const subs: Subscription[] = await s.subscriptions.list(chatId);
  if (subs.length === 0) return texts.none;
  const sorted = [...subs].sort((a, b) => a.time.localeCompare(b.time));
  return joinHtml(
    [
      texts.listHeader(zone),
      ...sorted.map((sub) => texts.line(sub.time, scopeOf(texts, leagues, sub.leagueCode))),
    ],
    '\n',
  );
}
