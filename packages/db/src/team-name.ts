/**
 * The key team names are matched on: lowercase, no accents or diacritics, one kind of
 * apostrophe, punctuation as spaces, single spaces. "Nott'm Forest", "NOTT’M  FOREST" and
 * "nott'm forest" all give `nott'm forest`; "Atlético" gives `atletico`; Cyrillic is kept
 * (ё becomes е, as Russian writers use both).
 */
export function normaliseTeamName(name: string): string {
  return (
    name
      .normalize('NFKD')
      // NFKD splits й into и + breve; й is a letter of its own, not an accented и.
      .replace(/\u0438\u0306/g, 'й')
      .replace(/\u0418\u0306/g, 'Й')
      // The combining marks NFKD left: accents, umlauts, cedillas (and ё's diaeresis → е).
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[\u2018\u2019\u201B\u0060\u00B4\u02BC\u2032]/g, "'")
      .replace(/ß/g, 'ss')
      .replace(/[øØ]/g, 'o')
      .replace(/[łŁ]/g, 'l')
      .replace(/[đĐ]/g, 'd')
      .replace(/æ/g, 'ae')
      .replace(/&/g, ' and ')
      // Everything but letters, digits and the apostrophe separates words.
      .replace(/[^\p{L}\p{N}']+/gu, ' ')
      .replace(/'+/g, "'")
      .trim()
  );
}
