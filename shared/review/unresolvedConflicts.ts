import type { SerializedDocument } from '../model/document.ts';
import { isMergeConflictBlock } from './merge.ts';

/**
 * How many conflict blocks (shared/review/merge.ts) a story body still holds.
 * Conflict blocks are top-level only (shared/model/document.ts), so the
 * body's own blocks are all there is to look at.
 */
export function unresolvedConflicts(body: SerializedDocument): number {
  return body.root.children.filter(isMergeConflictBlock).length;
}

/**
 * Why a story with conflict blocks cannot leave the workstation yet: an export
 * or a move down the desk would carry one version without anyone choosing it,
 * or both, or neither. `before` ends the sentence: "exporting", "submitting".
 */
export function unresolvedConflictsMessage(count: number, before: string): string {
  const conflicts = count === 1 ? '1 unresolved conflict' : `${count} unresolved conflicts`;
  return `This story has ${conflicts}. Choose a version in each conflict block before ${before}.`;
}
