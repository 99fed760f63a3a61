import { describe, expect, it } from '@jest/globals';
import { createTaskTracker } from './tasks';

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
});
