import type { ReviewOptions } from './blockContent.ts';
import { diffBlocks, type BlockChangeKind, type BlockDiffEntry } from './blockDiff.ts';
import { diffMetadata, type MetadataChange, type StorySnapshot } from './metadataDiff.ts';

export type { ReviewOptions } from './blockContent.ts';
export type { BlockChangeKind, BlockDiffEntry } from './blockDiff.ts';
export type { MetadataChange, StorySnapshot } from './metadataDiff.ts';
export type { WordDiffOp } from './wordDiff.ts';

/** How many blocks changed in each way. */
export type CompareCounts = Record<BlockChangeKind, number> & { metadata: number };

export interface StoryComparison {
  metadata: MetadataChange[];
  blocks: BlockDiffEntry[];
  counts: CompareCounts;
  /** "3 blocks changed, 1 added, 1 moved" — or "No changes". */
  summary: string;
}

/**
 * Everything that differs between two versions of a story (DESIGN.md §6):
 * the compare view shows it, and proposals (a revision on a side branch)
 * are reviewed block by block from the same result.
 */
export function compareStories(a: StorySnapshot, b: StorySnapshot, options: ReviewOptions = {}): StoryComparison {
  const review: ReviewOptions = { ...options, language: options.language ?? (b.language || a.language) };
  const metadata = diffMetadata(a, b, review);
  const blocks = diffBlocks(a.body, b.body, review);
  const counts: CompareCounts = { unchanged: 0, added: 0, removed: 0, moved: 0, changed: 0, 'moved+changed': 0, metadata: metadata.length };
  for (const entry of blocks) counts[entry.kind]++;
  return { metadata, blocks, counts, summary: summarize(counts) };
}

/**
 * The counts in a sentence. A block moved and changed counts in both, since
 * the editor has to look at it for both reasons.
 */
export function summarize(counts: CompareCounts): string {
  const changed = counts.changed + counts['moved+changed'];
  const moved = counts.moved + counts['moved+changed'];
  const parts: string[] = [];
  const add = (n: number, word: string): void => {
    if (n > 0) parts.push(parts.length === 0 ? `${n} ${n === 1 ? 'block' : 'blocks'} ${word}` : `${n} ${word}`);
  };
  add(changed, 'changed');
  add(counts.added, 'added');
  add(counts.removed, 'removed');
  add(moved, 'moved');
  if (counts.metadata > 0) parts.push(`${counts.metadata} ${counts.metadata === 1 ? 'detail' : 'details'} changed`);
  return parts.length === 0 ? 'No changes' : parts.join(', ');
}

/** True when the entry is something a reviewer must look at. */
export function isChange(entry: BlockDiffEntry): boolean {
  return entry.kind !== 'unchanged';
}
