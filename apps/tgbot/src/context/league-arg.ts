// A league typed by a user (a football-data code in any case, or a SportMonks id), as every
// command that takes one reads it: found, or the user is told which leagues exist.
import type { League } from '@scoreline/db';
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
