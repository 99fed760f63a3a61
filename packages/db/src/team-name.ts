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
 * The key team names are matched on, by every alias lookup (stored aliases and the bundled alias
 * files alike): lowercase; accents and umlauts removed (`Mönchengladbach` → `monchengladbach`,
 * `Кёльн` → `кельн`, but `й` stays a letter of its own); apostrophes and dots dropped (`Nott'm`,
 * `Nott’m` and `Nottm` meet; `St. Pauli` → `st pauli`); `&` read as `and`; other punctuation as
 * spaces; whitespace collapsed; a leading or trailing `FC`/`AFC`/`CF`/`ФК` (and the German
 * `1. FC`) removed.
 */
export function normaliseTeamName(name: string): string {
  const folded = name
    .normalize('NFKD')
    // NFKD splits й into и + breve; й is a letter of its own, not an accented и.
    .replace(/\u0438\u0306/g, 'й')
    .replace(/\u0418\u0306/g, 'Й')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøæœđłı]/g, (c) => FOLD[c] ?? c)
    .replace(/['’‘‛`´ʼ′.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words = folded.split(' ');
  // "1 fc koln", "1 fc union berlin": the German "1. FC" prefix.
  if (words.length > 2 && words[0] === '1' && words[1] === 'fc') words.splice(0, 2);
  while (words.length > 1 && AFFIXES.has(words[0]!)) words.shift();
  while (words.length > 1 && AFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}
