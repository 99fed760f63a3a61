import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createShutdown } from './shutdown';
import { spawnFixture, warmFixtureCache, type Fixture } from './test-support/child';

function recorder() {
  const lines: string[] = [];
  const logger = {
    info: (msg: string) => lines.push(`info ${msg}`),
    warn: (msg: string) => lines.push(`warn ${msg}`),
    error: (msg: string) => lines.push(`error ${msg}`),
  };
  return { lines, logger };
}

describe('createShutdown (in process)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs hooks sequentially in reverse order, flushes, then exits 0', async () => {
    const { lines, logger } = recorder();
    const exit = jest.fn((code: number) => {
      lines.push(`exit ${code}`);
    });
    const sd = createShutdown({
      timeoutMs: 1000,
      logger,
      exit,
      beforeExit: () => {
        lines.push('flush');
        return Promise.resolve();
      },
    });
    sd.add('db', () => {
      lines.push('close db');
    });
    sd.add('http', async () => {
      lines.push('close http start');
      await Promise.resolve();
      lines.push('close http end');
    });
    expect(sd.isShuttingDown()).toBe(false);
    await sd.shutdown('test');
    expect(sd.isShuttingDown()).toBe(true);
    expect(lines).toEqual([
      'info Shutting down: test',
      'close http start',
      'close http end',
      'close db',
      'info Shutdown complete',
      'flush',
      'exit 0',
    ]);
  });

  it('is memoised: a second call runs nothing again', async () => {
    const { logger } = recorder();
    const exit = jest.fn();
    const hook = jest.fn<() => void>();
    const sd = createShutdown({ timeoutMs: 1000, logger, exit });
    sd.add('x', hook);
    const first = sd.shutdown('a');
    const second = sd.shutdown('b');
    expect(second).toBe(first);
    await first;
    await sd.shutdown('c');
    expect(hook).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('logs a failing hook, still runs the others, and exits 1', async () => {
    const { lines, logger } = recorder();
    const exit = jest.fn();
    const sd = createShutdown({ timeoutMs: 1000, logger, exit });
    const db = jest.fn<() => void>();
    sd.add('db', db);
    sd.add('queue', () => {
      throw new Error('nope');
    });
    await sd.shutdown('test');
    expect(db).toHaveBeenCalled();
    expect(lines).toContain('error Shutdown hook queue failed');
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('When a hook hangs, then at the deadline (less the flush reserve) it names the unfinished hooks and exits 1', async () => {
    jest.useFakeTimers();
    const { lines, logger } = recorder();
    const exit = jest.fn();
    const sd = createShutdown({ timeoutMs: 30_000, logger, exit });
    const db = jest.fn<() => void>();
    sd.add('db', db);
    sd.add('worker', () => new Promise<void>(() => undefined));
    sd.add('http', () => undefined);
    const done = sd.shutdown('SIGTERM');
    await jest.advanceTimersByTimeAsync(29_499);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    await done;
    expect(lines).toContain('warn Shutdown timed out after 30s; still running: worker, db');
    expect(db).not.toHaveBeenCalled();
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('When the flush never ends, then the process still exits by the deadline', async () => {
    jest.useFakeTimers();
    const { logger } = recorder();
    const exit = jest.fn();
    const sd = createShutdown({
      timeoutMs: 1_000,
      logger,
      exit,
      beforeExit: () => new Promise<void>(() => undefined),
    });
    sd.add('worker', () => new Promise<void>(() => undefined));
    const done = sd.shutdown('SIGTERM');
    await jest.advanceTimersByTimeAsync(999);
    expect(exit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    await done;
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('When a startup failure shuts down, then it exits with the code given even though every hook closed', async () => {
    const { lines, logger } = recorder();
    const exit = jest.fn();
    const sd = createShutdown({ timeoutMs: 1000, logger, exit });
    sd.add('db', () => undefined);
    await sd.shutdown('startup failure', 1);
    expect(lines).toContain('info Shutdown complete');
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('createShutdown (real child process and signals)', () => {
  let fixture: Fixture | undefined;
  beforeAll(() => warmFixtureCache(), 120_000);
  afterEach(() => {
    if (fixture && fixture.child.exitCode === null) fixture.child.kill('SIGKILL');
    fixture = undefined;
  });

  const msgs = (f: Fixture): string[] =>
    f.lines.map((l) => /msg=("(?:[^"\\]|\\.)*"|\S+)/.exec(l)?.[1]?.replace(/^"|"$/g, '') ?? l);

  it('on SIGTERM closes hooks in reverse order and exits 0', async () => {
    fixture = spawnFixture('shutdown-child.js', ['ok', '5000']);
    await fixture.waitForLine(/msg=ready/);
    fixture.child.kill('SIGTERM');
    const { code } = await fixture.exited;
    expect(code).toBe(0);
    expect(msgs(fixture)).toEqual([
      'ready',
      'Shutting down: SIGTERM',
      'closed http',
      'closing queue',
      'closed queue',
      'closed db',
      'Shutdown complete',
    ]);
  });

  it('exits 1 after a hook throws, having closed the others', async () => {
    fixture = spawnFixture('shutdown-child.js', ['throws', '5000']);
    await fixture.waitForLine(/msg=ready/);
    fixture.child.kill('SIGINT');
    const { code } = await fixture.exited;
    expect(code).toBe(1);
    expect(msgs(fixture)).toEqual([
      'ready',
      'Shutting down: SIGINT',
      'closed http',
      'closing queue',
      'Shutdown hook queue failed',
      'closed db',
      'Shutdown finished with errors',
    ]);
    expect(fixture.lines.find((l) => l.includes('Shutdown hook queue failed'))).toContain(
      'err="queue close failed"',
    );
  });

  it('logs the timeout naming the stuck hooks and exits 1', async () => {
    fixture = spawnFixture('shutdown-child.js', ['hang', '1500']);
    await fixture.waitForLine(/msg=ready/);
    fixture.child.kill('SIGTERM');
    const { code } = await fixture.exited;
    expect(code).toBe(1);
    expect(msgs(fixture)).toEqual([
      'ready',
      'Shutting down: SIGTERM',
      'closed http',
      'closing queue',
      'Shutdown timed out after 1.5s; still running: queue, db',
    ]);
    expect(fixture.lines.at(-1)).toContain('level=warn');
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('exits at once with %s twice (code %d)', async (signal, expected) => {
    fixture = spawnFixture('shutdown-child.js', ['hang', '60000']);
    await fixture.waitForLine(/msg=ready/);
    fixture.child.kill(signal);
    await fixture.waitForLine(/msg="closing queue"/);
    fixture.child.kill(signal);
    const { code, signal: killedBy } = await fixture.exited;
    // An exit code, not death by signal: our handler chose it.
    expect(killedBy).toBeNull();
    expect(code).toBe(expected);
    expect(msgs(fixture).at(-1)).toBe(`Received ${signal} again; exiting immediately`);
  });
});
