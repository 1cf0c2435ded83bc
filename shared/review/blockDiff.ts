import { diffArrays } from 'diff';
import { captionText, DEFAULT_SECTORS, NOTE_ROLES, type NoteRole } from '../model/anatomy.ts';
import { NOTE_ROLE_LABELS } from '../model/credits.ts';
import type { SerializedDocument, SerializedNode } from '../model/document.ts';
import { sectorLabel } from '../model/publication.ts';
import {
  blockIdOf,
  blockText,
  blockTypeLabel,
  contentKey,
  isContributorNote,
  isFigure,
  isSectorHeading,
  type ReviewOptions,
} from './blockContent.ts';
import { diffPeople } from './people.ts';
import { wordDiff, type WordDiffOp } from './wordDiff.ts';

/**
 * Block diff (DESIGN.md §6): the top-level blocks of two versions of a story
 * aligned by their stable ids, so a paragraph that was rewritten is "changed"
 * rather than "removed + added", and one that was dragged elsewhere is
 * "moved" rather than two unrelated edits.
 */

export const BLOCK_CHANGE_KINDS = ['unchanged', 'added', 'removed', 'moved', 'changed', 'moved+changed'] as const;
export type BlockChangeKind = (typeof BLOCK_CHANGE_KINDS)[number];

export interface BlockDiffEntry {
  kind: BlockChangeKind;
  /** The block's stable id; null for a block without one (matched by position and type). */
  blockId: string | null;
  /** The block in the old version (absent when added). */
  before?: SerializedNode;
  /** Its index among the old version's top-level blocks. */
  beforeIndex?: number;
  /** The block in the new version (absent when removed). */
  after?: SerializedNode;
  afterIndex?: number;
  /** For a changed block whose text changed: the word diff (a figure: of its caption; a contributor note: of its sentence). */
  words?: WordDiffOp[];
  /** For a changed block: what changed besides the words, in plain words ("Sector: Health Care → Education"). */
  details?: string[];
}

interface Pair {
  before: number;
  after: number;
}

/** The old and new versions' top-level blocks, aligned, in the new version's reading order (removed blocks where they stood). */
export function diffBlocks(a: SerializedDocument, b: SerializedDocument, options: ReviewOptions = {}): BlockDiffEntry[] {
  const before = a.root.children;
  const after = b.root.children;
  const pairs = matchBlocks(before, after);
  const stay = inOrder(pairs);

  const afterToBefore = new Map<number, number>();
  const matchedBefore = new Set<number>();
  for (const pair of pairs) {
    afterToBefore.set(pair.after, pair.before);
    matchedBefore.add(pair.before);
  }

  // For each position in the new version, the old index of the next block that stayed in order:
  // removed blocks are listed just before it, so they appear where they used to be.
  const nextStay = new Array<number>(after.length + 1);
  nextStay[after.length] = before.length;
  for (let j = after.length - 1; j >= 0; j--) {
    const i = afterToBefore.get(j);
    nextStay[j] = i !== undefined && stay.has(i) ? i : nextStay[j + 1]!;
  }

  const entries: BlockDiffEntry[] = [];
  let cursor = 0;
  const flushRemoved = (upTo: number): void => {
    for (; cursor < upTo; cursor++) {
      if (matchedBefore.has(cursor)) continue;
      const block = before[cursor]!;
      entries.push({ kind: 'removed', blockId: blockIdOf(block), before: block, beforeIndex: cursor });
    }
  };

  after.forEach((block, j) => {
    flushRemoved(nextStay[j]!);
    const i = afterToBefore.get(j);
    if (i === undefined) {
      entries.push({ kind: 'added', blockId: blockIdOf(block), after: block, afterIndex: j });
      return;
    }
    if (stay.has(i)) cursor = Math.max(cursor, i + 1);
    const old = before[i]!;
    const changed = contentKey(old) !== contentKey(block);
    const moved = !stay.has(i);
    const kind: BlockChangeKind = moved ? (changed ? 'moved+changed' : 'moved') : changed ? 'changed' : 'unchanged';
    const entry: BlockDiffEntry = { kind, blockId: blockIdOf(block) ?? blockIdOf(old), before: old, beforeIndex: i, after: block, afterIndex: j };
    if (changed) Object.assign(entry, describeChange(old, block, options));
    entries.push(entry);
  });
  flushRemoved(before.length);
  return entries;
}

/**
 * Pairs of (old index, new index) for the same block: by id first; blocks
 * without an id are paired by content where it is identical, then by type in
 * the order they come (the same paragraph, edited, in the same place).
 */
function matchBlocks(before: readonly SerializedNode[], after: readonly SerializedNode[]): Pair[] {
  const pairs: Pair[] = [];
  const byId = new Map<string, number>();
  before.forEach((block, i) => {
    const id = blockIdOf(block);
    if (id !== null && !byId.has(id)) byId.set(id, i);
  });
  const looseBefore: number[] = [];
  const looseAfter: number[] = [];
  before.forEach((block, i) => {
    if (blockIdOf(block) === null) looseBefore.push(i);
  });
  after.forEach((block, j) => {
    const id = blockIdOf(block);
    if (id === null) {
      looseAfter.push(j);
      return;
    }
    const i = byId.get(id);
    if (i !== undefined) {
      pairs.push({ before: i, after: j });
      byId.delete(id);
    }
  });
  if (looseBefore.length > 0 && looseAfter.length > 0) pairs.push(...matchLoose(before, after, looseBefore, looseAfter));
  return pairs.sort((x, y) => x.before - y.before);
}

