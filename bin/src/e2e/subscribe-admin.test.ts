// Digests, settings and the admin commands end to end: a user in the Bot API emulator talks to
// the real bot; the digest comes from the real worker's digest scan (run here with a chosen
// clock) through the outbox the bot delivers; admin jobs run on the real worker.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getChat, getFixture, listSubscriptions } from '@scoreline/db';
import { existsSync } from 'node:fs';
import type { TestChat } from '@scoreline/bot-api-emulator';
import { startBotSystem, type BotSystem } from '../test-support/bot-system';

const ADMIN_ID = 880_001;
const RU_UNKNOWN = 'Не знаю такой команды. /help — список команд.';
const EN_UNKNOWN = 'Unknown command. /help lists the commands.';

let system: BotSystem;

beforeAll(async () => {
  // No scheduler: the only digest scans are the ones these tests run, with their own clock.
  system = await startBotSystem({
    front: true,
    env: { ADMIN_IDS: String(ADMIN_ID), ENABLE_SCHEDULER: '0' },
  });
}, 120_000);
afterAll(() => system?.dispose());

/** `HH:MM` and `YYYY-MM-DD` of an instant in a zone. */
function localClock(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

const digestScan = (now: Date) =>
  system.queue.request('digest', { now: now.toISOString() }, { timeoutMs: 20_000 });

describe('digests', () => {
  it('When a Tokyo user subscribes to E0 at a minute, then the digest scans of that minute deliver one digest with the fixtures’ probabilities, and the minute before sends nothing', async () => {
    const chat = system.chat({ languageCode: 'ru' });
    await chat.send('/settings tz Asia/Tokyo');
    const [zoneReply] = await chat.nextReplies(1);
    expect(zoneReply!.text).toContain('Asia/Tokyo');
    expect((await getChat(system.db, chat.chatId))?.timezone).toBe('Asia/Tokyo');

    // An hour from now: the next 24 hours then hold the +4 h fixture (Liverpool – Everton) and
    // not the +26 h one.
    const due = new Date(Math.floor((Date.now() + 3_600_000) / 60_000) * 60_000);
    const hhmm = localClock(due, 'Asia/Tokyo');
    await chat.send(`/subscribe ${hhmm} E0`);
    const [confirmation] = await chat.nextReplies(1);
    expect(confirmation!.text).toContain(hhmm);
    expect(confirmation!.text).toContain('Premier League (E0)');
    expect(confirmation!.text).toContain('Asia/Tokyo');
    const subs = await listSubscriptions(system.db, { chatId: chat.chatId });
    expect(subs.map((s) => [s.time, s.leagueCode])).toEqual([[hhmm, 'E0']]);

    const before = await digestScan(new Date(due.getTime() - 60_000));
    const first = await digestScan(due);
    const again = await digestScan(new Date(due.getTime() + 20_000));

    expect(before).toEqual({ status: 'ok', queued: 0 });
    expect(first).toEqual({ status: 'ok', queued: 1 });
    expect(again).toEqual({ status: 'ok', queued: 0 });
    const [digest] = await chat.nextReplies(1, 10_000);
    expect(digest!.text).toContain('Прогнозы на ближайшие 24 часа');
    expect(digest!.text).toContain('Liverpool — Everton');
    expect(digest!.text).not.toContain('Brentford');
    const expected = await system.queue.request(
      'predict',
      { league: 'E0', home: 'Liverpool', away: 'Everton' },
      { timeoutMs: 10_000 },
    );
    if (expected.status !== 'ok') throw new Error(`prediction: ${expected.status}`);
    const pct = (p: number) => `${Math.round(p * 100)}%`;
    const [h, d, a] = expected.probs;
    expect(digest!.text).toContain(`Liverpool — Everton: 1 ${pct(h)} · X ${pct(d)} · 2 ${pct(a)}`);
    // Kick-off in Tokyo time.
    const fixture = await getFixture(system.db, system.fixtureIds[1]!);
    expect(digest!.text).toContain(
      `<b>${localClock(fixture!.kickoffAt, 'Asia/Tokyo')}</b> Liverpool — Everton`,
    );

    // Exactly once: a round trip later, still one digest in the chat.
    await chat.send('/help');
    await chat.nextReplies(1);
    const digests = chat
      .allMessages()
      .filter((m) => m.text.includes('Прогнозы на ближайшие 24 часа'));
    expect(digests).toHaveLength(1);
    expect((await listSubscriptions(system.db, { chatId: chat.chatId }))[0]!.lastSentOn).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(due),
    );
  }, 60_000);

  it('When a user sends a bad time or an unknown zone, then the bot explains and nothing changes', async () => {
    const chat = system.chat({ languageCode: 'en' });
    await chat.send('/subscribe 07:30');
    const [ok] = await chat.nextReplies(1);
    expect(ok!.text).toContain('all leagues');
    expect(ok!.text).toContain('07:30');

    await chat.send('/subscribe 25:00 E0');
    const [badTime] = await chat.nextReplies(1);
    await chat.send('/subscribe 08:00 XX9');
    const [badLeague] = await chat.nextReplies(1);
    await chat.send('/settings tz Mars/Base');
    const [badZone] = await chat.nextReplies(1);

    expect(badTime!.text).toContain('I can’t read the time “25:00”');
    expect(badLeague!.text).toContain('Unknown league “XX9”');
    expect(badZone!.text).toContain('Unknown time zone “Mars/Base”');
    const subs = await listSubscriptions(system.db, { chatId: chat.chatId });
    expect(subs.map((s) => [s.time, s.leagueCode])).toEqual([['07:30', null]]);
    expect((await getChat(system.db, chat.chatId))?.timezone).toBe('Europe/Moscow');
  });

  it('When a user unsubscribes from one league and then from all, then the list follows', async () => {
    const chat = system.chat({ languageCode: 'en' });
    await chat.send('/subscribe E0');
    await chat.send('/subscribe 18:15');
    const [, both] = await chat.nextReplies(2);
    expect(both!.text).toContain('<b>09:00</b> — Premier League (E0)');
    expect(both!.text).toContain('<b>18:15</b> — all leagues');

    await chat.send('/unsubscribe E0');
    const [one] = await chat.nextReplies(1);
    expect(one!.text).toContain('is off');
    expect(one!.text).not.toContain('(E0)</b>');
    expect(
      (await listSubscriptions(system.db, { chatId: chat.chatId })).map((s) => s.leagueCode),
    ).toEqual([null]);

    await chat.send('/unsubscribe');
    const [none] = await chat.nextReplies(1);
    expect(none!.text).toContain('Unsubscribed from every digest (1)');
    expect(await listSubscriptions(system.db, { chatId: chat.chatId })).toEqual([]);
  });
});

