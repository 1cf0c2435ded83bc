import type { SerializedDocument } from '../../shared/model/document.ts';
import { documentText } from '../../shared/model/document.ts';
import { docOf, words } from './documents.ts';

/** About 5,000 words in 50 paragraphs, built once. */
const LARGE_FILLER = Array.from({ length: 50 }, (_, i) => words(100, i));

/**
 * The body of autosave number n: the counter as a word of its own at the
 * start and at the end (so a torn write would show as two different numbers);
 * every fourth save is a large story of ~5,000 words, the rest are short.
 */
export function autosaveBody(n: number): SerializedDocument {
  const middle = n % 4 === 0 ? LARGE_FILLER : [`Short edit number ${n} of the story.`];
  return docOf(`counter${n} begins`, ...middle, `ends counter${n}`);
}

/** The counter a stored body carries; throws if its two copies disagree (a torn write). */
export function readCounter(body: SerializedDocument): number | null {
  const found = [...documentText(body).matchAll(/\bcounter(\d+)\b/g)].map((m) => Number(m[1]));
  if (found.length === 0) return null;
  if (found.length !== 2 || found[0] !== found[1]) throw new Error(`body carries mismatched counters: ${found.join(', ')}`);
  return found[0]!;
}
