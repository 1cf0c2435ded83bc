import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BylineEntry } from '../../../../shared/model/anatomy.ts';
import { SerializedDocumentSchema, type SerializedNode } from '../../../../shared/model/document.ts';
import { blockIdOf, blockText, contentKey } from '../../../../shared/review/blockContent.ts';
import { isMergeConflictBlock, mergeStories, type FieldConflict, type MergeResult } from '../../../../shared/review/merge.ts';
import type { StorySnapshot } from '../../../../shared/review/metadataDiff.ts';
import { tokenize } from '../../../../shared/review/wordDiff.ts';

/**
 * The merge's promise, checked on random stories and random concurrent
 * edits: nothing either side typed is lost (see the invariant in
 * shared/review/merge.ts), the result is a valid story body, merging an edit
 * with itself or with nothing gives the edit back, and which side is "ours"
 * changes only order, not which words survive. Seeded, so a failure repeats.
 */

const WORDS = ['Chongqing', 'pilot', 'zone', 'hospitals', 'banks', 'open', 'the', 'a', 'in', 'May', '重', '庆', '试', '点', '开', '放', '医院'];
const NAMES = ['Peng Qin', 'Li Wei', 'Zhao Min', 'Vivian Yan'];

type Run = [string, number];
interface Block {
  id: string;
  runs: Run[];
}

function blockId(side: number, n: number): string {
  return `b${side}${String(n).padStart(15, '0')}`;
}

function toNode(block: Block): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: block.runs.filter(([text]) => text !== '').map(([text, format]) => ({ type: 'text', version: 1, text, format, detail: 0, mode: 'normal', style: '' })),
    $: { blockId: block.id },
  };
}

interface Header {
  headline: string;
  standfirst: string;
  language: string;
  byline: BylineEntry[];
  place: string;
}

function snapshot(blocks: readonly Block[], header: Header): StorySnapshot {
  return {
    headline: header.headline,
    standfirst: header.standfirst,
    dateline: { place: header.place, date: null },
    byline: header.byline,
    language: header.language,
    body: { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: blocks.map(toNode) } },
  };
}

const word = fc.constantFrom(...WORDS);
const sentence = fc.array(word, { minLength: 0, maxLength: 7 }).map((words) => words.join(' '));
const run: fc.Arbitrary<Run> = fc.tuple(sentence, fc.constantFrom(0, 0, 1, 2));
const baseArb = fc.record({
  blocks: fc.array(fc.array(run, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 6 }),
  headline: sentence,
  standfirst: sentence,
});

/** One edit a person makes; indexes are taken modulo what is there when it is applied. */
type Edit =
  | { kind: 'insert' | 'replace'; block: number; run: number; at: number; word: string }
  | { kind: 'delete'; block: number; run: number; at: number }
  | { kind: 'format'; block: number; run: number; format: number }
  | { kind: 'add'; at: number; text: string }
  | { kind: 'remove'; block: number }
  | { kind: 'move'; block: number; to: number }
  | { kind: 'headline' | 'standfirst'; at: number; word: string }
  | { kind: 'language'; language: string }
  | { kind: 'byline'; name: string }
  | { kind: 'place'; place: string };

const nat = fc.nat({ max: 50 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('insert' as const, 'replace' as const), block: nat, run: nat, at: nat, word }),
  fc.record({ kind: fc.constant('delete' as const), block: nat, run: nat, at: nat }),
  fc.record({ kind: fc.constant('format' as const), block: nat, run: nat, format: fc.constantFrom(0, 1, 2, 3) }),
  fc.record({ kind: fc.constant('add' as const), at: nat, text: sentence }),
  fc.record({ kind: fc.constant('remove' as const), block: nat }),
  fc.record({ kind: fc.constant('move' as const), block: nat, to: nat }),
  fc.record({ kind: fc.constantFrom('headline' as const, 'standfirst' as const), at: nat, word }),
  fc.record({ kind: fc.constant('language' as const), language: fc.constantFrom('en', 'en-GB', 'zh-Hans') }),
  fc.record({ kind: fc.constant('byline' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('place' as const), place: fc.constantFrom('Chongqing', 'Beijing', 'Yuzhong') }),
);
const editsArb = fc.array(editArb, { minLength: 0, maxLength: 8 });

/** Words of a text, cut as the merge cuts them (spaces left out). */
function words(text: string, into = new Map<string, number>()): Map<string, number> {
  for (const token of tokenize(text)) if (token.trim() !== '') into.set(token, (into.get(token) ?? 0) + 1);
  return into;
}

