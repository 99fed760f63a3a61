// Reads "/predict" arguments: `home - away` (also `–`, `—`, `vs`, `v`, `против`), optionally led
// by a league code (`E0 Arsenal vs Chelsea`), or exactly two words (`Arsenal Chelsea`), which is
// the one case where the split is unambiguous without a separator.

export interface MatchQuery {
  league?: string;
  home: string;
  away: string;
}

/** Longest team name accepted; anything longer is not a team name (and would bloat replies). */
export const MAX_TEAM_NAME = 60;

const SEPARATOR = /\s+(?:-|–|—|vs\.?|v|против)\s+|\s*[–—]\s*/iu;

/**
 * Parses the text after the command. `leagueCodes` are the known league codes (upper case); a
 * first word equal to one of them is taken as the league. Returns null when the text is not a
 * pair of team names.
 */
export function parseMatchQuery(args: string, leagueCodes: ReadonlySet<string>): MatchQuery | null {
  let text = args.replace(/\s+/g, ' ').trim();
  let league: string | undefined;
  const first = /^(\S+)\s+(.*)$/u.exec(text);
  if (first && leagueCodes.has(first[1]!.toUpperCase())) {
    league = first[1]!.toUpperCase();
    text = first[2]!;
  }
  const parts = text.split(SEPARATOR).map((p) => p.trim());
  let pair: [string, string] | null = null;
  if (parts.length === 2) pair = [parts[0]!, parts[1]!];
  else if (parts.length === 1) {
    const words = text.split(' ');
    if (words.length === 2) pair = [words[0]!, words[1]!];
  }
  if (!pair) return null;
  const [home, away] = pair;
  const name = (n: string) => /[\p{L}\p{N}]/u.test(n) && n.length <= MAX_TEAM_NAME;
  if (!name(home) || !name(away)) return null;
  return { ...(league ? { league } : {}), home, away };
}
