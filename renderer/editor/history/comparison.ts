import { REVISION_KIND_LABELS, type RevisionSummary } from '../../../shared/api/methods/revisions.ts';
import type { CompareSide } from '../../review/CompareDialog.tsx';

/**
 * Picking checkpoints to compare in the History panel: at most two are
 * selected at a time, and a comparison always puts the older one on the left.
 */

/** How many checkpoints can be selected for one comparison. */
export const MAX_SELECTED = 2;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** "1 Mar 2025, 09:00" — how the panel names a revision's time. */
export function revisionTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/**
 * "Saved · Vivian Yan · 1 Mar 2025, 09:00": a checkpoint's kind, author and
 * time, as a comparison names it; `precise` adds the seconds.
 */
export function revisionLabel(revision: RevisionSummary, precise = false): string {
  const when = precise ? preciseFormat.format(new Date(revision.createdAt)) : revisionTime(revision.createdAt);
  return [REVISION_KIND_LABELS[revision.kind], revision.authorName || 'Unknown author', when].join(' · ');
}

/**
 * The selection after ticking or unticking `id`. A third tick while two are
 * selected changes nothing: the person unticks one first (the panel disables
 * the other boxes, so this is only a guard).
 */
export function toggleSelected(selected: readonly string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((other) => other !== id);
  if (selected.length >= MAX_SELECTED) return [...selected];
  return [...selected, id];
}

/** The selected ids that are still in the list (a list read again may have lost none, but never trust it). */
export function selectedIn(items: readonly RevisionSummary[], selected: readonly string[]): string[] {
  const present = new Set(items.map((item) => item.id));
  return selected.filter((id) => present.has(id));
}

/**
 * The two selected checkpoints as a comparison, older on the left. Age is the
 * list's order (newest first, as the backend sorts it) rather than the clock,
 * so two checkpoints made in the same second still come out the right way.
 * Two checkpoints that would be named alike (same kind and author, same
 * minute: a few Ctrl+S in a row) are named to the second. Null unless
 * exactly two selected checkpoints are in the list.
 */
export function comparisonOf(
  items: readonly RevisionSummary[],
  selected: readonly string[],
): { before: CompareSide; after: CompareSide } | null {
  const picked = items.filter((item) => selected.includes(item.id));
  if (picked.length !== MAX_SELECTED) return null;
  const [newer, older] = picked as [RevisionSummary, RevisionSummary];
  const precise = revisionLabel(older) === revisionLabel(newer);
  return {
    before: { revisionId: older.id, label: revisionLabel(older, precise) },
    after: { revisionId: newer.id, label: revisionLabel(newer, precise) },
  };
}
