/**
 * Word counting that respects the story's language. Latin-script text counts
 * words between spaces; CJK text (which has no spaces) counts characters,
 * the way Chinese, Japanese and Korean newsrooms measure length.
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

export function countText(text: string, language = 'en'): TextCount {
  let words = 0;
  let cjkCharacters = 0;
  for (const { segment, isWordLike } of segmenterFor(language).segment(text)) {
    if (!isWordLike) continue;
    if (CJK_CHAR.test(segment)) {
      // A CJK segment may be a multi-character word ("服务业"): count its characters.
      const cjk = segment.match(CJK_CHAR_GLOBAL)?.length ?? 0;
      cjkCharacters += cjk;
      words += cjk;
      // Mixed segments such as "5G网络" also carry a Latin/number run.
      if (segment.replace(CJK_CHAR_GLOBAL, '').trim().length > 0) words += 1;
    } else {
      words += 1;
    }
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
