// What Telegram does to a bot in production and the emulator never does, injected by a front
// between the bot and the emulator: flood control (429 with retry_after), a second poller (409
// on getUpdates), users who blocked the bot (403) and a text it cannot parse as HTML (400).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getChat } from '@scoreline/db';
import { startBotSystem, TEST_TOKEN, type BotSystem } from '../test-support/bot-system';

let system: BotSystem;
// Long enough that the doubling dwarfs request latency on a loaded machine.
const BACKOFF = { initialMs: 300, maxMs: 2_400 };

beforeAll(async () => {
  system = await startBotSystem({ front: true, tgbot: { retryBackoff: BACKOFF } });
}, 120_000);
afterAll(() => system?.dispose());

const front = () => system.front!;
const sendsTo = (chatId: number) =>
  front()
    .calls('sendMessage')
    .filter((c) => String(c.body.chat_id) === String(chatId));

async function until(probe: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Telegram faults', () => {
  it('When Telegram answers 429 with retry_after, then the reply is sent again after waiting and arrives', async () => {
    const chat = system.chat({ languageCode: 'en' });
    front().fail('sendMessage', {
      code: 429,
      description: 'Too Many Requests: retry after 1',
      retryAfter: 1,
      chatId: chat.chatId,
    });

    await chat.send('/help');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.text).toContain('<b>Commands</b>');
    const attempts = sendsTo(chat.chatId);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1_000);
    const line = system.logs.find((l) => JSON.stringify(l).includes('retry_after'));
    expect(line).toBeDefined();
    expect(JSON.stringify(line)).not.toContain('Commands');
  });

  it('When getUpdates keeps answering 409 Conflict, then the retries space out, one line reports the conflict and one that polling resumed', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const conflictLines = () => system.logs.filter((l) => l.msg.includes('conflict (409)'));
    const resumedLines = () => system.logs.filter((l) => l.msg === 'telegram polling resumed');
    const [conflictsBefore, resumedBefore] = [conflictLines().length, resumedLines().length];
    const pollsBefore = front().calls('getUpdates').length;
    front().fail('getUpdates', {
      code: 409,
      description:
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      times: 4,
    });

    // The poll in flight returns this update; the next four polls meet the conflict.
    await chat.send('/start');
    await until(() => resumedLines().length > resumedBefore, 30_000);
    await chat.send('/help');
    const replies = await chat.nextReplies(2, 10_000);

    expect(replies.map((r) => r.text).join('\n')).toContain('<b>Commands</b>');
    const conflicts = conflictLines().slice(conflictsBefore);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.msg).toMatch(/another instance polls this token.*retrying with backoff/);
    expect(resumedLines().slice(resumedBefore)).toHaveLength(1);
    // Four refused polls and the one that succeeded: each wait longer than the one before.
    const polls = front()
      .calls('getUpdates')
      .slice(pollsBefore, pollsBefore + 5);
    expect(polls).toHaveLength(5);
    const gaps = polls.slice(1).map((p, i) => p.at - polls[i]!.at);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]!);
    // The first wait is the initial backoff less at most its 20% jitter.
    expect(gaps[0]).toBeGreaterThanOrEqual(BACKOFF.initialMs * 0.8);
  }, 40_000);

  it('When getUpdates fails with a server error, then it is retried with the backoff, logged once with its cause, and polling resumes', async () => {
    const chat = system.chat({ languageCode: 'en' });
    const failedLines = () => system.logs.filter((l) => l.msg.includes('polling failed'));
    const resumedLines = () => system.logs.filter((l) => l.msg === 'telegram polling resumed');
    const [failedBefore, resumedBefore] = [failedLines().length, resumedLines().length];
    front().fail('getUpdates', { code: 502, description: 'Bad Gateway', times: 2 });

    await chat.send('/start');
    await until(() => resumedLines().length > resumedBefore, 30_000);
    await chat.send('/help');
    await chat.nextReplies(2, 10_000);

    const failed = failedLines().slice(failedBefore);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.meta).toMatchObject({
      code: 502,
      err: expect.stringContaining('Bad Gateway'),
    });
    expect(JSON.stringify(failed[0])).not.toContain(TEST_TOKEN);
  }, 40_000);

  it('When a user blocked the bot, then the 403 marks the chat blocked, its outbox messages stop, and a new message from the user resumes them', async () => {
    const chat = system.chat({ languageCode: 'en' });
    await chat.send('/start');
    await chat.nextReplies(1);
    front().fail('sendMessage', {
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
      chatId: chat.chatId,
    });

    const first = await system.queue.request(
      'outbox',
      { chatId: String(chat.chatId), text: 'digest one', kind: 'digest' },
      { timeoutMs: 10_000 },
    );
    const second = await system.queue.request(
      'outbox',
      { chatId: String(chat.chatId), text: 'digest two', kind: 'digest' },
      { timeoutMs: 10_000 },
    );

    expect(first).toEqual({ status: 'skipped', reason: 'chat blocked' });
    expect(second).toEqual({ status: 'skipped', reason: 'chat blocked' });
    expect((await getChat(system.db, chat.chatId))?.blocked).toBe(true);
    expect(
      sendsTo(chat.chatId).filter((c) => String(c.body.text).startsWith('digest')),
    ).toHaveLength(1);

    await chat.send('/help');
    await chat.nextReplies(1);
    expect((await getChat(system.db, chat.chatId))?.blocked).toBe(false);
    const third = await system.queue.request(
      'outbox',
      { chatId: String(chat.chatId), text: 'digest three', kind: 'digest' },
      { timeoutMs: 10_000 },
    );
    expect(third.status).toBe('sent');
  });

  it('When a reply meets 403, then the chat is marked blocked and the bot goes on serving others', async () => {
    const blocked = system.chat({ languageCode: 'en' });
    const other = system.chat({ languageCode: 'en' });
    front().fail('sendMessage', {
      code: 403,
      description: 'Forbidden: bot was blocked by the user',
      chatId: blocked.chatId,
    });

    await blocked.send('/help');
    await until(async () => (await getChat(system.db, blocked.chatId))?.blocked === true);
    await other.send('/help');

    expect((await other.nextReplies(1))[0]!.text).toContain('<b>Commands</b>');
    expect(blocked.allMessages()).toEqual([]);
  });

  it('When Telegram cannot parse a reply as HTML, then the user gets it as plain text and the failure is logged', async () => {
    const chat = system.chat({ languageCode: 'en' });
    front().fail('sendMessage', {
      code: 400,
      description: "Bad Request: can't parse entities: Unsupported start tag at byte offset 3",
      chatId: chat.chatId,
    });

    await chat.send('/help');
    const [reply] = await chat.nextReplies(1, 10_000);

    expect(reply!.parse_mode).toBeUndefined();
    expect(reply!.text).toContain('Commands\n/predict home - away');
    expect(reply!.text).not.toContain('<b>');
    expect(sendsTo(chat.chatId)).toHaveLength(2);
    expect(
      system.logs.some((l) => l.level === 'error' && l.msg.includes('without formatting')),
    ).toBe(true);
  });
});
