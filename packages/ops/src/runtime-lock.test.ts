import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  ALREADY_RUNNING_LINE,
  acquireRuntimeLock,
  isPidAlive,
  readRuntimeLock,
  type HeldRuntimeLock,
} from './runtime-lock';
import { spawnFixture, warmFixtureCache, type Fixture } from './test-support/child';

/** Pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  const pid = child.pid!;
  await new Promise((resolve) => child.on('exit', resolve));
  return pid;
}

const readJson = (file: string): { pid: number; host: string; startedAt: string } =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; host: string; startedAt: string };

describe('runtime lock', () => {
  let dir: string;
  let lockPath: string;
  const held: HeldRuntimeLock[] = [];
  let fixture: Fixture | undefined;

  beforeAll(() => warmFixtureCache(), 120_000);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-lock-'));
    lockPath = path.join(dir, 'sub', 'runtime.lock');
  });
  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    if (fixture && fixture.child.exitCode === null) fixture.child.kill('SIGKILL');
    fixture = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('formats the already-running line exactly', () => {
    expect(ALREADY_RUNNING_LINE(4242, '/data/runtime.lock')).toBe(
      'Приложение уже запущено / already running: pid 4242, lock /data/runtime.lock',
    );
  });

  it('creates the lock (and its directory) with pid, host and startedAt', async () => {
    const lock = await acquireRuntimeLock(lockPath);
    expect(lock.acquired).toBe(true);
    if (lock.acquired) held.push(lock);
    const content = readJson(lockPath);
    expect(content.pid).toBe(process.pid);
    expect(content.host).toBe(os.hostname());
    expect(Number.isNaN(Date.parse(content.startedAt))).toBe(false);
    expect(fs.readdirSync(path.dirname(lockPath))).toEqual(['runtime.lock']);
  });

  it('keeps a held lock fresh so other hosts see its holder alive', async () => {
    const lock = await acquireRuntimeLock(lockPath, { refreshMs: 20 });
    if (!lock.acquired) throw new Error('expected the lock');
    held.push(lock);
    const old = new Date(Date.now() - 120_000);
    fs.utimesSync(lockPath, old, old);

    await new Promise((r) => setTimeout(r, 200));

    expect(Date.now() - fs.statSync(lockPath).mtimeMs).toBeLessThan(60_000);
    const seenFromElsewhere = await readRuntimeLock(lockPath, { hostname: 'other-host' });
    expect(seenFromElsewhere).toMatchObject({ exists: true, sameHost: false, alive: true });
  });

  it('release removes the lock only while it still holds our pid', async () => {
    const lock = await acquireRuntimeLock(lockPath);
    if (!lock.acquired) throw new Error('expected the lock');
    lock.release();
    expect(fs.existsSync(lockPath)).toBe(false);

    const again = await acquireRuntimeLock(lockPath);
    if (!again.acquired) throw new Error('expected the lock');
    held.push(again);
    const foreign = { pid: 999_999, host: 'other-host', startedAt: new Date().toISOString() };
    fs.writeFileSync(lockPath, JSON.stringify(foreign));
    again.release();
    expect(readJson(lockPath)).toEqual(foreign);
  });

  it('takes over the lock of a dead pid on this host with one warning', async () => {
    const pid = await deadPid();
    expect(isPidAlive(pid)).toBe(false);
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, JSON.stringify({ pid, host: os.hostname(), startedAt: 'x' }));
    const warn = jest.fn();

    const lock = await acquireRuntimeLock(lockPath, { logger: { warn } });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) held.push(lock);
    expect(readJson(lockPath).pid).toBe(process.pid);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe(
      `Runtime lock ${lockPath} held by dead pid ${pid}; taking it over`,
    );
  });

  it.each([
    ['empty', ''],
    ['malformed', '{"pid": "abc"'],
  ])('treats an %s lock file as stale, with a warning', async (_kind, content) => {
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, content);
    const warn = jest.fn();
    const lock = await acquireRuntimeLock(lockPath, { logger: { warn } });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) held.push(lock);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('empty or malformed');
  });

  it('takes over a lock naming our own pid (a previous life of this container)', async () => {
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, JSON.stringify({ pid: 1, host: 'box', startedAt: 'x' }));
    const lock = await acquireRuntimeLock(lockPath, { pid: 1, hostname: 'box' });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) held.push(lock);
  });

  it('refuses a lock written by another host, even for a pid that is dead here', async () => {
    const pid = await deadPid();
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, JSON.stringify({ pid, host: 'elsewhere', startedAt: 'x' }));
    const lock = await acquireRuntimeLock(lockPath);
    expect(lock).toEqual({ acquired: false, pid, host: 'elsewhere', path: lockPath });
    const info = await readRuntimeLock(lockPath);
    expect(info).toMatchObject({ exists: true, sameHost: false, alive: true, pid });
  });

  it('takes over a foreign-host lock once its holder stopped refreshing it', async () => {
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, JSON.stringify({ pid: 7, host: 'old-pod', startedAt: 'x' }));
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    fs.utimesSync(lockPath, twoMinutesAgo, twoMinutesAgo);
    const warn = jest.fn();
    const lock = await acquireRuntimeLock(lockPath, { logger: { warn } });
    expect(lock.acquired).toBe(true);
    if (lock.acquired) held.push(lock);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      `Runtime lock ${lockPath} held by pid 7 on host old-pod is no longer refreshed; taking it over`,
    ]);
    expect(readJson(lockPath).host).toBe(os.hostname());
  });

  it('refuses while a real second process holds it, and reports that holder', async () => {
    fixture = spawnFixture('lock-holder.js', [lockPath, 'hold']);
    const report = JSON.parse(await fixture.waitForLine(/"acquired"/)) as { acquired: boolean };
    expect(report).toEqual({ acquired: true, pid: fixture.child.pid });

    const lock = await acquireRuntimeLock(lockPath);
    expect(lock).toEqual({
      acquired: false,
      pid: fixture.child.pid,
      host: os.hostname(),
      path: lockPath,
    });
    await expect(readRuntimeLock(lockPath)).resolves.toMatchObject({
      exists: true,
      malformed: false,
      pid: fixture.child.pid,
      sameHost: true,
      alive: true,
    });

    // The holder releases on the way out; then the lock is free again.
    fixture.child.stdin!.end();
    expect((await fixture.exited).code).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);
    await expect(readRuntimeLock(lockPath)).resolves.toEqual({ exists: false, path: lockPath });
    const ours = await acquireRuntimeLock(lockPath);
    expect(ours.acquired).toBe(true);
    if (ours.acquired) held.push(ours);
  });

  it('makes a real second process back off while we hold the lock', async () => {
    const lock = await acquireRuntimeLock(lockPath);
    if (!lock.acquired) throw new Error('expected the lock');
    held.push(lock);
    fixture = spawnFixture('lock-holder.js', [lockPath, 'hold']);
    const report = JSON.parse(await fixture.waitForLine(/"acquired"/)) as unknown;
    expect(report).toEqual({ acquired: false, holderPid: process.pid, holderHost: os.hostname() });
    expect((await fixture.exited).code).toBe(0);
    expect(readJson(lockPath).pid).toBe(process.pid);
  });

  it('removes the lock when the holder process exits without calling release', async () => {
    fixture = spawnFixture('lock-holder.js', [lockPath, 'exit']);
    await fixture.waitForLine(/"acquired":true/);
    expect((await fixture.exited).code).toBe(0);
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it('reports a dead holder as not alive', async () => {
    const pid = await deadPid();
    fs.mkdirSync(path.dirname(lockPath), { recursive: true });
    fs.writeFileSync(lockPath, JSON.stringify({ pid, host: os.hostname(), startedAt: 's' }));
    await expect(readRuntimeLock(lockPath)).resolves.toEqual({
      exists: true,
      path: lockPath,
      malformed: false,
      pid,
      host: os.hostname(),
      startedAt: 's',
      sameHost: true,
      alive: false,
    });
  });
});
