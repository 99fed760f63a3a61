// Inline mode against a stub prediction service: what the bot answers Telegram, read from the
// answerInlineQuery calls it makes (intercepted before they leave).
import { describe, expect, it } from '@jest/globals';
import type { PredictPayload } from '@scoreline/queue';
import { Telegraf } from 'telegraf';
import type { BotServices } from '../../context/bot-context';
import type { CardMarkets } from '../../format/card';
import type { PredictionOutcome } from '../../services/predictions';
import { createTaskTracker } from '../../services/tasks';
import { registerInline, type InlineOptions } from './inline';

const TOKEN = '1234567:TEST-only-fake-token-not-a-secret-0';

const MARKETS: CardMarkets = {
  oneXTwo: { home: 0.5, draw: 0.3, away: 0.2 },
  doubleChance: { homeOrDraw: 0.8, homeOrAway: 0.7, drawOrAway: 0.5 },
  totals: [{ line: 2.5, over: 0.55, under: 0.45 }],
  bothTeamsToScore: { yes: 0.5, no: 0.5 },
  expectedGoals: { home: 1.6, away: 1.1 },
  mostLikelyScores: [{ home: 1, away: 1, p: 0.12 }],
};

const ok = (p: PredictPayload): PredictionOutcome => ({
  status: 'ok',
  league: 'E0',
  home: p.home === 'Арсенал' ? 'Arsenal' : p.home,
  away: p.away === 'Челси' ? 'Chelsea' : p.away,
  modelVersion: '20261128-100000',
  markets: MARKETS,
});

interface Answer {
  inline_query_id: string;
  results: Array<{
    id: string;
    type: string;
    title: string;
    reply_markup?: unknown;
    input_message_content: { message_text: string; parse_mode: string };
  }>;
  cache_time?: number;
  is_personal?: boolean;
}

function setUp(predict: (p: PredictPayload) => Promise<PredictionOutcome>, opts?: InlineOptions) {
  const bot = new Telegraf(TOKEN);
  // No getMe: the bot's identity is given.
  bot.botInfo = {
    id: 1,
    is_bot: true,
    first_name: 'Scoreline',
    username: 'scoreline_test_bot',
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
  };
  const answers: Answer[] = [];
  const asked: PredictPayload[] = [];
  bot.use((ctx, next) => {
    ctx.telegram.callApi = ((method: string, payload: object) => {
      if (method === 'answerInlineQuery') answers.push(payload as Answer);
      return Promise.resolve(true);
    }) as typeof ctx.telegram.callApi;
    Object.assign(ctx.state, { chat: null, locale: 'en' });
    return next();
  });
  const s = {
    predictions: {
      predict: (p: PredictPayload) => {
        asked.push(p);
        return predict(p);
      },
    },
    fixtures: { leagues: () => Promise.resolve([{ code: 'E0' }]) },
    tasks: createTaskTracker((err) => {
      throw err;
    }),
    simulated: false,
  } as unknown as BotServices;
  registerInline(bot, s, opts);
  let updateId = 0;
  const ask = async (query: string, userId = 7) => {
    await bot.handleUpdate({
      update_id: ++updateId,
      inline_query: {
        id: `q${updateId}`,
        from: { id: userId, is_bot: false, first_name: 'U' },
        query,
        offset: '',
      },
    });
    await s.tasks.drain(5_000);
    return answers.at(-1)!;
  };
  return { ask, answers, asked };
}

describe('inline mode', () => {
  it('When a user types two Russian team names, then the card is the one article, in HTML, cached and not personal', async () => {
    const { ask, asked } = setUp((p) => Promise.resolve(ok(p)));

    const answer = await ask('Арсенал Челси');

    expect(asked).toEqual([{ home: 'Арсенал', away: 'Челси', requestedBy: '7' }]);
    expect(answer.results).toHaveLength(1);
    const [article] = answer.results;
    expect(article!.title).toBe('Arsenal — Chelsea');
    expect(article!.input_message_content.parse_mode).toBe('HTML');
    expect(article!.input_message_content.message_text).toContain('<b>Arsenal — Chelsea</b>');
    expect(article!.input_message_content.message_text).toContain('Home <b>50%</b>');
    expect(answer.is_personal).toBe(false);
    expect(answer.cache_time).toBe(60);
  });

  it('When the worker is slower than the inline timeout, then a "try again" article is answered uncached, and the retry gets the late card without asking the worker again', async () => {
    let release: (() => void) | undefined;
    const { ask, asked } = setUp(
      (p) =>
        new Promise((resolve) => {
          release = () => resolve(ok(p));
        }),
      { timeoutMs: 30 },
    );

    const first = await ask('Arsenal - Chelsea');
    release!();
    await new Promise((r) => setImmediate(r));
    const second = await ask('arsenal - chelsea');

    expect(first.results[0]!.id).toMatch(/^retry:/);
    expect(first.cache_time).toBe(0);
    expect(second.results[0]!.input_message_content.message_text).toContain('Arsenal — Chelsea');
    expect(asked).toHaveLength(1);
  });

  it('When the query is empty or not two teams, then a help article is answered and the worker is not asked', async () => {
    const { ask, asked } = setUp((p) => Promise.resolve(ok(p)));

    const empty = await ask('');
    const words = await ask('who wins tonight then');

    expect(empty.results.map((r) => r.id)).toEqual(['help']);
    expect(words.results.map((r) => r.id)).toEqual(['help']);
    expect(asked).toHaveLength(0);
  });

  it('When a team is unknown, then the article says so with the suggestions and carries no buttons', async () => {
    const { ask } = setUp(() =>
      Promise.resolve({
        status: 'unknown_team',
        which: 'home',
        reason: 'unknown',
        input: 'Arsnal',
        suggestions: ['Arsenal'],
      }),
    );

    const answer = await ask('Arsnal Chelsea');

    const [article] = answer.results;
    expect(article!.id).toMatch(/^problem:/);
    expect(article!.input_message_content.message_text).toContain('Arsnal');
    expect(article!.input_message_content.message_text).toContain('Arsenal');
    expect(article!.reply_markup).toBeUndefined();
  });

  it('When one user sends more inline queries than the inline guard allows, then the excess gets an empty answer without asking the worker', async () => {
    const { ask, asked } = setUp((p) => Promise.resolve(ok(p)), { flood: { max: 2 } });

    await ask('Arsenal Chelsea');
    await ask('Liverpool Everton');
    const third = await ask('Brentford Fulham');
    const otherUser = await ask('Brentford Fulham', 8);

    expect(third.results).toEqual([]);
    expect(asked).toHaveLength(3);
    expect(otherUser.results).toHaveLength(1);
  });
});
