import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sideText, tokenize, wordDiff, type WordDiffOp } from '../../../../shared/review/wordDiff.ts';

function changes(ops: readonly WordDiffOp[]): WordDiffOp[] {
  return ops.filter((op) => op.op !== 'equal');
}

/** Every diff must rebuild both texts exactly, whatever else it does. */
function expectFaithful(before: string, after: string, ops: readonly WordDiffOp[]): void {
  expect(sideText(ops, 'before')).toBe(before);
  expect(sideText(ops, 'after')).toBe(after);
}

describe('tokenize', () => {
  it('cuts English into words, spaces and punctuation, keeping contractions and numbers whole', () => {
    expect(tokenize("It's 3.5% higher, officials said.")).toEqual(["It's", ' ', '3.5', '%', ' ', 'higher', ',', ' ', 'officials', ' ', 'said', '.']);
  });

  it('cuts Chinese into single characters', () => {
    expect(tokenize('重庆支持港澳服务。', 'zh-Hans')).toEqual(['重', '庆', '支', '持', '港', '澳', '服', '务', '。']);
  });
});

describe('wordDiff, English', () => {
  it('marks one replaced word as one deletion and one insertion between unchanged runs', () => {
    const before = 'The committee met on Tuesday to approve the budget.';
    const after = 'The committee met on Wednesday to approve the budget.';
    const ops = wordDiff(before, after, { language: 'en' });
    expect(ops).toEqual([
      { op: 'equal', text: 'The committee met on ' },
      { op: 'delete', text: 'Tuesday' },
      { op: 'insert', text: 'Wednesday' },
      { op: 'equal', text: ' to approve the budget.' },
    ]);
  });

  it('marks whole words, not the letters two words share', () => {
    expect(changes(wordDiff('The cat sat.', 'The bat sat.'))).toEqual([
      { op: 'delete', text: 'cat' },
      { op: 'insert', text: 'bat' },
    ]);
  });

  it('marks a changed punctuation mark alone', () => {
    const ops = wordDiff('Prices rose, analysts said.', 'Prices rose; analysts said!');
    expect(changes(ops)).toEqual([
      { op: 'delete', text: ',' },
      { op: 'insert', text: ';' },
      { op: 'delete', text: '.' },
      { op: 'insert', text: '!' },
    ]);
    expectFaithful('Prices rose, analysts said.', 'Prices rose; analysts said!', ops);
  });

  it('joins neighbouring changed words into one readable replacement', () => {
    expect(wordDiff('The quick brown fox jumps.', 'A slow red fox jumps.')).toEqual([
      { op: 'delete', text: 'The quick brown' },
      { op: 'insert', text: 'A slow red' },
      { op: 'equal', text: ' fox jumps.' },
    ]);
  });

  it('shows a whitespace-only change as whitespace, leaving the words alone', () => {
    const ops = wordDiff('Two  spaces here.', 'Two spaces here.');
    expect(changes(ops)).toEqual([{ op: 'delete', text: ' ' }]);
    expectFaithful('Two  spaces here.', 'Two spaces here.', ops);
    const tab = wordDiff('Line\tend', 'Line end');
    expect(changes(tab).every((op) => op.text.trim() === '')).toBe(true);
    expectFaithful('Line\tend', 'Line end', tab);
  });

  it('handles empty sides and identical texts', () => {
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('Same.', 'Same.')).toEqual([{ op: 'equal', text: 'Same.' }]);
    expect(wordDiff('', 'New text.')).toEqual([{ op: 'insert', text: 'New text.' }]);
    expect(wordDiff('Old text.', '')).toEqual([{ op: 'delete', text: 'Old text.' }]);
  });

  it('always rebuilds both texts (pseudo-random edits)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['the', 'desk', ' ', '  ', ',', '.', '重', '庆', '5G', 'é', '\n'];
    const text = (): string => Array.from({ length: random(25) }, () => pieces[random(pieces.length)]).join('');
    for (let n = 0; n < 500; n++) {
      const before = text();
      const after = text();
      expectFaithful(before, after, wordDiff(before, after));
    }
  });
});

describe('wordDiff, Chinese', () => {
  const story = readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'articles', 'zh-short.txt'), 'utf8');
  const sentence = story.split('\n').find((line) => line.startsWith('重庆支持港澳服务提供者'))!;

  it('marks only the changed characters of a sentence from the fixture', () => {
    expect(sentence).toContain('积极探索');
    const after = sentence.replace('积极探索', '研究');
    const ops = wordDiff(sentence, after, { language: 'zh-Hans' });
    expect(changes(ops)).toEqual([
      { op: 'delete', text: '积极探索' },
      { op: 'insert', text: '研究' },
    ]);
    expectFaithful(sentence, after, ops);
  });

  it('marks one character when a two-character word changes in one character', () => {
    const after = sentence.replace('独资', '合资');
    expect(changes(wordDiff(sentence, after, { language: 'zh-Hans' }))).toEqual([
      { op: 'delete', text: '独' },
      { op: 'insert', text: '合' },
    ]);
  });
});

describe('wordDiff, long blocks', () => {
  it('diffs a 5,000-word block with one edit in the middle exactly', () => {
    const words = Array.from({ length: 5000 }, (_, n) => `word${n % 113}`);
    const before = words.join(' ');
    const edited = words.slice();
    edited[2500] = 'EDITED';
    const after = edited.join(' ');
    const ops = wordDiff(before, after);
    expect(changes(ops)).toEqual([
      { op: 'delete', text: `word${2500 % 113}` },
      { op: 'insert', text: 'EDITED' },
    ]);
    expectFaithful(before, after, ops);
  });

  it('diffs a 5,000-word block with edits at both ends (the whole middle tokenized)', () => {
    const words = Array.from({ length: 5000 }, (_, n) => `w${n}`);
    const before = words.join(' ');
    const edited = words.slice();
    edited[3] = 'first';
    edited[4996] = 'last';
    const after = edited.join(' ');
    const ops = wordDiff(before, after);
    expect(changes(ops)).toEqual([
      { op: 'delete', text: 'w3' },
      { op: 'insert', text: 'first' },
      { op: 'delete', text: 'w4996' },
      { op: 'insert', text: 'last' },
    ]);
  });

  it('gives two unrelated long texts as a faithful replacement rather than running on', () => {
    const before = Array.from({ length: 5000 }, (_, n) => `a${n}`).join(' ');
    const after = Array.from({ length: 5000 }, (_, n) => `b${n}`).join(' ');
    expectFaithful(before, after, wordDiff(before, after));
  });
});
