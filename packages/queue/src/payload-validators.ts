// Hand-written runtime checks for job payloads. Payloads cross a process boundary as JSON, so
// the types in contract.ts are only a promise; these checks make a bad payload fail once, with
// every problem named, instead of crashing a processor halfway or burning retries.
//
// Unknown keys are dropped, not rejected: during a rolling deploy an older worker may receive
// a payload from a newer producer, and an extra optional field must not fail that job.
import {
  type JobName,
  type JobPayloads,
  MAINTENANCE_TASKS,
  SYNC_SOURCES,
  type MaintenanceTask,
  OUTBOX_KINDS,
  type OutboxKind,
} from './contract';
import type { OutboxButton } from './alert-buttons';
import { InvalidPayloadError } from './errors';

/** Rows of `{text, data}` buttons, callback data within Telegram's 64 bytes; else a problem. */
function outboxButtons(c: Checker): OutboxButton[][] | undefined {
  const v = c.obj.buttons;
  if (v === undefined) return undefined;
  const ok =
    Array.isArray(v) &&
    v.length <= 8 &&
    v.every(
      (row) =>
        Array.isArray(row) &&
        row.length <= 8 &&
        row.every(
          (b) =>
            typeof (b as OutboxButton)?.text === 'string' &&
            (b as OutboxButton).text.length > 0 &&
            (b as OutboxButton).text.length <= 64 &&
            typeof (b as OutboxButton).data === 'string' &&
            Buffer.byteLength((b as OutboxButton).data, 'utf8') <= 64,
        ),
    );
  if (!ok) {
    c.problems.push('buttons must be rows of {text, data} with data of at most 64 bytes');
    return undefined;
  }
  return v as OutboxButton[][];
}

/** Telegram rejects longer messages (Bot API sendMessage limit). */
export const TELEGRAM_TEXT_LIMIT = 4096;

type Obj = Record<string, unknown>;

class Checker {
  readonly problems: string[] = [];

  constructor(readonly obj: Obj) {}

  string(key: string, required: boolean, max = 200): string | undefined {
    const v = this.obj[key];
    if (v === undefined) {
      if (required) this.problems.push(`${key} is required`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.problems.push(`${key} must be a non-empty string`);
      return undefined;
    }
    if (v.length > max) {
      this.problems.push(`${key} is longer than ${max} characters`);
      return undefined;
    }
    return v;
  }

  date(key: string, withTime: boolean): string | undefined {
    const v = this.string(key, false, 40);
    if (v === undefined) return undefined;
    const shape = withTime ? /^\d{4}-\d{2}-\d{2}T/ : /^\d{4}-\d{2}-\d{2}$/;
    if (!shape.test(v) || Number.isNaN(Date.parse(v))) {
      this.problems.push(
        `${key} must be an ISO ${withTime ? 'date-time (YYYY-MM-DDTHH:MM:SSZ)' : 'date (YYYY-MM-DD)'}, got ${JSON.stringify(v)}`,
      );
      return undefined;
    }
    return v;
  }

  positiveInt(key: string): number | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
      this.problems.push(`${key} must be a positive integer`);
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], required: boolean): T | undefined {
    const v = this.obj[key];
    if (v === undefined) {
      if (required) this.problems.push(`${key} is required`);
      return undefined;
    }
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.problems.push(`${key} must be one of ${allowed.join(', ')}`);
      return undefined;
    }
    return v as T;
  }

  stringArray(key: string): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
      this.problems.push(`${key} must be an array of non-empty strings`);
      return undefined;
    }
    return [...(v as string[])];
  }
}