describe('settings', () => {
  it('When a Russian user presses English in /settings, then the settings redraw in English and the next answers are English', async () => {
    const chat = system.chat({ languageCode: 'ru' });
    await chat.send('/settings');
    const [view] = await chat.nextReplies(1);
    expect(view!.text).toContain('Настройки чата');

    const pressed = await chat.press('English');
    const answer = await pressed.answer();
    const [redrawn] = await chat.nextEdits(1);

    expect(answer.text).toBe('Language: English.');
    expect(redrawn!.text).toContain('Chat settings');
    expect((await getChat(system.db, chat.chatId))?.language).toBe('en');
    await chat.send('/nonsense');
    const [unknown] = await chat.nextReplies(1);
    expect(unknown!.text).toBe(EN_UNKNOWN);

    await chat.press('Asia/Tokyo');
    const [zoned] = await chat.nextEdits(1);
    expect(zoned!.text).toContain('<code>Asia/Tokyo</code>');
    expect((await getChat(system.db, chat.chatId))?.timezone).toBe('Asia/Tokyo');
  });

  it('When a user types /settings lang en, then that very confirmation is in English', async () => {
    const chat = system.chat({ languageCode: 'ru' });
    await chat.send('/settings lang en');
    const [reply] = await chat.nextReplies(1);
    await chat.send('/help');
    const [help] = await chat.nextReplies(1);

    expect(reply!.text).toBe('Language: English.');
    expect(help!.text).toContain('/subscribe [HH:MM] [league]');
  });
});

