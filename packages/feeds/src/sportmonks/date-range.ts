// Splits date ranges for the `/fixtures/between` endpoint, which accepts at most 100 days.

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toMs(date: string): number {
  if (!ISO_DATE.test(date))
    throw new RangeError(`invalid date ${JSON.stringify(date)}, expected YYYY-MM-DD`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`invalid date ${JSON.stringify(date)}`);
  }
  return ms;
}

const fromMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Splits the inclusive range `from..to` into consecutive inclusive chunks of at most `maxDays`
 * calendar days, without gaps or overlaps. Whether SportMonks counts 100 days inclusively is not
 * documented (CONTRACT.md §3), so chunks never span more than `maxDays` days counted inclusively.
 */
export function splitDateRange(from: string, to: string, maxDays = 100): Array<[string, string]> {
  const start = toMs(from);
  const end = toMs(to);
  if (end < start) throw new RangeError(`date range ends before it starts: ${from}..${to}`);
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`maxDays must be >= 1`);
  const chunks: Array<[string, string]> = [];
  for (let s = start; s <= end; s += maxDays * DAY_MS) {
    chunks.push([fromMs(s), fromMs(Math.min(end, s + (maxDays - 1) * DAY_MS))]);
  }
  return chunks;
}
