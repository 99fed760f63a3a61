// The bot end to end, as ROLE=all runs it on the embedded default: a user in a Telegram chat
// (the local Bot API emulator) talks to the real bot, whose predictions come from the real worker
// over the in-process queue, from a champion trained on the real 2024/25 Premier League.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  findLeagueByCode,
  getChat,
  latestPredictionForFixture,
  listFixtures,
  listPredictions,
} from '@scoreline/db';
import { startBotSystem, type BotSystem } from '../test-support/bot-system';

let system: BotSystem;

beforeAll(async () => {
  system = await startBotSystem();
}, 120_000);
afterAll(() => system?.dispose());

const buttons = (m: { reply_markup?: { inline_keyboard?: Array<Array<{ text: string }>> } }) =>
  (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);

describe('commands', () => {
  it('When a Russian-speaking user sends /start, then the bot introduces itself in Russian with the data freshness', async () => {
    const chat = system.chat({ languageCode: 'ru' });

    await chat.send('/start');
    const [reply] = await chat.nextReplies(1);

    expect(reply!.text).toContain('Scoreline');
    expect(reply!.text).toContain('прогнозы футбольных матчей');
    expect(reply!.text).toContain('2025-05-25');
    expect((await getChat(system.db, chat.chatId))?.language).toBe('ru');
  });

  it('When an English-speaking user sends /help, then the command list is in English', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/help');
    const [reply] = await chat.nextReplies(1);

    expect(reply!.text).toContain('/predict');
    expect(reply!.text).toContain('match prediction');
  });

  it('When the bot starts, then a failing setMyCommands (the emulator lacks it) is logged and the bot still answers', async () => {
    const chat = system.chat();

    await chat.send('/help');
    await chat.nextReplies(1);

    expect(system.logs.some((l) => l.msg.startsWith('setMyCommands failed'))).toBe(true);
  });

  it('When a user asks /predict Arsenal - Chelsea, then the card shows every market and the prediction is stored for the user', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/predict Arsenal - Chelsea');
    const [card] = await chat.nextReplies(1, 10_000);

    expect(card!.text).toContain('Arsenal — Chelsea');
    for (const label of [
      'Home',
      'Draw',
      'Away',
      'Double chance',
      'Total 2.5',
      'Both teams score',
      'Expected goals',
      'Likely scores',
    ]) {
      expect(card!.text).toContain(label);
    }
    expect(card!.text).toMatch(/Model: \d{8}-\d{6}/);
    // The champion was fitted on 2024/25: its data is far older than three weeks.
    expect(card!.text).toMatch(
      /<b>⚠️ Data up to \d{1,2} May 2025 — older than three weeks; results since then are not in the model\.<\/b>/,
    );
    const percents = [
      ...card!.text.matchAll(/Home <b>(\d+)%<\/b> · Draw <b>(\d+)%<\/b> · Away <b>(\d+)%<\/b>/g),
    ][0]!;
    const sum = Number(percents[1]) + Number(percents[2]) + Number(percents[3]);
    expect(sum).toBeGreaterThanOrEqual(99);
    expect(sum).toBeLessThanOrEqual(101);
    const stored = (await listPredictions(system.db, {})).filter(
      (p) => p.requestedBy === chat.userId,
    );
    expect(stored).toHaveLength(1);
  });

  it('When names come with "vs", in Russian, or with a typo, then they resolve to the same teams', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/predict Арсенал — Челси');
    const [russian] = await chat.nextReplies(1, 10_000);
    await chat.send('/predict arsnal vs chelsae');
    const [typo] = await chat.nextReplies(1, 10_000);

    expect(russian!.text).toContain('Arsenal — Chelsea');
    expect(typo!.text).toContain('Arsenal — Chelsea');
  });

  it('When a name fits several teams, then the bot offers them as buttons and a press turns the message into the card', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/predict Man - Chelsea');
    const [question] = await chat.nextReplies(1, 10_000);
    expect(question!.text).toContain('fits several teams');
    const options = buttons(question!);
    expect(options).toHaveLength(2);
    const city = options.find((b) => b.includes('City'))!;
    expect(options.find((b) => b.includes('United'))).toBeDefined();

    const press = await chat.press(city);
    await press.answer();
    const [edited] = await chat.nextEdits(1, 10_000);

    expect(edited!.message_id).toBe(question!.message_id);
    expect(edited!.text).toMatch(/Man(chester)? City — Chelsea/);
    expect(buttons(edited!)).toEqual([]);
  });

  it('When a name is unknown, then the closest names come as buttons', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/predict Barcelona - Chelsea');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toContain('don’t know the team “Barcelona”');
    expect(buttons(reply!).length).toBeGreaterThan(0);
  });

  it('When a callback is forged or its choice unknown, then the bot answers politely and keeps working', async () => {
    const chat = system.chat({ languageCode: 'en' });
    await chat.send('/help');
    await chat.nextReplies(1);

    const forged = await chat.pressRaw('x:DROP TABLE chats');
    const unknownChoice = await chat.pressRaw('c:abcdef123456:0');
    const tooLong = await chat.pressRaw(`m:${'9'.repeat(70)}`);

    for (const press of [forged, unknownChoice, tooLong]) {
      expect((await press.answer()).text).toContain('expired');
    }
    await chat.send('/start');
    expect((await chat.nextReplies(1))[0]!.text).toContain('Scoreline');
  });

  it('When a message is 5,000 characters long, then the bot answers with the usage hint in messages within the limit', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send(`/predict ${'a'.repeat(4990)}`);
    const [reply] = await chat.nextReplies(1);

    expect(reply!.text).toContain('/predict Arsenal - Chelsea');
    expect(reply!.text.length).toBeLessThanOrEqual(4096);
  });

  it('When team names carry HTML, then what the bot sends has it escaped', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/predict <b>Arsenal</b> - <script>x</script>');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.parse_mode).toBe('HTML');
    expect(reply!.text).not.toContain('<script>');
    expect(reply!.text).toMatch(/&lt;(b|script)&gt;/);
  });

  it('When a user sends /model, then each champion is listed with its version and backtest figures', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/model');
    const [reply] = await chat.nextReplies(1);

    expect(reply!.text).toMatch(/<b>E0<\/b> · \d{8}-\d{6}/);
    expect(reply!.text).toMatch(/RPS 0\.\d{4}/);
  });

  it('When a user sends /today, then today’s fixtures come with probabilities and a button opens the match card', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const [todayId] = system.fixtureIds;

    await chat.send('/today');
    const [list] = await chat.nextReplies(1, 10_000);
    expect(list!.text).toContain('Arsenal — Chelsea');
    expect(list!.text).toMatch(/1 \d+% · X \d+% · 2 \d+%/);
    expect(list!.text).not.toContain('Brentford — Fulham');

    const press = await chat.press(buttons(list!).find((b) => b.includes('Arsenal'))!);
    await press.answer();
    const [card] = await chat.nextReplies(1, 10_000);

    expect(card!.text).toContain('Arsenal — Chelsea');
    expect(card!.text).toContain(`#${todayId}`);
    expect(card!.text).toContain('Kick-off');
  });

  it('When /league names a league, then its next matchday is listed; an unknown code lists the known ones', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/league e0');
    const [list] = await chat.nextReplies(1, 10_000);
    await chat.send('/league XX9');
    const [unknown] = await chat.nextReplies(1);
    await chat.send('/league E0 2025-13-40');
    const [badDate] = await chat.nextReplies(1);

    expect(list!.text).toContain('(E0)');
    expect(list!.text).toContain('Arsenal — Chelsea');
    expect(unknown!.text).toContain('Unknown league “XX9”');
    expect(unknown!.text).toContain('E0');
    expect(badDate!.text).toContain('YYYY-MM-DD');
  });

  it('When /match gets a fixture id, then the full card comes; an unknown id is said so', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const id = system.fixtureIds[2]!;

    await chat.send(`/match ${id}`);
    const [card] = await chat.nextReplies(1, 10_000);
    await chat.send('/match 99999999');
    const [missing] = await chat.nextReplies(1);

    expect(card!.text).toContain('Brentford — Fulham');
    expect(card!.text).toContain('Likely scores');
    expect(card!.text).toContain('⚠️ Data up to');
    expect(missing!.text).toContain('no match 99999999');
  });

  it('When /match names a finished match, then the card shows the result and says the forecast is not part of the track record', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const league = await findLeagueByCode(system.db, 'E0');
    const [played] = await listFixtures(system.db, {
      leagueId: league!.id,
      from: '2025-05-25',
      to: '2025-05-25',
      status: 'finished',
    });

    await chat.send(`/match ${played!.id}`);
    const [card] = await chat.nextReplies(1, 10_000);

    expect(card!.text).toContain(`Final score: <b>${played!.homeGoals}:${played!.awayGoals}</b>`);
    expect(card!.text).toContain('Computed after kick-off — not part of the track record.');
    expect(await latestPredictionForFixture(system.db, played!.id)).toBeNull();
  });

  it('When /predict comes alone, then upcoming fixtures are offered as buttons', async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/predict');
    const [reply] = await chat.nextReplies(1);

    expect(buttons(reply!).some((b) => b.includes('Liverpool – Everton'))).toBe(true);
    expect(buttons(reply!).some((b) => b.includes('Brentford – Fulham'))).toBe(true);
  });

  it('When a user repeats a command at once, then it is answered once; past the rate limit the user is told once', async () => {
    const dup = system.chat({ languageCode: 'en' });
    await dup.send('/help');
    await dup.send('/help');
    await dup.send('/start');
    await dup.nextReplies(2);
    expect(dup.allMessages().filter((m) => m.text.includes('<b>Commands</b>'))).toHaveLength(1);

    const flood = system.chat({ languageCode: 'en' });
    for (let i = 0; i < 12; i++) await flood.send(`/match ${900_000 + i}`);
    await flood.nextReplies(9, 10_000);
    const texts = flood.allMessages().map((m) => m.text);
    expect(texts.filter((t) => t.startsWith('Too many requests'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('no match'))).toHaveLength(8);
  });
});

