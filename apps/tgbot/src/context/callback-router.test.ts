import { describe, expect, it } from '@jest/globals';
import type { Context } from 'telegraf';
import { boundedInt, defineCallback } from '../callbacks/codec';
import { MESSAGES } from '../i18n/messages';
import type { BotServices } from './bot-context';
import { callbackRouter } from './callback-router';
import { callbackRoute } from './feature';

const open = defineCallback<{ kind: 'open'; id: number }>({
  prefix: 'o',
  kind: 'open',
  fields: (a) => [a.id],
  parse(fields) {
    const id = fields.length === 1 ? boundedInt(fields[0], 1, 99) : null;
    return id === null ? null : { kind: 'open', id };
  },
});
const page = defineCallback<{ kind: 'page'; n: number }>({
  prefix: 'pg',
  kind: 'page',
  fields: (a) => [a.n],
  parse: (fields) => (fields.length === 1 && fields[0] === '2' ? { kind: 'page', n: 2 } : null),
});

function press(data: string, chat = true) {
  const answers: Array<string | undefined> = [];
  const ctx = {
    state: { locale: 'en', chat: null },
    chat: chat ? { id: 1, type: 'private' } : undefined,
    callbackQuery: { id: 'q', data, message: { message_id: 41 } },
    answerCbQuery: (text?: string) => {
      answers.push(text);
      return Promise.resolve(true);
    },
  } as unknown as Context;
  return { ctx, answers };
}

function router() {
  const handled: unknown[] = [];
  const s = {} as BotServices;
  const middleware = callbackRouter(
    [
      callbackRoute(open, async (ctx, _s, action, messageId) => {
        handled.push(['open', action, messageId]);
        await ctx.answerCbQuery();
      }),
      callbackRoute(page, async (ctx, _s, action) => {
        handled.push(['page', action]);
        await ctx.answerCbQuery();
      }),
    ],
    s,
  );
  const run = (ctx: Context) => middleware(ctx, () => Promise.resolve());
  return { run, handled };
}

describe('callback router', () => {
  it('When a button is pressed, then the route owning its prefix gets the decoded action and the message id', async () => {
    const { run, handled } = router();
    const first = press(open.encode({ kind: 'open', id: 7 }));
    const second = press('pg:2');

    await run(first.ctx);
    await run(second.ctx);

    expect(handled).toEqual([
      ['open', { kind: 'open', id: 7 }, 41],
      ['page', { kind: 'page', n: 2 }],
    ]);
    expect(first.answers).toEqual([undefined]);
  });

  it.each([['x:1'], ['o:0'], ['o:7:8'], ['pg:3'], [''], ['o']])(
    'When the data is %j (unknown prefix or fields that do not decode), then the press is answered as stale and nothing runs',
    async (data) => {
      const { run, handled } = router();
      const { ctx, answers } = press(data);

      await run(ctx);

      expect(handled).toEqual([]);
      expect(answers).toEqual([MESSAGES.en.staleButton]);
    },
  );

  it('When a press carries no chat (an inline message), then it is answered as stale', async () => {
    const { run, handled } = router();
    const { ctx, answers } = press('o:7', false);

    await run(ctx);

    expect(handled).toEqual([]);
    expect(answers).toEqual([MESSAGES.en.staleButton]);
  });

  it('When two features claim one prefix, then building the router fails', () => {
    const again = callbackRoute(open, () => Promise.resolve());
    expect(() => callbackRouter([again, again], {} as BotServices)).toThrow(/registered twice/);
  });

  it('When a prefix is not 1-4 letters, then the codec is refused', () => {
    expect(() =>
      defineCallback<{ kind: 'bad' }>({
        prefix: 'a:b',
        kind: 'bad',
        fields: () => [],
        parse: () => null,
      }),
    ).toThrow(/1-4 letters/);
  });
});