function matchLoose(before: readonly SerializedNode[], after: readonly SerializedNode[], looseBefore: number[], looseAfter: number[]): Pair[] {
  const keysBefore = looseBefore.map((i) => contentKey(before[i]!));
  const keysAfter = looseAfter.map((j) => contentKey(after[j]!));
  const pairs: Pair[] = [];
  let x = 0;
  let y = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const pairHunk = (): void => {
    // Within one stretch of differences, the k-th removed block of a type is taken to be the k-th added one, edited.
    const used = new Set<number>();
    for (const i of removed) {
      const j = added.find((candidate) => !used.has(candidate) && after[candidate]!.type === before[i]!.type);
      if (j === undefined) continue;
      used.add(j);
      pairs.push({ before: i, after: j });
    }
    removed = [];
    added = [];
  };
  for (const change of diffArrays(keysBefore, keysAfter)) {
    const count = change.count;
    if (change.removed) {
      removed.push(...looseBefore.slice(x, x + count));
      x += count;
    } else if (change.added) {
      added.push(...looseAfter.slice(y, y + count));
      y += count;
    } else {
      pairHunk();
      for (let k = 0; k < count; k++) pairs.push({ before: looseBefore[x + k]!, after: looseAfter[y + k]! });
      x += count;
      y += count;
    }
  }
  pairHunk();
  return pairs;
}

/**
 * The old indexes of the blocks that kept their relative order: a longest
 * increasing subsequence of the new positions taken in old order, so only the
 * fewest blocks count as moved (two swapped sections: the shorter one moved).
 * Patience sorting, O(n log n).
 */
function inOrder(pairs: readonly Pair[]): Set<number> {
  const tails: number[] = []; // tails[k]: index into pairs of the smallest tail of an increasing run of length k+1
  const previous = new Array<number>(pairs.length).fill(-1);
  pairs.forEach((pair, p) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]!.after < pair.after) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1]!;
    tails[lo] = p;
  });
  const stay = new Set<number>();
  for (let p = tails.at(-1) ?? -1; p !== -1; p = previous[p]!) stay.add(pairs[p]!.before);
  return stay;
}

/** Word diff and plain-words details of a block whose content changed. */
function describeChange(old: SerializedNode, block: SerializedNode, options: ReviewOptions): Pick<BlockDiffEntry, 'words' | 'details'> {
  const details: string[] = [];
  const typeBefore = blockTypeLabel(old);
  const typeAfter = blockTypeLabel(block);
  if (typeBefore !== typeAfter) details.push(`${typeBefore} → ${typeAfter}`);
  const language = options.language === undefined ? {} : { language: options.language };

  if (isSectorHeading(old) && isSectorHeading(block)) {
    const sectors = options.sectors ?? DEFAULT_SECTORS;
    if (old.sectorId !== block.sectorId) details.push(`Sector: ${sectorLabel(sectors, old.sectorId)} → ${sectorLabel(sectors, block.sectorId)}`);
    return { details };
  }

  if (isFigure(old) && isFigure(block)) {
    const captionBefore = captionText(old.caption);
    const captionAfter = captionText(block.caption);
    const result: Pick<BlockDiffEntry, 'words' | 'details'> = { details };
    if (captionBefore !== captionAfter) {
      result.words = wordDiff(captionBefore, captionAfter, language);
      details.push('Caption');
    } else if (JSON.stringify(old.caption) !== JSON.stringify(block.caption)) {
      details.push('Caption formatting');
    }
    if (old.credit !== block.credit) details.push(`Credit: ${quoted(old.credit)} → ${quoted(block.credit)}`);
    if (old.creator !== block.creator) details.push(`Photographer: ${quoted(old.creator)} → ${quoted(block.creator)}`);
    if (old.alt !== block.alt) details.push(`Alt text: ${quoted(old.alt)} → ${quoted(block.alt)}`);
    const photoBefore = old.media?.sha256 ?? null;
    const photoAfter = block.media?.sha256 ?? null;
    if (photoBefore !== photoAfter) details.push(photoBefore === null ? 'Photo added' : photoAfter === null ? 'Photo removed' : 'Photo replaced');
    if (details.length === 0) details.push('Figure settings');
    return result;
  }

  if (isContributorNote(old) && isContributorNote(block)) {
    for (const change of diffPeople<NoteRole>(old.contributors, block.contributors)) {
      if (change.kind === 'added') details.push(`Added ${change.person.name} (${noteRoleLabel(change.person.role)})`);
      else if (change.kind === 'removed') details.push(`Removed ${change.person.name} (${noteRoleLabel(change.person.role)})`);
      else details.push(`${change.after.name}: ${noteRoleLabel(change.before.role)} → ${noteRoleLabel(change.after.role)}`);
    }
    if (details.length === 0) details.push('Order of contributors');
    const textBefore = blockText(old, options);
    const textAfter = blockText(block, options);
    return textBefore === textAfter ? { details } : { details, words: wordDiff(textBefore, textAfter, language) };
  }

  const textBefore = blockText(old, options);
  const textAfter = blockText(block, options);
  const result: Pick<BlockDiffEntry, 'words' | 'details'> = { details };
  if (textBefore !== textAfter) result.words = wordDiff(textBefore, textAfter, language);
  if ((old.format ?? '') !== (block.format ?? '')) details.push('Alignment');
  if ((old.indent ?? 0) !== (block.indent ?? 0)) details.push('Indent');
  if (textBefore === textAfter && details.length === 0) details.push('Formatting');
  return result;
}

function noteRoleLabel(role: string): string {
  return (NOTE_ROLES as readonly string[]).includes(role) ? NOTE_ROLE_LABELS[role as NoteRole] : role;
}

function quoted(text: string): string {
  return text.trim() === '' ? '(none)' : `“${text}”`;
}
