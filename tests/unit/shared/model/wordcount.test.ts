import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countText, formatReadingTime, formatWordCount, READING_SPEED } from '../../../../shared/model/wordcount.ts';

const ZH_SHORT = readFileSync(new URL('../../../../../shared/fixtures/articles/zh-short.txt', import.meta.url), 'utf8');

const words = (text: string, language = 'en') => countText(text, language).words;

describe('English word counts', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['One', 1],
    ['The council met today.', 4],
    // Punctuation is never a word, wherever it sits.
    ['Wait — what?! (Really…) “Yes.”', 4],
    ['- * & — …', 0],
    // Contractions and possessives are one word each.
    ["It isn't the mayor's plan, they'd said.", 7],
    // Hyphenated compounds count once, as a reader and word processors count them
    // (Intl.Segmenter alone splits "well-known" in two).
    ['A well-known, state-of-the-art e-mail system.', 5],
    // A spaced hyphen or a dash between words is punctuation, not a joiner.
    ['before - after', 2],
    ['before—after', 2],
    // Numbers with separators and decimals are one word; currency signs are not words.
    ['It cost $3.5 million, or 10,000 euros, in 2024.', 9],
    ['U.S. officials', 2],
    // Line breaks separate words just like spaces.
    ['end\nstart', 2],
  ])('%j → %i', (text, expected) => {
    expect(words(text)).toBe(expected);
  });

  it('counts a 20,000-word story exactly and quickly (no quadratic slowdown on long text)', () => {
    const sentence = 'The council said on Tuesday that the well-known plan would cost $3.5 million. ';
    const perSentence = words(sentence);
    expect(perSentence).toBe(13);
    const long = sentence.repeat(1540); // ~20,000 words in one paragraph, ~120,000 characters
    const started = performance.now();
    expect(words(long)).toBe(13 * 1540);
    // Linear counting takes ~40 ms here; the unchunked Segmenter took over 10 s.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('counts the same wherever a long line is cut for speed', () => {
    for (const length of [990, 999, 1000, 1001, 1002, 1500, 3000]) {
      // One long word (a pasted URL) of `length` characters, then 500 short words.
      expect(words(`${'x'.repeat(length)} ${'ab '.repeat(500)}`), `word of ${length}`).toBe(1 + 500);
      expect(words(`${'ab '.repeat(400)}${'x'.repeat(length)} ${'ab '.repeat(400)}`), `word of ${length}`).toBe(801);
    }
    // A Chinese paragraph with no spaces at all, much longer than one piece.
    const han = '重庆服务业扩大开放综合试点。'.repeat(300);
    expect(countText(han, 'zh').cjkCharacters).toBe(13 * 300);
  });

  it('estimates reading time at the stated speed, rounded up, never under a minute for text', () => {
    expect(countText('').readingMinutes).toBe(0);
    expect(countText('word').readingMinutes).toBe(1);
    const exactlyOneMinute = Array.from({ length: READING_SPEED.wordsPerMinute }, () => 'word').join(' ');
    expect(countText(exactlyOneMinute).readingMinutes).toBe(1);
    expect(countText(`${exactlyOneMinute} extra`).readingMinutes).toBe(2);
    const fiveThousand = Array.from({ length: 5000 }, () => 'word').join(' ');
    expect(countText(fiveThousand).readingMinutes).toBe(Math.ceil(5000 / READING_SPEED.wordsPerMinute));
  });
});

describe('Chinese word counts', () => {
  const hanCharacters = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const digitRuns = (text: string) => text.match(/\d+/g)?.length ?? 0;

  it('counts every Han character of the zh-short fixture (not the few space-separated runs)', () => {
    const han = hanCharacters(ZH_SHORT);
    // Sanity: the fixture is a short news item of about 130 characters.
    expect(han).toBeGreaterThan(100);
    expect(han).toBeLessThan(200);
    const count = countText(ZH_SHORT, 'zh');
    expect(count.cjkCharacters).toBe(han);
    // The dates and numbers in it (9月6日, 9个领域) count as one word each.
    expect(count.words).toBe(han + digitRuns(ZH_SHORT));
    // Splitting on spaces would give about a dozen.
    expect(count.words).toBeGreaterThan(ZH_SHORT.split(/\s+/).filter(Boolean).length * 5);
  });

  it('counts characters, not punctuation, whatever the language tag says', () => {
    expect(countText('重庆，服务业。', 'zh-Hans')).toMatchObject({ words: 5, cjkCharacters: 5 });
    expect(countText('重庆，服务业。', 'en')).toMatchObject({ words: 5, cjkCharacters: 5 });
    expect(countText('重庆，服务业。', 'not a tag!')).toMatchObject({ words: 5, cjkCharacters: 5 });
  });

  it('reads Chinese at characters per minute', () => {
    const text = '重'.repeat(READING_SPEED.cjkCharactersPerMinute * 3);
    expect(countText(text, 'zh').readingMinutes).toBe(3);
  });

  it('counts Japanese kana and Korean Hangul by character too', () => {
    expect(countText('ひらがな', 'ja').cjkCharacters).toBe(4);
    expect(countText('한국어', 'ko').cjkCharacters).toBe(3);
  });
});

describe('mixed English and Chinese', () => {
  it('adds English words and Chinese characters', () => {
    // 重庆 (2) + Chongqing (1) + 5G (1) + 网络 (2) + 2024 (1) + 年 (1) + pilot (1) + 试点 (2)
    const count = countText('重庆 Chongqing 5G网络 2024年 pilot 试点', 'zh');
    expect(count.cjkCharacters).toBe(7);
    expect(count.words).toBe(11);
  });

  it('estimates reading time from both speeds', () => {
    const english = Array.from({ length: READING_SPEED.wordsPerMinute }, () => 'word').join(' ');
    const chinese = '重'.repeat(READING_SPEED.cjkCharactersPerMinute);
    expect(countText(`${english}\n${chinese}`, 'zh').readingMinutes).toBe(2);
  });
});

describe('formatting', () => {
  it('pluralises and groups thousands', () => {
    expect(formatWordCount(0)).toBe('0 words');
    expect(formatWordCount(1)).toBe('1 word');
    expect(formatWordCount(1234)).toBe('1,234 words');
    expect(formatReadingTime(1)).toBe('1 min read');
    expect(formatReadingTime(7)).toBe('7 min read');
  });
});
