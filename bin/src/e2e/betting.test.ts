// Terms, value alerts and the paper portfolio end to end (issue #19): the real bot and worker over
// the emulator. Odds are written for the scheduled fixtures and the settle job — which follows
// every sync — is asked for directly, as a sync would.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  getTermsAcceptance,
  listPicks,
  upsertFixture,
  upsertFixtureOdds,
  getFixture,
  type OddsInput,
} from '@scoreline/db';
import type { PredictResult, SettleResult } from '@scoreline/queue';
import type { TestChat } from '@scoreline/bot-api-emulator';
import {
  acceptTerms,
  flagPredictable,
  startBotSystem,
  type BotSystem,
} from '../test-support/bot-system';

let system: BotSystem;
/** Liverpool – Everton (kick-off in four hours): the model's 1X2 and the Pinnacle prices. */
let fixtureId: number;
let prices: { home: number; draw: number; away: number };

/** What an alert message starts with (the /alerts settings say "Value alerts"). */
const ALERT = 'Value alert</b> · E0';
const ODDS_BASE = { kind: 'pre', collectedAt: new Date(), source: 'test' } as const;
const oneXTwo = (
  p: { home: number; draw: number; away: number },
  kind: 'pre' | 'close' = 'pre',
): Omit<OddsInput, 'fixtureId'> => ({
  ...ODDS_BASE,
  kind,
  bookmaker: 'PS',
  market: '1x2',
  priceHome: p.home,
  priceDraw: p.draw,
  priceAway: p.away,
});

beforeAll(async () => {
  // A user here sends more than the flood guard's 8 requests in 20 s: the guard has its own tests.
  system = await startBotSystem({ tgbot: { flood: { max: 100 } } });
  await flagPredictable(system.db, 'E0', true);
  fixtureId = system.fixtureIds[1]!;
  const result: PredictResult = await system.queue.request(
    'predict',
    { league: 'E0', home: 'Liverpool', away: 'Everton', fixtureId },
    { timeoutMs: 20_000 },
  );
  if (result.status !== 'ok') throw new Error(`no prediction: ${result.status}`);
  const [h, d, a] = result.probs;
  // Market 8 p.p. under the model at home, 4 p.p. over it on draw and away, 5% margin on top.
  const price = (p: number) => Math.round((1 / (p * 1.05)) * 100) / 100;
  prices = { home: price(h - 0.08), draw: price(d + 0.04), away: price(a + 0.04) };
}, 180_000);
afterAll(() => system?.dispose());

const settle = async (): Promise<Extract<SettleResult, { status: 'ok' }>> => {
  const r = await system.queue.request('settle', {}, { timeoutMs: 30_000 });
  if (r.status !== 'ok') throw new Error(`settle: ${JSON.stringify(r)}`);
  return r;
};

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
const count = (chat: TestChat, text: string) =>
  chat.allMessages().filter((m) => (m.text ?? '').includes(text)).length;

describe('terms gate', () => {
  it('When a new user sends /portfolio, then the terms come with "I accept"; after accepting, the acceptance is stored with its time and /portfolio answers', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/portfolio');
    const [gate] = await chat.nextReplies(1);
    expect(gate!.text).toContain('Before your first /portfolio, please accept the terms.');
    expect(gate!.text).toContain('18+');
    expect(gate!.text).toContain('begambleaware.org');
    expect(buttons(gate!)).toEqual(['I accept']);
    expect(await getTermsAcceptance(system.db, chat.userId)).toBeNull();

    const before = Date.now();
    const pressed = await chat.press('I accept');
    expect((await pressed.answer()).text).toBe('Terms accepted');
    const [ok] = await chat.nextReplies(1);
    expect(ok!.text).toContain('Send /portfolio again');
    const stored = await getTermsAcceptance(system.db, chat.userId);
    expect(stored!.acceptedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    await chat.send('/portfolio');
    const [reply] = await chat.nextReplies(1);
    expect(reply!.text).toContain('Paper portfolio');
  });

  it('When a Russian-speaking user sends /value before accepting, then the gate answers in Russian and nothing is computed', async () => {
    const chat = system.chat({ languageCode: 'ru' });

    await chat.send('/value');
    const [gate] = await chat.nextReplies(1);

    expect(gate!.text).toContain('Перед первым /value');
    expect(buttons(gate!)).toEqual(['Принимаю']);
  });
});

