// /value, /compare and inline mode end to end: the real bot and worker over the emulator, with
// pre-match odds written for the scheduled fixtures (the imported season's odds are all for
// finished matches), priced so that the model beats the market on one outcome and not on others.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { upsertFixtureOdds, type OddsInput } from '@scoreline/db';
import type { PredictResult } from '@scoreline/queue';
import { createBot } from '@scoreline/tgbot';
import type { TestChat } from '@scoreline/bot-api-emulator';
import {
  acceptTerms,
  flagPredictable,
  startBotSystem,
  TEST_TOKEN,
  type BotSystem,
} from '../test-support/bot-system';

let system: BotSystem;
/** The champion's 1X2 for Arsenal – Chelsea (stored, so the bot reuses exactly these numbers). */
let model: { home: number; draw: number; away: number };
/** Arsenal – Chelsea prices at Pinnacle: home priced long (value), draw and away short. */
let prices: { home: number; draw: number; away: number };

const ODDS_BASE = { kind: 'pre', collectedAt: new Date(), source: 'test' } as const;

beforeAll(async () => {
  system = await startBotSystem({ front: true });
  // /value speaks only in a league whose champion is flagged predictable.
  await flagPredictable(system.db, 'E0', true);
  const [arsenalChelsea, liverpoolEverton] = system.fixtureIds as [number, number, number];
  const result: PredictResult = await system.queue.request(
    'predict',
    { league: 'E0', home: 'Arsenal', away: 'Chelsea', fixtureId: arsenalChelsea },
    { timeoutMs: 20_000 },
  );
  if (result.status !== 'ok') throw new Error(`no prediction: ${result.status}`);
  const [h, d, a] = result.probs;
  model = { home: h, draw: d, away: a };
  // Market probabilities 8 p.p. under the model at home, 4 p.p. over it on draw and away, with a
  // 5% margin on top.
  const market = { home: h - 0.08, draw: d + 0.04, away: a + 0.04 };
  const price = (p: number) => Math.round((1 / (p * 1.05)) * 100) / 100;
  prices = { home: price(market.home), draw: price(market.draw), away: price(market.away) };
  const oneXTwo = (bookmaker: string, p: typeof prices): Omit<OddsInput, 'fixtureId'> => ({
    ...ODDS_BASE,
    bookmaker,
    market: '1x2',
    priceHome: p.home,
    priceDraw: p.draw,
    priceAway: p.away,
  });
  await upsertFixtureOdds(system.db, arsenalChelsea, [oneXTwo('PS', prices)]);
  await upsertFixtureOdds(system.db, liverpoolEverton, [
    oneXTwo('PS', { home: 1.5, draw: 4.6, away: 7.2 }),
    oneXTwo('B365', { home: 1.47, draw: 4.5, away: 6.5 }),
    {
      ...ODDS_BASE,
      bookmaker: 'PS',
      market: 'ou_2.5',
      line: 2.5,
      priceOver: 1.62,
      priceUnder: 2.4,
    },
  ]);
}, 180_000);
afterAll(() => system?.dispose());

