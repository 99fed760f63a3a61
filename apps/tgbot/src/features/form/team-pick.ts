// The answer to typed team names that do not name a team (unknown with the closest names,
// ambiguous with the choices, the same team twice): /form and /h2h say it the same way.
import type { Context } from 'telegraf';
import { replyHtml, textsFor } from '../../context/bot-context';
import type { TeamPick } from '../../services/team-context';
import { FORM_TEXTS } from './texts';

/** Replies for a pick that found no teams; returns the names when it did. */
export async function pickedOrReply(
  ctx: Context,
  pick: TeamPick,
): Promise<{ league: string; teams: string[] } | null> {
  const x = textsFor(ctx, FORM_TEXTS);
  switch (pick.status) {
    case 'found':
      return { league: pick.league, teams: pick.teams };
    case 'no_league':
      await replyHtml(ctx, x.noTeams);
      return null;
    case 'same_team':
      await replyHtml(ctx, x.sameTeam(pick.team));
      return null;
    case 'unknown': {
      const input = pick.input.slice(0, 60);
      const names = pick.suggestions.join(', ');
      await replyHtml(
        ctx,
        pick.reason === 'ambiguous' ? x.ambiguousTeam(input, names) : x.unknownTeam(input, names),
      );
      return null;
    }
  }
}
