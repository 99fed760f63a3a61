import { describe, expect, it } from '@jest/globals';
import { createSendRateLimiter, type SendRateLimiterOptions } from './send-rate-limiter';

/** A clock that only moves when the test says so; sleeps settle as it passes their end. */
function fakeClock() {
  let t = 0;
  const sleepers: Array<{ at: number; resolve: () => void }> = [];
  const requested: number[] = [];
  const settle = () => new Promise<void>((r) => setImmediate(r));
  return {
    requested,
    now: () => t,
    sleep: (ms: number, signal: AbortSignal): Promise<void> => {
      requested.push(ms);
      return new Promise<void>((resolve) => {
        const s = { at: t + ms, resolve };
        sleepers.push(s);
        signal.addEventListener(
          'abort',
          () => {
            sleepers.splice(sleepers.indexOf(s), 1);
            resolve();
          },
          { once: true },
        );
      });
    },
    armed: () => sleepers.length,
    async advance(ms: number): Promise<void> {
      const end = t + ms;
      await settle();
      for (;;) {
        sleepers.sort((a, b) => a.at - b.at);
        const next = sleepers[0];
        if (!next || next.at > end) break;
        sleepers.shift();
        t = next.at;
        next.resolve();
        await settle();
      }
      t = end;
      await settle();
    },
  };
}

function setup(opts: Omit<SendRateLimiterOptions, 'now' | 'sleep'> = {}) {
  const clock = fakeClock();
  const limiter = createSendRateLimiter({ ...opts, now: clock.now, sleep: clock.sleep });
  const granted: Array<{ label: string; at: number }> = [];
  const send = (chatId: string, label = chatId, signal?: AbortSignal) =>
    limiter.acquire(chatId, signal).then(() => {
      granted.push({ label, at: clock.now() });
    });
  return { clock, limiter, granted, send };
}