/** Waits until one of the chat's messages contains `text` (the answer may replace "calculating…"). */
async function messageWith(chat: TestChat, text: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = chat.allMessages().find((m) => (m.text ?? '').includes(text));
    if (found) return found;
    if (Date.now() > until) {
      throw new Error(`no message with "${text}": ${JSON.stringify(chat.allMessages())}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const buttons = (m: { reply_markup?: { inline_keyboard?: Array<Array<{ text: string }>> } }) =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);

describe('/value', () => {
  it('When a user asks /value, then the outcome the model rates above the de-vigged price is listed with its edge and EV, fixtures without odds are counted, and the button opens the card', async () => {
    const chat = system.chat({ languageCode: 'en' });
    await acceptTerms(chat);

    await chat.send('/value');
    const reply = await messageWith(chat, 'Model vs bookmakers');
    await messageWith(chat, 'Bet only what you can afford to lose');

    // Our own de-vig of the stored prices: implied probabilities normalised to 1.
    const implied = [prices.home, prices.draw, prices.away].map((p) => 1 / p);
    const marketHome = implied[0]! / implied.reduce((s, x) => s + x, 0);
    const pp = ((model.home - marketHome) * 100).toFixed(1);
    const ev = ((model.home * prices.home - 1) * 100).toFixed(1);
    const text = chat.allMessages().find((m) => m.message_id === reply.message_id)!.text;
    expect(text).toContain('Arsenal — Chelsea');
    expect(text).toContain(
      `Home: model ${(model.home * 100).toFixed(1)}% · market ${(marketHome * 100).toFixed(1)}%` +
        ` · edge +${pp} p.p. · EV ${Number(ev) >= 0 ? '+' : ''}${ev}% at ${prices.home.toFixed(2)} (PS)`,
    );
    // Draw and away are priced short: the model does not beat the market there.
    const arsenalEntries = text.split('\n').filter((l) => l.includes('Arsenal — Chelsea'));
    expect(arsenalEntries).toHaveLength(1);
    expect(text).toContain('Fixtures without odds: 1.');
    expect(buttons(reply)).toContain('Arsenal – Chelsea');

    await chat.press('Arsenal – Chelsea');
    const card = await messageWith(chat, 'Double chance');
    expect(card.text).toContain('Arsenal — Chelsea');
  });

  it('When a Russian-speaking user asks /value for an unknown league, then the known leagues are named', async () => {
    const chat = system.chat({ languageCode: 'ru' });
    await acceptTerms(chat);

    await chat.send('/value XX9');
    const [reply] = await chat.nextReplies(1);

    expect(reply!.text).toContain('XX9');
    expect(reply!.text).toContain('E0');
  });

  it('When a Russian-speaking user asks /value E0, then the list is in Russian with the responsible-gambling line', async () => {
    const chat = system.chat({ languageCode: 'ru' });
    await acceptTerms(chat);

    await chat.send('/value E0');
    const reply = await messageWith(chat, 'Модель против букмекеров');

    expect(reply.text).toContain('П1: модель');
    expect(reply.text).toContain('Матчей без коэффициентов: 1.');
    expect(reply.text).toContain('18+');
  });

  it("When the league's model trails the market, then /value E0 says so with the RPS figures and lists no edge", async () => {
    const chat = system.chat({ languageCode: 'en' });
    await acceptTerms(chat);
    await flagPredictable(system.db, 'E0', false);
    try {
      await chat.send('/value E0');
      const reply = await messageWith(chat, 'no value bets');

      expect(reply.text).toContain(
        'E0: no value bets — the model trails the market: model RPS 0.2135',
      );
      expect(reply.text).toContain('against 0.2000');
      expect(reply.text).not.toContain('Arsenal — Chelsea');
    } finally {
      await flagPredictable(system.db, 'E0', true);
    }
  });
});

describe('/compare', () => {
  it('When a user compares a priced fixture, then every bookmaker appears with the model and the over/under market', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send(`/compare ${system.fixtureIds[1]}`);
    const reply = await messageWith(chat, 'Liverpool — Everton');

    const text = reply.text;
    expect(text).toMatch(
      /Model: Home <b>\d+\.\d%<\/b> · Draw <b>\d+\.\d%<\/b> · Away <b>\d+\.\d%<\/b>/,
    );
    expect(text).toMatch(/<b>PS<\/b>: Home \d+\.\d% \([+-]\d+\.\d, EV [+-]\d+\.\d% @ 1\.50\)/);
    expect(text).toMatch(/<b>B365<\/b>: Home \d+\.\d% \([+-]\d+\.\d, EV [+-]\d+\.\d% @ 1\.47\)/);
    expect(text).toContain('Total 2.5');
    expect(text).toMatch(/<b>PS<\/b>: Over 2\.5 \d+\.\d% \([+-]\d+\.\d, EV [+-]\d+\.\d% @ 1\.62\)/);
    expect(text).toContain('Bet only what you can afford to lose');
  });

  it('When a user compares a fixture without odds or an unknown id, then a plain message says so', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send(`/compare ${system.fixtureIds[2]}`);
    await messageWith(chat, `There are no pre-match odds for match ${system.fixtureIds[2]}`);
    await chat.send('/compare 987654');
    await messageWith(chat, 'There is no match 987654');
  });
});

describe('inline mode', () => {
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const from = { id: 4242, is_bot: false, first_name: 'Inline', language_code: 'en' };

  it('When a user types "@bot Arsenal Chelsea", then the answer is one HTML article whose message is the prediction card', async () => {
    const { bot, services } = createBot({
      token: TEST_TOKEN,
      apiRoot: system.front!.apiRoot,
      defaultLocale: 'ru',
      logger: quiet,
      db: system.db,
      queue: system.queue,
    });

    await bot.handleUpdate({
      update_id: 1,
      inline_query: { id: 'iq-1', from, query: 'Arsenal Chelsea', offset: '', chat_type: 'sender' },
    });
    await services.tasks.drain(10_000);

    const call = system
      .front!.calls('answerInlineQuery')
      .find((c) => c.body.inline_query_id === 'iq-1');
    expect(call).toBeDefined();
    const body = call!.body as {
      results: string | Array<Record<string, unknown>>;
      cache_time?: number | string;
      is_personal?: boolean | string;
    };
    const results = (
      typeof body.results === 'string' ? JSON.parse(body.results) : body.results
    ) as Array<{
      type: string;
      title: string;
      input_message_content: { message_text: string; parse_mode: string };
    }>;
    expect(results).toHaveLength(1);
    expect(results[0]!.type).toBe('article');
    expect(results[0]!.title).toBe('Arsenal — Chelsea');
    expect(results[0]!.input_message_content.parse_mode).toBe('HTML');
    const card = results[0]!.input_message_content.message_text;
    expect(card).toContain('<b>Arsenal — Chelsea</b>');
    expect(card).toContain('Double chance');
    expect(card).toContain(`Home <b>${Math.round(model.home * 100)}%</b>`);
    expect(String(body.is_personal)).toBe('false');
    expect(Number(body.cache_time)).toBeGreaterThan(0);
  });

  it('When a Russian-speaking user types "Арсенал Челси" or "Arsenal - Chelsea", then both get the card, the first in Russian', async () => {
    const { bot, services } = createBot({
      token: TEST_TOKEN,
      apiRoot: system.front!.apiRoot,
      defaultLocale: 'en',
      logger: quiet,
      db: system.db,
      queue: system.queue,
    });
    const ru = { ...from, id: 4243, language_code: 'ru' };

    await bot.handleUpdate({
      update_id: 3,
      inline_query: { id: 'iq-3', from: ru, query: 'Арсенал Челси', offset: '' },
    });
    await bot.handleUpdate({
      update_id: 4,
      inline_query: { id: 'iq-4', from, query: 'Arsenal - Chelsea', offset: '' },
    });
    await services.tasks.drain(10_000);

    const cardOf = (id: string) => {
      const raw = system
        .front!.calls('answerInlineQuery')
        .find((c) => c.body.inline_query_id === id)!.body.results;
      const results = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
        input_message_content: { message_text: string };
      }>;
      return results[0]!.input_message_content.message_text;
    };
    expect(cardOf('iq-3')).toContain('<b>Arsenal — Chelsea</b>');
    expect(cardOf('iq-3')).toContain(`П1 <b>${Math.round(model.home * 100)}%</b>`);
    expect(cardOf('iq-4')).toContain(`Home <b>${Math.round(model.home * 100)}%</b>`);
  });

  it('When the inline query is not two teams, then a help article is offered', async () => {
    const { bot, services } = createBot({
      token: TEST_TOKEN,
      apiRoot: system.front!.apiRoot,
      defaultLocale: 'ru',
      logger: quiet,
      db: system.db,
      queue: system.queue,
    });

    await bot.handleUpdate({
      update_id: 2,
      inline_query: { id: 'iq-2', from, query: '', offset: '' },
    });
    await services.tasks.drain(10_000);

    const call = system
      .front!.calls('answerInlineQuery')
      .find((c) => c.body.inline_query_id === 'iq-2');
    const raw = call!.body.results;
    const results = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ id: string }>;
    expect(results.map((r) => r.id)).toEqual(['help']);
  });
});
