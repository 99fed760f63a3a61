import { describe, expect, it } from '@jest/globals';
import { createTaskTracker, markShowing } from './tasks';

describe('task tracker', () => {
  it('When work is running, then drain aborts the signal and waits for it to finish', async () => {
    const tasks = createTaskTracker(() => undefined);
    let finished = false;
    tasks.run(async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });

    const drained = await tasks.drain(5_000);

    expect(tasks.signal.aborted).toBe(true);
    expect(drained).toBe(true);
    expect(finished).toBe(true);
    expect(tasks.size).toBe(0);
  });

  it('When work outlives the timeout, then drain answers false; a failure goes to onError', async () => {
    const errors: unknown[] = [];
    const tasks = createTaskTracker((err) => errors.push(err));
    let release: () => void = () => undefined;
    tasks.run(() => new Promise<void>((resolve) => (release = resolve)));
    tasks.run(() => Promise.reject(new Error('boom')));

    const drained = await tasks.drain(20);
    release();

    expect(drained).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it('When tasks show placeholders, then only those of tasks still running are pending', async () => {
    const tasks = createTaskTracker(() => undefined);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    tasks.run(async () => {
      await Promise.resolve();
      markShowing({ chatId: 1, messageId: 10, locale: 'en' });
      await held;
    });
    tasks.run(async () => {
      markShowing({ chatId: 2, messageId: 20, locale: 'ru' });
      await Promise.resolve();
    });
    markShowing({ chatId: 3, messageId: 30, locale: 'ru' }); // outside any task: ignored

    const drained = await tasks.drain(50);
    const pending = tasks.pendingPlaceholders();
    release();
    await tasks.drain(1_000);

    expect(drained).toBe(false);
    expect(pending).toEqual([{ chatId: 1, messageId: 10, locale: 'en' }]);
    expect(tasks.pendingPlaceholders()).toEqual([]);
  });
});