function editWords(text: string, edit: { at: number; word?: string; kind: string }): string {
  const list = text === '' ? [] : text.split(' ');
  const at = edit.at % (list.length + 1);
  if (edit.kind === 'delete') list.splice(at % Math.max(1, list.length), 1);
  else if (edit.kind === 'replace' && list.length > 0) list[at % list.length] = edit.word!;
  else list.splice(at, 0, edit.word!);
  return list.join(' ');
}

function applyEdits(blocks: readonly Block[], header: Header, edits: readonly Edit[], side: number): [Block[], Header] {
  const out = structuredClone(blocks) as Block[];
  const head = structuredClone(header);
  let added = 0;
  for (const edit of edits) {
    switch (edit.kind) {
      case 'insert':
      case 'replace':
      case 'delete':
      case 'format': {
        if (out.length === 0) break;
        const block = out[edit.block % out.length]!;
        const target = block.runs[edit.run % block.runs.length]!;
        if (edit.kind === 'format') target[1] = edit.format;
        else target[0] = editWords(target[0], edit);
        break;
      }
      case 'add':
        out.splice(edit.at % (out.length + 1), 0, { id: blockId(side, added++), runs: [[edit.text, 0]] });
        break;
      case 'remove':
        if (out.length > 0) out.splice(edit.block % out.length, 1);
        break;
      case 'move': {
        if (out.length === 0) break;
        const [moved] = out.splice(edit.block % out.length, 1);
        out.splice(edit.to % (out.length + 1), 0, moved!);
        break;
      }
      case 'headline':
      case 'standfirst':
        head[edit.kind] = editWords(head[edit.kind], { ...edit, kind: 'insert' });
        break;
      case 'language':
        head.language = edit.language;
        break;
      case 'byline':
        if (!head.byline.some((entry) => entry.name === edit.name)) head.byline.push({ personId: null, name: edit.name, role: 'author' });
        break;
      case 'place':
        head.place = edit.place;
        break;
    }
  }
  return [out, head];
}

const scenario = fc.record({ base: baseArb, ours: editsArb, theirs: editsArb }).map(({ base, ours, theirs }) => {
  const blocks: Block[] = base.blocks.map((runs, n) => ({ id: blockId(0, n), runs }));
  const header: Header = { headline: base.headline, standfirst: base.standfirst, language: 'en', byline: [], place: 'Chongqing' };
  const b = snapshot(blocks, header);
  const o = snapshot(...applyEdits(blocks, header, ours, 1));
  const t = snapshot(...applyEdits(blocks, header, theirs, 2));
  return { b, o, t };
});

/** Checks the invariant of shared/review/merge.ts for one side; returns a description of the first loss, or null. */
function lossFor(side: 'ours' | 'theirs', base: StorySnapshot, mine: StorySnapshot, result: MergeResult): string | null {
  const merged = result.merged;
  const baseBlocks = new Map(base.body.root.children.map((block) => [blockIdOf(block)!, block]));
  const mergedBlocks = new Map(merged.body.root.children.map((block) => [blockIdOf(block)!, block]));
  for (const block of mine.body.root.children) {
    const key = blockIdOf(block)!;
    const before = baseBlocks.get(key);
    if (before !== undefined && contentKey(before) === contentKey(block)) continue;
    const now = mergedBlocks.get(key);
    if (now === undefined) return `${side}'s edited block ${key} is gone`;
    let text: string;
    if (isMergeConflictBlock(now)) {
      const version = now[side];
      if (version === null || contentKey(version) !== contentKey(block)) return `the conflict block for ${key} lacks ${side}'s version`;
      text = blockText(version);
    } else {
      text = blockText(now);
    }
    const short = shortfall(blockText(block), before === undefined ? '' : blockText(before), text);
    if (short !== null) return `block ${key} lost ${side}'s “${short}”`;
  }
  const fieldConflict = (field: string): FieldConflict | undefined =>
    result.conflicts.find((conflict): conflict is FieldConflict => conflict.kind === 'field' && conflict.field === field);
  for (const field of ['headline', 'standfirst'] as const) {
    const kept = (fieldConflict(field)?.[side] as string | undefined) ?? merged[field];
    const short = shortfall(mine[field], base[field], kept);
    if (short !== null) return `${field} lost ${side}'s “${short}”`;
  }
  for (const entry of mine.byline) {
    const offered = (fieldConflict('byline')?.[side] as BylineEntry[] | undefined) ?? merged.byline;
    if (!offered.some((person) => person.name === entry.name)) return `byline lost ${entry.name}`;
  }
  if (mine.language !== base.language && merged.language !== mine.language && fieldConflict('language')?.[side] !== mine.language) return `language lost ${side}'s ${mine.language}`;
  if (mine.dateline.place !== base.dateline.place && merged.dateline.place !== mine.dateline.place && (fieldConflict('dateline')?.[side] as { place: string } | undefined)?.place !== mine.dateline.place) return `dateline lost ${side}'s place`;
  return null;
}

