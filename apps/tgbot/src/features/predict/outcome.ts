// A prediction as the chat sees it: the card, or the message (and buttons) for an answer that is
// not one. /predict, the match card, /compare and inline mode all show predictions this way.
import type { Html } from '@scoreline/queue';
import type { Context } from 'telegraf';
import { joinHtml } from '@scoreline/queue';
import {
  chatState,
  t,
  timeZoneOf,
  type BotServices,
  type Keyboard,
} from '../../context/bot-context';
import { dataFreshness, renderCard } from '../../format/card';
import { formatKickoff } from '../../format/time';
import type { MatchQuery } from '../../input/parse-match';
import type { PredictionOutcome } from '../../services/predictions';
import { choiceButton } from './buttons';

/** The card, or the message and buttons for an answer that is not one. */
export function renderOutcome(
  ctx: Context,
  s: BotServices,
  query: MatchQuery,
  outcome: PredictionOutcome,
  extra: { kickoff?: Date; result?: { home: number; away: number }; fixtureId?: number } = {},
): { text: Html; keyboard?: Keyboard } {
  const m = t(ctx);
  const { locale } = chatState(ctx);
  switch (outcome.status) {
    case 'ok': {
      const data = outcome.dataThrough ? dataFreshness(outcome.dataThrough, s.now(), locale) : null;
      return {
        text: renderCard(m.card, {
          home: outcome.home,
          away: outcome.away,
          league: outcome.league,
          modelVersion: outcome.modelVersion,
          markets: outcome.markets,
          ...(extra.kickoff
            ? { kickoff: formatKickoff(extra.kickoff, locale, timeZoneOf(ctx)) }
            : {}),
          ...(extra.result ? { result: extra.result } : {}),
          ...(extra.fixtureId !== undefined ? { fixtureId: extra.fixtureId } : {}),
          ...(outcome.afterKickoff ? { afterKickoff: true } : {}),
          ...(data ? { data } : {}),
        }),
      };
    }
    case 'unknown_team': {
      const input = outcome.input;
      const head = outcome.reason === 'ambiguous' ? m.ambiguousTeam(input) : m.unknownTeam(input);
      if (outcome.suggestions.length === 0)
        return { text: joinHtml([head, m.noSuggestions], '\n') };
      const stashId = s.choices.put(
        outcome.suggestions.map((name) => ({ query, which: outcome.which, name })),
      );
      return {
        text: head,
        keyboard: outcome.suggestions.map((name, index) => [
          { text: name, callback_data: choiceButton.encode({ kind: 'choice', stashId, index }) },
        ]),
      };
    }
    case 'same_team':
      return { text: m.sameTeam(outcome.team) };
    case 'no_model':
      return { text: m.noModel(outcome.league) };
    case 'timeout':
      return {
        text: outcome.busy ? m.busy : m.timeout(Math.round(outcome.timeoutMs / 1000)),
      };
  }
}
