const MS_PER_DAY = 86_400_000;

/**
 * Day number of an ISO date (days since 1970-01-01) by integer arithmetic (Hinnant's
 * days-from-civil), so hot loops over thousands of matches never build Date objects.
 */
export function dayNumber(date: string): number {
  let y = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100;
  y += (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Days from ISO date `from` to ISO date `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The ISO date `days` days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Dixon & Coles (1997) time weight φ(t) = exp(−ξ·Δt), Δt = days from the match to "as of".
 * A match on or after `asOf` gets weight 0: the model never sees the day it predicts.
 */
export function timeWeight(matchDate: string, asOf: string, xi: number): number {
  const dt = daysBetween(matchDate, asOf);
  if (dt <= 0) return 0;
  return Math.exp(-xi * dt);
}