/** A word `side` added (count in side − count in base) that `kept` has fewer of; null when none. */
function shortfall(side: string, base: string, kept: string): string | null {
  const baseWords = words(base);
  const keptWords = words(kept);
  for (const [w, count] of words(side)) {
    if ((keptWords.get(w) ?? 0) < count - (baseWords.get(w) ?? 0)) return w;
  }
  return null;
}

/** Every word of the merged body, conflict blocks counted by both their versions. */
function bodyWords(story: StorySnapshot): string[] {
  const out: string[] = [];
  for (const block of story.body.root.children) {
    const versions = isMergeConflictBlock(block) ? [block.ours, block.theirs] : [block];
    for (const version of versions) if (version !== null) for (const [w, n] of words(blockText(version))) for (let i = 0; i < n; i++) out.push(w);
  }
  return out.sort();
}

/** Tallies what the merge had to do, so the test can tell its random edits exercised it. */
function count(seen: Record<'conflictBlocks' | 'mergedInside' | 'keptEdits' | 'fieldConflicts', number>, b: StorySnapshot, o: StorySnapshot, t: StorySnapshot, result: MergeResult): void {
  const byId = (story: StorySnapshot): Map<string, string> => new Map(story.body.root.children.map((block) => [blockIdOf(block)!, contentKey(block)]));
  const [base, ours, theirs] = [byId(b), byId(o), byId(t)];
  for (const block of result.merged.body.root.children) {
    if (isMergeConflictBlock(block)) {
      seen.conflictBlocks++;
      continue;
    }
    const key = blockIdOf(block)!;
    const [kb, ko, kt] = [base.get(key), ours.get(key), theirs.get(key)];
    if (kb !== undefined && ko !== undefined && kt !== undefined && ko !== kb && kt !== kb && ko !== kt) seen.mergedInside++;
  }
  seen.keptEdits += result.conflicts.filter((conflict) => conflict.kind === 'kept-edit').length;
  seen.fieldConflicts += result.conflicts.filter((conflict) => conflict.kind === 'field').length;
}

const RUNS = { seed: 20_260_501, numRuns: 200 };

describe('mergeStories under random concurrent edits', () => {
  it('never loses a word either side added, and gives a valid story', () => {
    const seen = { conflictBlocks: 0, mergedInside: 0, keptEdits: 0, fieldConflicts: 0 };
    fc.assert(
      fc.property(scenario, ({ b, o, t }) => {
        const result = mergeStories(b, o, t);
        count(seen, b, o, t, result);
        expect(lossFor('ours', b, o, result)).toBeNull();
        expect(lossFor('theirs', b, t, result)).toBeNull();
        const parsed = SerializedDocumentSchema.safeParse(result.merged.body);
        expect(parsed.success, parsed.success ? '' : parsed.error.issues[0]!.message).toBe(true);
        expect(result.clean).toBe(!result.conflicts.some((conflict) => conflict.kind === 'field' || conflict.kind === 'block'));
      }),
      RUNS,
    );
    // The random edits reach every path: a generator that never made two sides clash would prove nothing.
    expect(seen.conflictBlocks).toBeGreaterThan(0);
    expect(seen.mergedInside).toBeGreaterThan(0);
    expect(seen.keptEdits).toBeGreaterThan(0);
    expect(seen.fieldConflicts).toBeGreaterThan(0);
  });

  it('gives the edit back when merged with itself or with no change', () => {
    fc.assert(
      fc.property(scenario, ({ b, o }) => {
        expect(mergeStories(b, o, structuredClone(o)).merged).toEqual(o);
        expect(mergeStories(b, o, b).merged).toEqual(o);
        expect(mergeStories(b, b, o).merged).toEqual(o);
      }),
      RUNS,
    );
  });

  it('keeps the same words in the body whichever side is ours', () => {
    fc.assert(
      fc.property(scenario, ({ b, o, t }) => {
        expect(bodyWords(mergeStories(b, t, o).merged)).toEqual(bodyWords(mergeStories(b, o, t).merged));
      }),
      RUNS,
    );
  });
});
