// Where football-data.co.uk keeps what the live feed reads. The site publishes the current
// season's results per division and one file of upcoming fixtures for all its divisions, in the
// column layout of its history files.

export const FOOTBALL_DATA_BASE_URL = 'https://www.football-data.co.uk';

/** The site's code of the season a date falls in: seasons open in July, so 2026-12-04 is `2627`. */
export function footballDataSeasonCode(at: Date): string {
  const year = at.getUTCFullYear();
  const start = at.getUTCMonth() >= 6 ? year : year - 1;
  const two = (n: number) => String(n % 100).padStart(2, '0');
  return `${two(start)}${two(start + 1)}`;
}

/** One division's results of one season, e.g. `<base>/mmz4281/2627/E0.csv`. */
export function resultsUrl(baseUrl: string, seasonCode: string, league: string): string {
  return `${trimSlash(baseUrl)}/mmz4281/${seasonCode}/${league}.csv`;
}

/** The upcoming fixtures of every division the site covers, with bookmakers' odds. */
export function fixturesUrl(baseUrl: string): string {
  return `${trimSlash(baseUrl)}/fixtures.csv`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
