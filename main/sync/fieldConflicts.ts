import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import type { FieldConflict, MergeField } from '../../shared/review/merge.ts';

/**
 * Header fields a merge could not settle (shared/review/merge.ts keeps this
 * workstation's value and reports the hub's), as `story_sync.field_conflicts`
 * holds them until a person decides (`sync.resolveField`).
 *
 * A later merge adds to the list and never drops an undecided entry: when
 * the same field conflicts again with another value from the hub, the entry
 * takes the newer value and keeps the one it replaces in `earlier`, so no
 * word the other side wrote leaves this workstation unseen before the
 * person has decided (both are in the hub's history as well).
 */
export interface StoredFieldConflict extends FieldConflict {
  /** Values the hub had for this field in earlier merges, oldest first, replaced by `theirs`. */
  earlier?: FieldConflict['theirs'][];
}

export type FieldValue = FieldConflict['theirs'];

export function fieldValueOf(snapshot: RevisionSnapshot, field: MergeField): FieldValue {
  return snapshot[field];
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * The undecided conflicts after a merge: the ones recorded before, with the
 * merge's new ones added (or folded into the entry for the same field). An
 * entry whose field in the merged text already holds the hub's value is
 * settled and leaves the list.
 */
export function keepUndecided(stored: readonly StoredFieldConflict[], fresh: readonly FieldConflict[], merged: RevisionSnapshot): StoredFieldConflict[] {
  const kept: StoredFieldConflict[] = stored.map((c) => ({ ...c }));
  for (const conflict of fresh) {
    const index = kept.findIndex((c) => c.field === conflict.field);
    const before = kept[index];
    if (!before) {
      kept.push({ ...conflict });
      continue;
    }
    if (same(before.theirs, conflict.theirs)) continue;
    const earlier = [...(before.earlier ?? []), before.theirs].filter((value, i, all) => !same(value, conflict.theirs) && all.findIndex((v) => same(v, value)) === i);
    kept[index] = { ...conflict, ...(earlier.length > 0 ? { earlier } : {}) };
  }
  return kept.filter((c) => !same(fieldValueOf(merged, c.field), c.theirs));
}