/** Drops undefined optional fields so the validated payload is clean JSON. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function check<N extends JobName>(
  name: N,
  payload: unknown,
  body: (c: Checker) => JobPayloads[N],
): JobPayloads[N] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidPayloadError(name, ['payload must be a JSON object']);
  }
  const c = new Checker(payload as Obj);
  const value = body(c);
  if (c.problems.length > 0) throw new InvalidPayloadError(name, c.problems);
  return compact(value);
}

const validators: { [N in JobName]: (payload: unknown) => JobPayloads[N] } = {
  predict: (p) =>
    check('predict', p, (c) => ({
      // Optional: the worker then picks the league whose champion knows both teams.
      league: c.string('league', false, 20),
      home: c.string('home', true)!,
      away: c.string('away', true)!,
      fixtureId: c.positiveInt('fixtureId'),
      requestedBy: c.string('requestedBy', false),
    })),
  retrain: (p) =>
    check('retrain', p, (c) => ({
      league: c.string('league', false, 20),
      reason: c.string('reason', false, 500),
    })),
  sync: (p) =>
    check('sync', p, (c) => {
      const from = c.date('from', false);
      const to = c.date('to', false);
      if (from !== undefined && to !== undefined && from > to) {
        c.problems.push(`from (${from}) is after to (${to})`);
      }
      const source = c.oneOf('source', SYNC_SOURCES, false);
      return { ...(source ? { source } : {}), leagues: c.stringArray('leagues'), from, to };
    }),
  settle: (p) => check('settle', p, () => ({})),
  maintenance: (p) =>
    check('maintenance', p, (c) => {
      const raw = c.obj.tasks;
      if (
        !Array.isArray(raw) ||
        raw.length === 0 ||
        raw.some((t) => !(MAINTENANCE_TASKS as readonly unknown[]).includes(t))
      ) {
        c.problems.push(`tasks must be a non-empty array of ${MAINTENANCE_TASKS.join(', ')}`);
        return { tasks: [] };
      }
      return { tasks: [...(raw as MaintenanceTask[])] };
    }),
  digest: (p) => check('digest', p, (c) => ({ now: c.date('now', true) })),
  outbox: (p) =>
    check('outbox', p, (c) => ({
      chatId: c.string('chatId', true, 64)!,
      text: c.string('text', true, TELEGRAM_TEXT_LIMIT)!,
      parseMode: c.oneOf('parseMode', ['HTML'] as const, false),
      kind: c.oneOf<OutboxKind>('kind', OUTBOX_KINDS, true)!,
      dedupeKey: c.string('dedupeKey', false),
      buttons: outboxButtons(c),
    })),
  explain: (p) =>
    check('explain', p, (c): JobPayloads['explain'] => {
      // A fixture id, or a league with both teams; with an id the rest is ignored.
      if (c.obj.fixtureId !== undefined) {
        const fixtureId = c.positiveInt('fixtureId');
        return { fixtureId: fixtureId ?? 0 };
      }
      if (c.obj.league === undefined && c.obj.home === undefined && c.obj.away === undefined) {
        c.problems.push('fixtureId or league, home and away are required');
        return { fixtureId: 0 };
      }
      return {
        league: c.string('league', true, 20)!,
        home: c.string('home', true)!,
        away: c.string('away', true)!,
      };
    }),
  season: (p) =>
    check('season', p, (c) => {
      const asOf = c.date('asOf', false);
      if (c.obj.asOf === undefined) c.problems.push('asOf is required');
      const runs = c.positiveInt('runs');
      if (c.obj.runs === undefined) c.problems.push('runs is required');
      // A run costs about 30 µs per remaining match: this bounds one job to seconds.
      if (runs !== undefined && runs > MAX_SEASON_RUNS) {
        c.problems.push(`runs must be at most ${MAX_SEASON_RUNS}`);
      }
      return { league: c.string('league', true, 20)!, asOf: asOf ?? '', runs: runs ?? 0 };
    }),
  ratings: (p) =>
    check('ratings', p, (c) => ({
      league: c.string('league', true, 20)!,
      team: c.string('team', true, 100)!,
    })),
};

/** The most runs one `season` job may ask for. */
export const MAX_SEASON_RUNS = 100_000;

/**
 * Checks `payload` against the contract for `name` and returns a clean copy (unknown keys
 * dropped). Throws {@link InvalidPayloadError} listing every problem.
 */
export function validatePayload<N extends JobName>(name: N, payload: unknown): JobPayloads[N] {
  const validator = validators[name] as ((p: unknown) => JobPayloads[N]) | undefined;
  if (!validator) throw new InvalidPayloadError(String(name), [`unknown job name`]);
  return validator(payload);
}