describe('createSendRateLimiter', () => {
  it('When sends to different chats arrive together, then they go out in arrival order at the global rate', async () => {
    const { clock, granted, send } = setup({ perSecond: 2 });
    for (const chat of ['a', 'b', 'c', 'd']) void send(chat);
    await clock.advance(10_000);
    expect(granted).toEqual([
      { label: 'a', at: 0 },
      { label: 'b', at: 500 },
      { label: 'c', at: 1000 },
      { label: 'd', at: 1500 },
    ]);
    // The waits asked for are the computed token waits, nothing shorter.
    expect(clock.requested).toEqual([500, 500, 500]);
  });

  it('When two sends target one chat, then the second waits the per-chat interval after the first', async () => {
    const { clock, granted, send } = setup({ perSecond: 30, perChatIntervalMs: 1000 });
    void send('42', 'part 1');
    void send('42', 'part 2');
    void send('42', 'part 3');
    await clock.advance(5000);
    expect(granted).toEqual([
      { label: 'part 1', at: 0 },
      { label: 'part 2', at: 1000 },
      { label: 'part 3', at: 2000 },
    ]);
  });

  it('When one chat is inside its spacing, then a later send to another chat goes first, and each chat keeps its own order', async () => {
    const { clock, granted, send } = setup({ perSecond: 1000, perChatIntervalMs: 1000 });
    void send('a', 'a1');
    void send('a', 'a2');
    void send('b', 'b1');
    void send('a', 'a3');
    void send('c', 'c1');
    await clock.advance(5000);
    expect(granted).toEqual([
      { label: 'a1', at: 0 },
      { label: 'b1', at: 1 },
      { label: 'c1', at: 2 },
      { label: 'a2', at: 1000 },
      { label: 'a3', at: 2000 },
    ]);
  });

  it('When a wait for a chat is armed and a send for another chat arrives, then the newcomer is not held until that later wake-up', async () => {
    const { clock, granted, send } = setup({ perSecond: 10, perChatIntervalMs: 1000 });
    void send('a', 'a1');
    void send('a', 'a2');
    await clock.advance(50);
    void send('b', 'b1');
    await clock.advance(5000);
    expect(granted).toEqual([
      { label: 'a1', at: 0 },
      { label: 'b1', at: 100 },
      { label: 'a2', at: 1000 },
    ]);
  });

  it('When paused, then nothing is sent until the pause ends, and a shorter later pause does not shorten it', async () => {
    const { clock, limiter, granted, send } = setup({ perSecond: 30 });
    void send('a');
    await clock.advance(0);
    limiter.pause(5000);
    limiter.pause(1000);
    void send('b');
    void send('c');
    await clock.advance(4999);
    expect(granted.map((g) => g.label)).toEqual(['a']);
    await clock.advance(1000);
    expect(granted[1]).toEqual({ label: 'b', at: 5000 });
    expect(granted[2]?.label).toBe('c');
    expect(granted[2]!.at).toBeGreaterThan(5000);
  });

  it('When a pause is extended while sends wait, then they wait for the later end', async () => {
    const { clock, limiter, granted, send } = setup({ perSecond: 30 });
    limiter.pause(1000);
    void send('a');
    await clock.advance(500);
    limiter.pause(2000);
    await clock.advance(1999);
    expect(granted).toEqual([]);
    await clock.advance(1);
    expect(granted).toEqual([{ label: 'a', at: 2500 }]);
  });

  it('When burst is 3, then three sends go at once and the fourth waits for one token', async () => {
    const { clock, granted, send } = setup({ perSecond: 4, burst: 3 });
    for (const chat of ['a', 'b', 'c', 'd']) void send(chat);
    await clock.advance(1000);
    expect(granted.map((g) => g.at)).toEqual([0, 0, 0, 250]);
  });

  it('When the bucket has refilled during a quiet spell, then the next send goes at once', async () => {
    const { clock, granted, send } = setup({ perSecond: 2 });
    void send('a');
    await clock.advance(10_000);
    void send('b');
    await clock.advance(0);
    expect(granted).toEqual([
      { label: 'a', at: 0 },
      { label: 'b', at: 10_000 },
    ]);
  });

  it('When a chat has been idle longer than its interval, then the limiter forgets it and keeps no wake-up armed', async () => {
    const { clock, limiter, send } = setup({ perSecond: 1000, perChatIntervalMs: 1000 });
    for (let i = 0; i < 50; i += 1) void send(`chat-${i}`);
    await clock.advance(100);
    expect(limiter.pending).toBe(0);
    expect(limiter.trackedChats).toBe(50);
    expect(clock.armed()).toBe(0);
    await clock.advance(1000);
    void send('another');
    await clock.advance(0);
    expect(limiter.trackedChats).toBe(1);
  });

  it('When a waiting send is aborted, then it rejects with the reason and the next waiter takes its turn', async () => {
    const { clock, granted, send } = setup({ perSecond: 1 });
    const abort = new AbortController();
    void send('a');
    const b = send('b', 'b', abort.signal);
    void send('c');
    await clock.advance(100);
    abort.abort(new Error('worker closed'));
    await expect(b).rejects.toThrow('worker closed');
    await clock.advance(5000);
    expect(granted).toEqual([
      { label: 'a', at: 0 },
      { label: 'c', at: 1000 },
    ]);
  });

  it('When the signal is already aborted, then acquire rejects without taking a turn', async () => {
    const { clock, granted, send } = setup({ perSecond: 1 });
    const abort = new AbortController();
    abort.abort(new Error('gone'));
    await expect(send('a', 'a', abort.signal)).rejects.toThrow('gone');
    void send('b');
    await clock.advance(0);
    expect(granted).toEqual([{ label: 'b', at: 0 }]);
  });

  it('When a group has had 20 sends within 61 s, then the 21st waits until the first leaves the window, while other chats go on', async () => {
    const { clock, granted, send } = setup({ perSecond: 1000, perChatIntervalMs: 1000 });
    for (let i = 1; i <= 22; i += 1) void send('-100123', `g${i}`);
    void send('7', 'private');
    await clock.advance(120_000);
    const group = granted.filter((g) => g.label.startsWith('g'));
    expect(group.slice(0, 20).map((g) => g.at)).toEqual(
      Array.from({ length: 20 }, (_, i) => i * 1000),
    );
    // The first send left the window at 61 s, the second at 62 s.
    expect(group[20]).toEqual({ label: 'g21', at: 61_000 });
    expect(group[21]).toEqual({ label: 'g22', at: 62_000 });
    expect(granted.find((g) => g.label === 'private')!.at).toBeLessThan(10);
  });

  it('When any 61 s of a group are read, then they hold at most 20 sends; a positive (private) chat has no such cap', async () => {
    const { clock, granted, send } = setup({ perSecond: 1000, perChatIntervalMs: 1000 });
    for (let i = 0; i < 60; i += 1) void send('-5', `g${i}`);
    for (let i = 0; i < 60; i += 1) void send('5', `p${i}`);
    await clock.advance(400_000);
    const times = (prefix: string) =>
      granted.filter((g) => g.label.startsWith(prefix)).map((g) => g.at);
    const g = times('g');
    expect(g).toHaveLength(60);
    for (let i = 20; i < g.length; i += 1)
      expect(g[i]! - g[i - 20]!).toBeGreaterThanOrEqual(61_000);
    expect(times('p').at(-1)).toBe(59_000 + 1);
  });

  it('When sends made before a restart are remembered, then the group window and the chat spacing carry on from them', async () => {
    const { clock, limiter, granted, send } = setup({ perSecond: 1000, perChatIntervalMs: 1000 });
    await clock.advance(100_000);
    // A previous process sent 20 messages to the group over the last 40 s, the last 500 ms ago.
    for (let i = 0; i < 20; i += 1) limiter.remember('-9', 60_000 + i * 2000 - 500);
    limiter.remember('9', 99_800);
    void send('-9', 'group');
    void send('9', 'private');
    await clock.advance(60_000);
    // The oldest remembered send (59.5 s) leaves the window at 120.5 s.
    expect(granted).toEqual([
      { label: 'private', at: 100_800 },
      { label: 'group', at: 120_500 },
    ]);
  });

  it('When options are out of range, then creation fails', () => {
    expect(() => createSendRateLimiter({ perSecond: 0 })).toThrow(RangeError);
    expect(() => createSendRateLimiter({ burst: 0.5 })).toThrow(RangeError);
    expect(() => createSendRateLimiter({ perChatIntervalMs: -1 })).toThrow(RangeError);
    expect(() => createSendRateLimiter({ groupPerMinute: 0 })).toThrow(RangeError);
    expect(() => createSendRateLimiter({ groupWindowMs: -1 })).toThrow(RangeError);
  });
});
