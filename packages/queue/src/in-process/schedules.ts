// Cron schedules in memory: each armed with a timer for its next fire time, re-registered by the
// caller on every boot and cleared on close.
import type { JobName, JobPayloads } from '../contract';
import { type ScheduleInfo, assertScheduleId } from '../backend';
import { assertCron, nextCronTime } from '../cron';
import { errorText } from '@scoreline/ops';
import { validatePayload } from '../payload-validators';
import { add } from './lifecycle';
import { type Core, assertOpen } from './state';

// Node clamps longer delays to 1 ms, which would fire a far-away cron at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Schedule {
  id: string;
  cron: string;
  name: JobName;
  payload: unknown;
  tz: string | undefined;
  next: number;
  timer?: unknown;
}

export interface Schedules {
  upsert<N extends JobName>(
    id: string,
    cron: string,
    name: N,
    payload: JobPayloads[N],
    o: { tz?: string },
  ): void;
  remove(id: string): void;
  list(): ScheduleInfo[];
  /** Stops every timer and forgets every schedule. */
  clear(): void;
}

export function createSchedules(core: Core): Schedules {
  const schedules = new Map<string, Schedule>();
  const { timers, now } = core;

  const arm = (s: Schedule): void => {
    const delay = Math.max(0, s.next - now().getTime());
    s.timer = timers.setTimeout(() => fire(s), Math.min(delay, MAX_TIMER_MS));
  };
  const fire = (s: Schedule): void => {
    if (schedules.get(s.id) !== s || core.closed) return;
    const at = now().getTime();
    if (at < s.next) {
      arm(s); // woke early because of the timer clamp
      return;
    }
    try {
      // One id per fire time, so a fire can never be queued twice.
      add(core, s.name, s.payload, { jobId: `sched-${s.id}-${s.next}` });
    } catch (err) {
      core.logger.error('scheduled job could not be queued', {
        schedule: s.id,
        queue: s.name,
        reason: errorText(err),
      });
    }
    s.next = nextCronTime(s.cron, new Date(Math.max(at, s.next)), s.tz);
    arm(s);
  };

  return {
    upsert(id, cron, name, payload, o) {
      assertOpen(core);
      assertScheduleId(id);
      assertCron(cron, o.tz);
      const clean = validatePayload(name, payload);
      const old = schedules.get(id);
      if (old?.timer !== undefined) timers.clearTimeout(old.timer);
      const s: Schedule = {
        id,
        cron,
        name,
        payload: clean,
        tz: o.tz,
        next: nextCronTime(cron, now(), o.tz),
      };
      schedules.set(id, s);
      arm(s);
    },
    remove(id) {
      const s = schedules.get(id);
      if (s?.timer !== undefined) timers.clearTimeout(s.timer);
      schedules.delete(id);
    },
    list() {
      return [...schedules.values()].map((s): ScheduleInfo => ({
        id: s.id,
        cron: s.cron,
        name: s.name,
        ...(s.tz !== undefined ? { tz: s.tz } : {}),
        next: s.next,
      }));
    },
    clear() {
      for (const s of schedules.values()) if (s.timer !== undefined) timers.clearTimeout(s.timer);
      schedules.clear();
    },
  };
}
