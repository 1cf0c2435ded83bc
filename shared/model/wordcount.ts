/**
 * Word counting that respects the story's language. Latin-script text counts
 * words as Intl.Segmenter finds them, a hyphenated compound as one; CJK text
 * (which has no spaces) counts characters, the way Chinese, Japanese and
 * Korean newsrooms measure length.
 */

// Han ideographs, kana, Hangul syllables and CJK punctuation-free letters.
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CHAR_GLOBAL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

export interface TextCount {
  /** Words in non-CJK text plus characters in CJK text: the figure a desk quotes. */
  words: number;
  /** CJK characters counted (already included in `words`). */
  cjkCharacters: number;
  /** Minutes to read, rounded up; 0 for an empty story. */
  readingMinutes: number;
}

/** Reading speeds used for the estimate. */
export const READING_SPEED = { wordsPerMinute: 230, cjkCharactersPerMinute: 400 } as const;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    } catch {
      // An unknown or malformed tag must not stop counting; fall back to the root locale.
      segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    }
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/**
 * Intl.Segmenter (V8 in Node 20) gets slower per character as the string grows:
 * 30,000 characters take ~100 ms, 140,000 take seconds. Segmenting lines, and
 * long lines in pieces cut at a space, keeps counting linear. Words never span
 * a line break or a space, so the count is unchanged.
 */
const CHUNK = 1000;

function* chunks(text: string): Generator<string> {
  for (const line of text.split('\n')) {
    let start = 0;
    while (line.length - start > CHUNK) {
      const cut = cutPoint(line, start);
      yield line.slice(start, cut);
      start = cut;
    }
    yield line.slice(start);
  }
}

/** Where to end a chunk that starts at `start` without splitting a word. */
function cutPoint(line: string, start: number): number {
  const space = line.lastIndexOf(' ', start + CHUNK);
  if (space > start) return space;
  // Chinese and Japanese paragraphs have no spaces; CJK is counted per character,
  // so cutting just before a CJK character changes nothing.
  for (let i = start + CHUNK; i > start + CHUNK / 2; i--) if (CJK_CHAR.test(line[i]!)) return i;
  // A long run such as a pasted URL: end the chunk at the next space if it is near.
  const nextSpace = line.indexOf(' ', start + CHUNK);
  if (nextSpace !== -1 && nextSpace - start <= 4 * CHUNK) return nextSpace;
  // Otherwise cut anyway (miscounting one word at most), but never inside a surrogate pair.
  const code = line.charCodeAt(start + CHUNK - 1);
  return code >= 0xd800 && code <= 0xdbff ? start + CHUNK - 1 : start + CHUNK;
}

/** Hyphens that join a compound into one word ("well-known", "e-mail"), as a reader and word processors count it. */
const JOINING_HYPHENS = new Set(['-', '\u2010', '\u2011']);

interface ChunkCount {
  words: number;
  cjkCharacters: number;
}

/**
 * Counts per chunk, remembered: an autosave re-counts a whole story after a
 * one-word edit, and the editor re-counts on every keystroke, while almost
 * every paragraph is unchanged. Bounded, and simply cleared when full.
 */
const chunkCache = new Map<string, ChunkCount>();
const CHUNK_CACHE_LIMIT = 4000;
const CACHE_MIN_LENGTH = 40;

function countChunk(segmenter: Intl.Segmenter, language: string, chunk: string): ChunkCount {
  const cacheable = chunk.length >= CACHE_MIN_LENGTH;
  const key = cacheable ? `${language}\u0000${chunk}` : '';
  const cached = cacheable ? chunkCache.get(key) : undefined;
  if (cached) return cached;

  let words = 0;
  let cjkCharacters = 0;
  // The Segmenter splits "well-known" in two; a hyphen directly between two words joins them.
  let previousWasWord = false;
  let joined = false;
  for (const { segment, isWordLike } of segmenter.segment(chunk)) {
    if (!isWordLike) {
      joined = previousWasWord && JOINING_HYPHENS.has(segment);
      previousWasWord = false;
      continue;
    }
    if (CJK_CHAR.test(segment)) {
      // A CJK segment may be a multi-character word ("服务业"): count its characters.
      const cjk = segment.match(CJK_CHAR_GLOBAL)?.length ?? 0;
      cjkCharacters += cjk;
      words += cjk;
      // Mixed segments such as "5G网络" also carry a Latin/number run.
      if (segment.replace(CJK_CHAR_GLOBAL, '').trim().length > 0) words += 1;
      previousWasWord = false;
    } else {
      if (!joined) words += 1;
      previousWasWord = true;
    }
    joined = false;
  }
  const result = { words, cjkCharacters };
  if (cacheable) {
    if (chunkCache.size >= CHUNK_CACHE_LIMIT) chunkCache.clear();
    chunkCache.set(key, result);
  }
  return result;
}

export function countText(text: string, language = 'en'): TextCount {
  const segmenter = segmenterFor(language);
  let words = 0;
  let cjkCharacters = 0;
  for (const chunk of chunks(text)) {
    const counted = countChunk(segmenter, language, chunk);
    words += counted.words;
    cjkCharacters += counted.cjkCharacters;
  }
  const latinWords = words - cjkCharacters;
  const minutes = latinWords / READING_SPEED.wordsPerMinute + cjkCharacters / READING_SPEED.cjkCharactersPerMinute;
  return { words, cjkCharacters, readingMinutes: words === 0 ? 0 : Math.max(1, Math.ceil(minutes)) };
}

/** "1 word", "1,234 words" */
export function formatWordCount(words: number, locale = 'en'): string {
  return `${words.toLocaleString(locale)} ${words === 1 ? 'word' : 'words'}`;
}

/** "1 min read", "under a minute" for empty stories is not shown. */
export function formatReadingTime(minutes: number): string {
  return minutes <= 1 ? '1 min read' : `${minutes} min read`;
}
