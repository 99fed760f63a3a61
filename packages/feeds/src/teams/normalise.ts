// Team-name normalisation shared by every alias lookup: both sides go through the same function,
// so aliases only need to differ in what normalisation cannot unify.

// Letters that Unicode NFKD does not decompose into base letter + mark.
const FOLD: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  ı: 'i',
};

// Club-type tokens that sources add or drop at will ("AFC Bournemouth", "Cádiz CF", "FC Köln",
// "ФК Зенит"). Only stripped at either end of the name and never when nothing else would remain.
const AFFIXES = new Set(['fc', 'afc', 'cf', 'фк']);

/**
 * Normalises a team name for exact alias matching: lowercase, diacritics removed (`Mönchengladbach`
 * → `monchengladbach`, `Кёльн` → `кельн`), apostrophes and dots dropped (`Nott'm` → `nottm`,
 * `St. Pauli` → `st pauli`), `&` read as `and`, hyphens/underscores/slashes as spaces, whitespace
 * collapsed, and a leading/trailing `FC`/`AFC`/`CF` (also the German `1. FC`) removed.
 */
export function normaliseTeamName(s: string): string {
  let out = s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .replace(/[ßøæœđłı]/g, (c) => FOLD[c] ?? c)
    .replace(/['’‘`´ʼ′.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[-‐‑–—_/,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = out.split(' ');
  // "1 fc koln", "1 fc union berlin": the German "1. FC" prefix.
  if (words.length > 2 && words[0] === '1' && words[1] === 'fc') words.splice(0, 2);
  while (words.length > 1 && AFFIXES.has(words[0]!)) words.shift();
  while (words.length > 1 && AFFIXES.has(words[words.length - 1]!)) words.pop();
  out = words.join(' ');
  return out;
}
