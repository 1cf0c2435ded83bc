import { diffArrays } from 'diff';
import { tokenize } from './wordDiff.ts';

/**
 * Three-way merge of sequences (DESIGN.md §7), the engine under the story
 * merge: each side's changes to the common ancestor are found with Myers'
 * diff (jsdiff's diffArrays, as the review diff does) and applied together
 * when they touch different parts of it. Text is merged as the review diff
 * cuts it: words and the spaces between them, Chinese and Japanese one
 * character at a time, so two edits to different words of one sentence both
 * apply and two edits to the same word conflict.
 */

/** A stretch of the base that one side replaced: base items [start, end) became `items`. */
interface Hunk<T> {
  side: 'ours' | 'theirs';
  start: number;
  end: number;
  items: T[];
}

/**
 * What to do where both sides changed the same stretch differently: given
 * the base's items there and each side's, the merged items, or null when
 * they cannot be merged (the whole merge then fails).
 */
export type ResolveOverlap<T> = (base: readonly T[], ours: readonly T[], theirs: readonly T[]) => T[] | null;

/**
 * `base` with both sides' changes applied, or null when they overlap and
 * `resolve` (if given) cannot reconcile them. Items are compared by `key`.
 *
 * Two changes overlap when their stretches of the base overlap, or when both
 * insert at the same place (which goes first is a person's call, unless they
 * inserted the same thing). An insertion right before or after a stretch the
 * other side replaced is not an overlap: both apply, the insertion on its
 * side of the stretch. Identical changes on both sides count once.
 * Unchanged stretches are taken from `base`.
 */
export function merge3<T>(base: readonly T[], ours: readonly T[], theirs: readonly T[], key: (item: T) => string, resolve?: ResolveOverlap<T>): T[] | null {
  const baseKeys = base.map(key);
  const oursKeys = ours.map(key);
  const theirsKeys = theirs.map(key);
  if (sameKeys(oursKeys, baseKeys)) return [...theirs];
  if (sameKeys(theirsKeys, baseKeys) || sameKeys(oursKeys, theirsKeys)) return [...ours];

  const hunks = [...hunksOf('ours', baseKeys, oursKeys, ours), ...hunksOf('theirs', baseKeys, theirsKeys, theirs)];
  hunks.sort((x, y) => x.start - y.start || x.end - y.end || (x.side === 'ours' ? -1 : 1));

  const out: T[] = [];
  let cursor = 0;
  for (const group of overlapGroups(hunks)) {
    out.push(...base.slice(cursor, group.start));
    const oursHere = group.hunks.filter((hunk) => hunk.side === 'ours');
    const theirsHere = group.hunks.filter((hunk) => hunk.side === 'theirs');
    if (theirsHere.length === 0 || oursHere.length === 0) {
      out.push(...applyHunks(base, group.start, group.end, group.hunks));
    } else {
      const mine = applyHunks(base, group.start, group.end, oursHere);
      const yours = applyHunks(base, group.start, group.end, theirsHere);
      if (sameKeys(mine.map(key), yours.map(key))) {
        out.push(...mine);
      } else {
        const resolved = resolve?.(base.slice(group.start, group.end), mine, yours) ?? null;
        if (resolved === null) return null;
        out.push(...resolved);
      }
    }
    cursor = group.end;
  }
  out.push(...base.slice(cursor));
  return out;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function hunksOf<T>(side: Hunk<T>['side'], baseKeys: string[], sideKeys: string[], items: readonly T[]): Hunk<T>[] {
  const hunks: Hunk<T>[] = [];
  let b = 0;
  let s = 0;
  let open: Hunk<T> | null = null;
  for (const change of diffArrays(baseKeys, sideKeys)) {
    const count = change.count;
    if (!change.added && !change.removed) {
      if (open !== null) hunks.push(open);
      open = null;
      b += count;
      s += count;
      continue;
    }
    open ??= { side, start: b, end: b, items: [] };
    if (change.removed) {
      b += count;
      open.end = b;
    } else {
      open.items.push(...items.slice(s, s + count));
      s += count;
    }
  }
  if (open !== null) hunks.push(open);
  return hunks;
}

/** Whether two changes from different sides touch the same part of the base (see {@link merge3}). */
function overlaps<T>(a: Hunk<T>, b: Hunk<T>): boolean {
  const aInsert = a.start === a.end;
  const bInsert = b.start === b.end;
  if (aInsert && bInsert) return a.start === b.start;
  if (aInsert) return b.start < a.start && a.start < b.end;
  if (bInsert) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

interface Group<T> {
  start: number;
  end: number;
  hunks: Hunk<T>[];
}

/**
 * The hunks gathered into groups that must be decided together: hunks from
 * different sides that overlap, and anything overlapping those, transitively.
 * Groups come in base order and do not overlap each other.
 */
function overlapGroups<T>(hunks: readonly Hunk<T>[]): Group<T>[] {
  const parent = hunks.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < hunks.length; i++) {
    for (let j = i + 1; j < hunks.length && hunks[j]!.start <= hunks[i]!.end; j++) {
      if (hunks[i]!.side !== hunks[j]!.side && overlaps(hunks[i]!, hunks[j]!)) parent[find(j)] = find(i);
    }
  }
  const byRoot = new Map<number, Group<T>>();
  const groups: Group<T>[] = [];
  hunks.forEach((hunk, i) => {
    const root = find(i);
    let group = byRoot.get(root);
    if (group === undefined) {
      group = { start: hunk.start, end: hunk.end, hunks: [] };
      byRoot.set(root, group);
      groups.push(group);
    }
    group.hunks.push(hunk);
    group.start = Math.min(group.start, hunk.start);
    group.end = Math.max(group.end, hunk.end);
  });
  // Two groups whose stretches still interleave are one decision (this only happens with chains of edits).
  groups.sort((x, y) => x.start - y.start || x.end - y.end);
  const merged: Group<T>[] = [];
  for (const group of groups) {
    const last = merged.at(-1);
    if (last !== undefined && group.start < last.end) {
      last.hunks.push(...group.hunks);
      last.hunks.sort((x, y) => x.start - y.start || x.end - y.end);
      last.end = Math.max(last.end, group.end);
    } else {
      merged.push(group);
    }
  }
  return merged;
}

/** base[start, end) with the given non-overlapping hunks (sorted) applied. */
function applyHunks<T>(base: readonly T[], start: number, end: number, hunks: readonly Hunk<T>[]): T[] {
  const out: T[] = [];
  let cursor = start;
  for (const hunk of hunks) {
    out.push(...base.slice(cursor, Math.max(cursor, hunk.start)));
    out.push(...hunk.items);
    cursor = Math.max(cursor, hunk.end);
  }
  out.push(...base.slice(cursor, end));
  return out;
}

export interface TextMergeOptions {
  /** BCP 47 tag of the story, for word boundaries. */
  language?: string;
}

/**
 * Plain text merged word by word (Chinese and Japanese character by
 * character): the merged text, or null when both sides changed the same words
 * differently.
 */
export function mergeText(base: string, ours: string, theirs: string, options: TextMergeOptions = {}): string | null {
  if (ours === base || ours === theirs) return theirs;
  if (theirs === base) return ours;
  const split = (text: string): string[] => tokenize(text, options.language);
  const merged = merge3(split(base), split(ours), split(theirs), (token) => token);
  return merged === null ? null : merged.join('');
}
