import { distance } from 'fastest-levenshtein';
/** Codes people write for a country whose ISO 3166 code is another: the United Kingdom, Greece (EU usage). */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/**
 * The codes of `entries` (code -> name) closest to what was typed, as `DE (Germany), DK (Denmark)`: the code an
 * alias stands for, or a name typed instead of a code, first; then codes one letter away; then the others
 * alphabetically; at most `limit` of them (`, and 12 more` says how many are left out).
 */
export function closeCodes(
  typed: string,
  entries: Readonly<Record<string, string>>,
  limit = 8,
  aliases: Readonly<Record<string, string>> = {},
): string {
  const text = typed.trim().toUpperCase();
  const ranked = Object.keys(entries)
    .map((code) => ({
      code,
      score: aliases[text] === code ? 0 : score(text, code, (entries[code] ?? '').toUpperCase()),
    }))
    .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code));
  const shown = ranked.slice(0, limit).map(({ code }) => `${code} (${entries[code]})`);
  const more = ranked.length - shown.length;
  return more > 0 ? `${shown.join(', ')}, and ${more} more` : shown.join(', ');
}

function score(text: string, code: string, name: string): number {
  if (text.length >= 3 && name === text) return 0;
  if (text.length >= 3 && name.startsWith(text)) return 1;
  const edits = distance(text, code.toUpperCase());
  if (edits <= 1) return 2 + edits + (code[0]?.toUpperCase() === text[0] ? 0 : 0.5);
  return 10;
}