describe('/table', () => {
  it("When a user asks /table E0, then the season's standings come from the stored results, champion first", async () => {
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/table E0');
    const [reply] = await chat.nextReplies(1);

    expect(reply!.text).toContain('<b>E0 2024/25</b>: 380 matches, through 2025-05-25');
    const rows = reply!.text
      .replace(/<\/?pre>/g, '')
      .split('\n')
      .filter((l) => /^ ?\d+ /.test(l));
    expect(rows).toHaveLength(20);
    expect(rows[0]).toMatch(/^ 1 Liverpool +38 +\+45 +84 [WDL]{5}$/);
    expect(rows[19]).toMatch(/^20 Southampton +38 .* 12 [WDL]{5}$/);
  });

  it('When a Russian-speaking user asks for a season with no results, an unknown league or a bad year, then each gets its own answer', async () => {
    const chat = system.chat({ languageCode: 'ru' });

    await chat.send('/table E0 2019');
    await chat.send('/table XX1');
    await chat.send('/table E0 19x9');
    const replies = await chat.nextReplies(3);

    // Each is answered as soon as it is known, so not necessarily in the order asked.
    expect(replies).toHaveLength(3);
    expect(replies.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        'Нет результатов E0 за сезон 2019/20.',
        expect.stringMatching(/^Не знаю лигу «XX1»\. Известные: .*E0/),
        expect.stringContaining('/table E0 2019'),
      ]),
    );
  });
});

describe('when the worker is down', () => {
  it('When the worker does not answer, then "calculating…" is replaced by a plain timeout message', async () => {
    await system.stopWorker();
    const chat = system.chat({ languageCode: 'en' });

    await chat.send('/predict Arsenal - Chelsea');
    const [placeholder] = await chat.nextReplies(1);
    expect(placeholder!.text).toContain('Calculating');
    const [edited] = await chat.nextEdits(1, 10_000);

    expect(edited!.message_id).toBe(placeholder!.message_id);
    expect(edited!.text).toContain('did not answer within 4 s');
  }, 20_000);
});
