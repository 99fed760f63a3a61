// A league typed by a user (a football-data code in any case, or a SportMonks id), as every
// command that takes one reads it: found, or the user is told which leagues exist.
import type { League } from '@scoreline/db';
import type { Html } from '@scoreline/queue';
import type { Context } from 'telegraf';
import { replyHtml, t, type BotServices } from './bot-context';

/** The league `typed` names, or null after replying with the known codes. */
export async function leagueOrReply(
  ctx: Context,
  s: BotServices,
  typed: string,
): Promise<League | null> {
  const league = await s.fixtures.findLeague(typed);
  if (!league) {
    const known = (await s.fixtures.leagues()).map((l) => l.code).join(', ');
    await replyHtml(ctx, t(ctx).unknownLeague(typed.slice(0, 40), known));
  }
  return league;
}

/**
 * The league of a command that takes exactly one argument (`/fixtures E0`, `/season E0`): null
 * after replying `usage` when there is not exactly one, or the known codes when it is unknown.
 */
export async function soleLeagueArgOrReply(
  ctx: Context & { payload: string },
  s: BotServices,
  usage: Html,
): Promise<League | null> {
  const [code, ...rest] = ctx.payload.trim().split(/\s+/).filter(Boolean);
  if (!code || rest.length > 0) {
    await replyHtml(ctx, usage);
    return null;
  }
  return leagueOrReply(ctx, s, code);
}
