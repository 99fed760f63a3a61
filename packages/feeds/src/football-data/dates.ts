// Date and time helpers for football-data.co.uk style files.

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const HM = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;

const pad = (n: number): string => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  // Round-trip through Date.UTC to reject impossible days such as 31/02.
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}

/**
 * Parses `DD/MM/YYYY`, `DD/MM/YY` or ISO `YYYY-MM-DD` into `YYYY-MM-DD`, or null when invalid.
 * Two-digit years pivot at 50: football-data history starts in 1993, so `93` is 1993 and `05` is 2005.
 */
export function parseFdDate(raw: string): string | null {
  const s = raw.trim();
  const iso = ISO.exec(s);
  if (iso) return validYmd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = DMY.exec(s);
  if (!dmy) return null;
  let year = Number(dmy[3]);
  if (dmy[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  return validYmd(year, Number(dmy[2]), Number(dmy[1]));
}

/** Parses `H:MM`/`HH:MM`(`:SS`) into `HH:MM`, or null when absent or invalid. */
export function parseFdTime(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const m = HM.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

const londonFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Wall-clock time in London at the given instant, expressed as if it were UTC milliseconds. */
function londonWallMs(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of londonFormat.formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute);
}

/**
 * Converts a UK local date and time (football-data's `Time` column) to a UTC ISO string using
 * the Europe/London rules from Intl, so BST/GMT changes need no hand-written table.
 * Night-time edge cases around the clock changes (non-existent or doubled times) resolve to one
 * consistent instant; football is not played at 01:00-02:00 UK time, so no more care is taken.
 */
export function londonLocalToUtcIso(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes: the offset at the first guess may differ from the offset at the answer near a change.
  let utc = wall - (londonWallMs(wall) - wall);
  utc = wall - (londonWallMs(utc) - utc);
  return new Date(utc).toISOString();
}
