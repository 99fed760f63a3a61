// Cron parsing shared by both backends: the in-process scheduler computes fire times with it,
// and both backends validate patterns up front so a typo in RETRAIN_CRON fails at boot with a
// clear line instead of inside BullMQ's Lua or a timer callback.
import { errorText } from '@scoreline/ops';
import { CronExpressionParser } from 'cron-parser';

/** Thrown for a cron pattern or time zone cron-parser cannot use. */
export class InvalidCronError extends TypeError {
  readonly code = 'INVALID_CRON';
  override readonly name = 'InvalidCronError';
}

/**
 * The first fire time strictly after `after`, in epoch ms. Accepts 5-field and 6-field
 * (leading seconds) patterns, like BullMQ. `tz` defaults to UTC.
 */
export function nextCronTime(cron: string, after: Date, tz = 'UTC'): number {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new InvalidCronError(
      `unknown time zone ${JSON.stringify(tz)} for cron ${JSON.stringify(cron)}`,
    );
  }
  try {
    return CronExpressionParser.parse(cron, { currentDate: after, tz }).next().getTime();
  } catch (err) {
    throw new InvalidCronError(
      `invalid cron ${JSON.stringify(cron)} (tz ${tz}): ${errorText(err)}`,
    );
  }
}

/** Throws {@link InvalidCronError} unless `cron` parses and has a next fire time. */
export function assertCron(cron: string, tz?: string): void {
  if (cron.trim() === '') throw new InvalidCronError('cron pattern is empty');
  nextCronTime(cron, new Date(), tz);
}