describe('value alerts and the paper portfolio', () => {
  let alertChat: TestChat;
  let quietChat: TestChat;

  it('When odds give the model an 8 p.p. edge, then an alert with its buttons is delivered once, and the next sync sends nothing again', async () => {
    alertChat = system.chat({ languageCode: 'en' });
    await acceptTerms(alertChat);
    await alertChat.send('/alerts on');
    const [settings] = await alertChat.nextReplies(1);
    expect(settings!.text).toContain('Value alerts</b>: on');
    expect(settings!.text).toContain('Minimum edge: 5 p.p.');

    await upsertFixtureOdds(system.db, fixtureId, [oneXTwo(prices)]);
    const first = await settle();
    expect(first.alerts).toBe(1);
    const alert = await messageWith(alertChat, ALERT);
    expect(alert.text).toContain('Liverpool — Everton');
    expect(alert.text).toContain(`Home at <b>${prices.home.toFixed(2)}</b> (PS)`);
    expect(buttons(alert)).toEqual(['Track it', 'Match card', 'Mute E0']);

    const second = await settle();
    expect(second.alerts).toBe(0);
    expect(count(alertChat, ALERT)).toBe(1);
    await alertChat.press('Match card');
    const card = await messageWith(alertChat, 'Double chance');
    expect(card.text).toContain('Liverpool — Everton');
  });

  it('When the alert would come in quiet hours, then it is held back and comes with the first sync after them', async () => {
    const chat = (quietChat = system.chat({ languageCode: 'en' }));
    await acceptTerms(chat);
    // Quiet from an hour ago to an hour ahead, in the chat's zone (Moscow by default).
    const hhmm = (ms: number) =>
      new Date(ms).toLocaleTimeString('en-GB', {
        timeZone: 'Europe/Moscow',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    await chat.send(
      `/alerts quiet ${hhmm(Date.now() - 3_600_000)}-${hhmm(Date.now() + 3_600_000)}`,
    );
    await chat.nextReplies(1);
    await chat.send('/alerts on');
    await chat.nextReplies(1);

    const quiet = await settle();
    expect(quiet.alerts).toBe(0);
    expect(count(chat, ALERT)).toBe(0);

    await chat.send('/alerts quiet off');
    await chat.nextReplies(1);
    const after = await settle();
    expect(after.alerts).toBe(1);
    await messageWith(chat, ALERT);
  });

  it('When a tracked flat pick wins, then P/L, ROI, hit rate and CLV against the de-vigged closing price are as computed by hand, and the chart and CSV are sent', async () => {
    await alertChat.send('/portfolio flat');
    await messageWith(alertChat, 'staking: flat 1 unit');
    const pressed = await alertChat.press('Track it');
    expect((await pressed.answer()).text).toContain('Tracked: Liverpool — Everton, Home @');
    const [pick] = await listPicks(system.db, alertChat.chatId);
    expect(pick).toMatchObject({ market: '1x2', side: 'home', price: prices.home, stake: 1 });

    // Closing prices 2.00 / 3.60 / 4.00: implied 0.5 + 0.2778 + 0.25 = 1.0278, fair home 0.4865.
    await upsertFixtureOdds(system.db, fixtureId, [
      oneXTwo({ home: 2, draw: 3.6, away: 4 }, 'close'),
    ]);
    const f = (await getFixture(system.db, fixtureId))!;
    await upsertFixture(system.db, {
      leagueId: f.leagueId,
      kickoffAt: f.kickoffAt,
      homeTeamId: f.homeTeamId,
      awayTeamId: f.awayTeamId,
      status: 'finished',
      homeGoals: 2,
      awayGoals: 0,
      source: 'test',
    });
    expect((await settle()).picks).toBe(1);

    const fairHome = 0.5 / (0.5 + 1 / 3.6 + 0.25);
    const clv = prices.home * fairHome - 1;
    const profit = prices.home - 1;
    await alertChat.send('/portfolio');
    const summary = await messageWith(alertChat, 'Picks: 1 (0 open) · settled 1 · won 1');
    expect(summary.text).toContain(
      `Staked 1.00 u · P/L <b>+${profit.toFixed(2)} u</b> · ROI +${(profit * 100).toFixed(1)}% · ` +
        `hit rate 100.0% · CLV ${clv > 0 ? '+' : ''}${(clv * 100).toFixed(1)}%`,
    );

    await alertChat.press('Chart');
    await alertChat.press('CSV');
    const until = Date.now() + 15_000;
    while (alertChat.files().length < 2 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const files = alertChat.files();
    expect(files.map((x) => x.kind).sort()).toEqual(['document', 'photo']);
    expect(
      files
        .find((x) => x.kind === 'photo')!
        .data.subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const csv = files.find((x) => x.kind === 'document')!;
    expect(csv.filename).toBe('portfolio.csv');
    const [, row] = csv.data.toString('utf8').trim().split('\n');
    expect(row).toContain(`,1x2,home,PS,${prices.home},`);
    expect(row).toContain(`,${profit.toFixed(2)},${fairHome.toFixed(4)},${clv.toFixed(4)}`);
  });

  it('When the alert\'s "mute" button is pressed, then alerts from its league stop for that chat', async () => {
    const pressed = await alertChat.press('Mute E0');
    expect((await pressed.answer()).text).toBe('Alerts for E0 are off');

    await alertChat.send('/alerts');
    const settings = await messageWith(alertChat, 'muted: E0');
    expect(settings.text).toContain('Value alerts</b>: on');

    // A new E0 edge (Brentford – Fulham): only the chat that did not mute E0 hears of it.
    const other = system.fixtureIds[2]!;
    const result: PredictResult = await system.queue.request(
      'predict',
      { league: 'E0', home: 'Brentford', away: 'Fulham', fixtureId: other },
      { timeoutMs: 20_000 },
    );
    if (result.status !== 'ok') throw new Error(`no prediction: ${result.status}`);
    const [h, d, a] = result.probs;
    const price = (p: number) => Math.round((1 / (p * 1.05)) * 100) / 100;
    await upsertFixtureOdds(system.db, other, [
      oneXTwo({ home: price(h - 0.08), draw: price(d + 0.04), away: price(a + 0.04) }),
    ]);
    expect((await settle()).alerts).toBe(1);
    await messageWith(quietChat, 'Brentford — Fulham');
    expect(count(alertChat, 'Brentford — Fulham')).toBe(0);
  });
});
