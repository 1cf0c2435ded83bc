import { toSearchText } from './searchText.ts';

/**
 * Turns whatever a person types into the search box into a valid FTS5 query.
 *
 * FTS5 has its own syntax (quotes, `*`, `-`, AND/OR/NOT, NEAR, brackets,
 * column filters) and raises an error on anything malformed. People type
 * all of these by accident, so nothing they type is passed through as syntax:
 * every term is emitted as a quoted string. The few things people mean on
 * purpose are honoured:
 *   - "exact phrase"  → a phrase match
 *   - -word           → leave out stories containing the word
 *   - the last word   → matched as a prefix while typing (`chong` finds Chongqing),
 *                       once it has two or more letters
 *   - CJK text        → matched anywhere in a run of characters (see searchText.ts)
 * All other terms must all appear (AND). Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const positives: string[] = [];
  const negatives: string[] = [];
  const pattern = /(-?)"([^"]*)("?)|(-?)([^\s"]+)/gu;
  // `closed` is false for a phrase still being typed ("of chong), whose last word is a prefix.
  const tokens: Array<{ negative: boolean; closed: boolean; text: string }> = [];
  for (const match of input.matchAll(pattern)) {
    if (match[2] !== undefined) {
      tokens.push({ negative: match[1] === '-', closed: match[3] === '"', text: match[2] });
    } else if (match[5] !== undefined) {
      tokens.push({ negative: match[4] === '-', closed: false, text: match[5] });
    }
  }
  const endsWithSpace = /\s$/u.test(input);
  tokens.forEach((token, index) => {
    const words = searchableWords(token.text);
    if (words.length === 0) return;
    const quoted = `"${words.join(' ')}"`;
    const isLast = index === tokens.length - 1;
    // Prefix-match the word being typed, unless it is a finished phrase or negative. A single
    // letter is not treated as a prefix: it would match nearly every story, slowly.
    const typing = isLast && !endsWithSpace && !token.closed && !token.negative;
    const prefix = typing && [...words.at(-1)!].length > 1 ? '*' : '';
    (token.negative ? negatives : positives).push(quoted + prefix);
  });
  if (positives.length === 0) return null;
  let query = positives.join(' AND ');
  for (const negative of negatives) query = `(${query}) NOT ${negative}`;
  return query;
}

/**
 * Splits text the way the unicode61 tokenizer does (letters, numbers, marks),
 * so quoting never produces an empty or syntax-bearing string.
 */
function searchableWords(text: string): string[] {
  // CJK characters are indexed one per token (see searchText.ts), so they are split the same way here.
  return toSearchText(text).match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}
