import { diffArrays } from 'diff';

/**
 * Word-level diff inside one block (DESIGN.md §6): the text is cut into words
 * and the spaces and punctuation between them, Chinese and Japanese into
 * single characters (they have no spaces, and a writer's edit is a few
 * characters), then compared with Myers' O(ND) algorithm (jsdiff), which stays
 * fast on a 5,000-word block with a few edits because its cost grows with the
 * number of differences, not with the product of the lengths.
 */

export const WORD_DIFF_OPS = ['equal', 'insert', 'delete'] as const;
export type WordDiffOpKind = (typeof WORD_DIFF_OPS)[number];

/** A run of text that is in both versions, only in the new one, or only in the old one. */
export interface WordDiffOp {
  op: WordDiffOpKind;
  text: string;
}

/**
 * Han ideographs (with extensions and compatibility forms), kana, and CJK
 * punctuation: scripts written without spaces, diffed one character at a time.
 * Hangul is written with spaces, so Korean words stay words.
 */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

const segmenters = new Map<string, Intl.Segmenter | null>();

function wordSegmenter(language: string | undefined): Intl.Segmenter | null {
  const key = language ?? '';
  let segmenter = segmenters.get(key);
  if (segmenter === undefined) {
    segmenter = null;
    if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
      try {
        segmenter = new Intl.Segmenter(language === undefined || language === '' ? undefined : language, { granularity: 'word' });
      } catch {
        // A tag the runtime rejects: the default locale segments words the same for our purpose.
        segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
      }
    }
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/** Runtimes without Intl.Segmenter: letters/digits runs, whitespace runs, and any other single character. */
const FALLBACK_TOKEN = /[\p{L}\p{N}\p{M}_'’]+|\s+|[\s\S]/gu;

/**
 * Tokens of `text` whose concatenation is `text`: words, runs of spaces, each
 * punctuation mark, and each CJK character on its own.
 *
 * Word boundaries never cross whitespace (UAX #29), so the text is first cut
 * at spaces; plain ASCII words are tokens as they are, and only the rest goes
 * through Intl.Segmenter (about 10 µs a call in V8), memoized per chunk since
 * prose repeats its words.
 */
export function tokenize(text: string, language?: string): string[] {
  const tokens: string[] = [];
  const segmenter = wordSegmenter(language);
  for (const chunk of text.split(/(\s+)/)) {
    if (chunk === '') continue;
    if (PLAIN_WORD.test(chunk) || /^\s/.test(chunk)) tokens.push(chunk);
    else for (const token of chunkTokens(chunk, segmenter)) tokens.push(token);
  }
  return tokens;
}

const PLAIN_WORD = /^[A-Za-z0-9]+$/;
const chunkCache = new Map<string, readonly string[]>();
const CHUNK_CACHE_LIMIT = 20_000;

function chunkTokens(chunk: string, segmenter: Intl.Segmenter | null): readonly string[] {
  const cacheable = chunk.length <= 64;
  const key = `${segmenter?.resolvedOptions().locale ?? ''}\u0000${chunk}`;
  const cached = cacheable ? chunkCache.get(key) : undefined;
  if (cached !== undefined) return cached;
  const tokens: string[] = [];
  const pieces: Iterable<string> = segmenter === null ? chunk.match(FALLBACK_TOKEN) ?? [] : mapSegments(segmenter.segment(chunk));
  for (const piece of pieces) {
    if (CJK_CHAR.test(piece)) {
      // One token per code point; a non-CJK run inside the piece (rare: "5G") stays together.
      let run = '';
      for (const char of piece) {
        if (CJK_CHAR.test(char)) {
          if (run !== '') tokens.push(run);
          run = '';
          tokens.push(char);
        } else {
          run += char;
        }
      }
      if (run !== '') tokens.push(run);
    } else {
      tokens.push(piece);
    }
  }
  if (cacheable) {
    if (chunkCache.size >= CHUNK_CACHE_LIMIT) chunkCache.clear();
    chunkCache.set(key, tokens);
  }
  return tokens;
}

function* mapSegments(segments: Intl.Segments): Iterable<string> {
  for (const { segment } of segments) yield segment;
}

/**
 * Above this many tokens on both sides, Myers' search is cut off once the
 * edit script gets this long relative to the input: two texts that share
 * almost nothing are shown as one deletion and one insertion rather than
 * spending seconds on a diff nobody can read.
 */
const EDIT_BUDGET = 20_000_000;

export interface WordDiffOptions {
  /** BCP 47 tag of the story, for word boundaries. */
  language?: string;
}

/**
 * The changes that turn `before` into `after`, as readable runs: joining the
 * equal and delete runs gives `before`, joining the equal and insert runs
 * gives `after`. Within a stretch of changes the deletion comes first.
 */
export function wordDiff(before: string, after: string, options: WordDiffOptions = {}): WordDiffOp[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  if (before === '') return [{ op: 'insert', text: after }];
  if (after === '') return [{ op: 'delete', text: before }];

  // Text both versions share at the start and the end is never tokenized:
  // Intl.Segmenter is slow (about 10 µs a word), and a writer's edit usually
  // touches a few words of a long block. The cut backs off to a token boundary.
  const [head, tail] = sharedEnds(before, after);
  const a = tokenize(before.slice(head, before.length - tail), options.language);
  const b = tokenize(after.slice(head, after.length - tail), options.language);

  // Common prefix and suffix tokens cost nothing to skip and shrink Myers' search space.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const ops: WordDiffOp[] = [];
  push(ops, 'equal', before.slice(0, head) + a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const size = midA.length + midB.length;
  const maxEditLength = Math.max(1000, Math.floor(EDIT_BUDGET / Math.max(1, size)));
  const changes = midA.length === 0 || midB.length === 0 ? undefined : diffArrays(midA, midB, { maxEditLength });
  if (changes === undefined) {
    push(ops, 'delete', midA.join(''));
    push(ops, 'insert', midB.join(''));
  } else {
    for (const change of changes) {
      push(ops, change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.value.join(''));
    }
  }
  push(ops, 'equal', a.slice(endA).join('') + before.slice(before.length - tail));
  return readableRuns(ops);
}

/** A position between two tokens: after a space or a CJK character (one token each). */
function isCut(char: string | undefined): boolean {
  return char !== undefined && (/\s/.test(char) || CJK_CHAR.test(char));
}

/**
 * Lengths of the text `before` and `after` share at their start and end, cut
 * back so that neither cut falls inside a word: the head ends after a space or
 * a CJK character, the tail starts with one.
 */
function sharedEnds(before: string, after: string): [number, number] {
  const limit = Math.min(before.length, after.length);
  let head = 0;
  while (head < limit && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  while (head > 0 && !isCut(before[head - 1])) head--;
  let tail = 0;
  while (tail < limit - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  while (tail > 0 && !isCut(before[before.length - tail])) tail--;
  return [head, tail];
}

function push(ops: WordDiffOp[], op: WordDiffOpKind, text: string): void {
  if (text === '') return;
  const last = ops.at(-1);
  if (last !== undefined && last.op === op) last.text += text;
  else ops.push({ op, text });
}

/** Equal runs this short, between two changes, are folded into the change ("the quick" → "a slow", not "the→a quick→slow"). */
const GLUE = /^[\s\p{P}]{1,3}$/u;

/**
 * Makes the raw edit script read like an editor's markup: each stretch of
 * changes becomes one deletion followed by one insertion, and a lone space or
 * comma between two changed words joins the stretch instead of splitting it.
 */
function readableRuns(raw: readonly WordDiffOp[]): WordDiffOp[] {
  const out: WordDiffOp[] = [];
  let deleted = '';
  let inserted = '';
  const flush = (): void => {
    push(out, 'delete', deleted);
    push(out, 'insert', inserted);
    deleted = '';
    inserted = '';
  };
  raw.forEach((op, index) => {
    if (op.op === 'delete') deleted += op.text;
    else if (op.op === 'insert') inserted += op.text;
    else {
      const inStretch = deleted !== '' || inserted !== '';
      const next = raw[index + 1];
      if (inStretch && next !== undefined && next.op !== 'equal' && GLUE.test(op.text)) {
        deleted += op.text;
        inserted += op.text;
      } else {
        flush();
        push(out, 'equal', op.text);
      }
    }
  });
  flush();
  return out;
}

/** The text of one side of a diff. */
export function sideText(ops: readonly WordDiffOp[], side: 'before' | 'after'): string {
  const skip: WordDiffOpKind = side === 'before' ? 'insert' : 'delete';
  return ops.filter((op) => op.op !== skip).map((op) => op.text).join('');
}