describe('admin', () => {
  // One TestChat for the admin's private chat: a second one would re-read its history.
  let adminChat: TestChat | undefined;
  const admin = () => (adminChat ??= system.chat({ userId: ADMIN_ID, languageCode: 'en' }));

  it('When the admin sends /status, then heartbeats, queue depths, the ledger and the last job runs are listed', async () => {
    const chat = admin();
    await chat.send('/status');
    const [status] = await chat.nextReplies(1);

    expect(status!.text).toMatch(/worker: <b>ok<\/b> — test:all, \d+ s ago/);
    expect(status!.text).toMatch(/tgbot: <b>ok<\/b> — test:all, \d+ s ago/);
    expect(status!.text).toContain('scheduler: <b>absent</b>');
    expect(status!.text).toMatch(/<code>predict<\/code> \d+ · \d+ · \d+ · \d+/);
    expect(status!.text).toMatch(/<code>outbox<\/code> \d+ · \d+ · \d+ · \d+/);
    expect(status!.text).toMatch(/<b>Prediction ledger<\/b>: \d+ sealed, \d+ waiting/);
    expect(status!.text).toMatch(/<code>retrain E0<\/code> succeeded/);
  });

  it('When the admin sends /retrain E0, /backup and /sync, then each is queued and its outcome follows', async () => {
    const chat = admin();
    await chat.send('/retrain E0');
    const [queued] = await chat.nextReplies(1);
    expect(queued!.text).toMatch(
      /^Retrain E0: queued \(<code>admin-retrain-E0-\d{8}T\d{6}<\/code>\)/,
    );
    const [outcome] = await chat.nextReplies(1, 60_000);
    // The champion already saw every finished match: a real, skipped outcome.
    expect(outcome!.text).toMatch(/^Retrain E0: skipped — no finished E0 matches after/);

    await chat.send('/backup');
    const [backupQueued, backup] = await chat.nextReplies(2, 30_000);
    expect(backupQueued!.text).toContain('Backup: queued');
    const file = /Backup: <code>(\S+) \(keeping \d+\)<\/code>/.exec(backup!.text)?.[1];
    expect(file).toBeDefined();
    expect(existsSync(file!)).toBe(true);

    await chat.send('/sync');
    const [, sync] = await chat.nextReplies(2, 30_000);
    expect(sync!.text).toBe('Sync: skipped — SPORTMONKS_API_TOKEN is not set');
  }, 120_000);

  it('When the admin talks to the bot, then their chat gets a / menu with the admin commands and the public menu has none', async () => {
    const chat = admin();
    await chat.send('/help');
    await chat.nextReplies(1);
    await chat.send('/status');
    await chat.nextReplies(1);

    const calls = system.front!.calls('setMyCommands');
    const names = (body: Record<string, unknown>) =>
      (body.commands as Array<{ command: string }>).map((c) => c.command);
    const scoped = calls.filter((c) =>
      JSON.stringify(c.body.scope ?? null).includes(String(ADMIN_ID)),
    );
    const publicMenus = calls.filter((c) => c.body.scope === undefined);
    expect(scoped.length).toBeGreaterThan(0);
    expect(names(scoped[0]!.body)).toEqual(
      expect.arrayContaining(['status', 'retrain', 'subscribe']),
    );
    expect(publicMenus.length).toBeGreaterThan(0);
    for (const call of publicMenus) {
      expect(names(call.body)).not.toContain('status');
      expect(names(call.body)).toContain('settings');
    }
  });

  it('When a non-admin sends admin commands, in a private chat or a group, or the admin sends one in a group, then the answer is the unknown-command one and nothing is queued', async () => {
    const queuedJobs = () => system.logs.filter((l) => l.msg === 'admin job queued').length;
    const before = queuedJobs();
    const user = system.chat({ languageCode: 'ru' });
    const userInGroup = system.chat({ languageCode: 'ru', chatId: -4_242_002, type: 'group' });
    for (const command of ['/status', '/retrain E0', '/backup', '/sync']) {
      await user.send(command);
      await userInGroup.send(command);
      const [reply] = await user.nextReplies(1);
      const [groupReply] = await userInGroup.nextReplies(1);
      expect(reply!.text).toBe(RU_UNKNOWN);
      expect(groupReply!.text).toBe(reply!.text);
    }
    const group = system.chat({ userId: ADMIN_ID, chatId: -4_242_001, type: 'group' });
    await group.send('/backup');
    const [answer] = await group.nextReplies(1);

    expect(answer!.text).toBe(RU_UNKNOWN);
    expect(queuedJobs()).toBe(before);
  });
});
