import type { BlockDiffEntry, MetadataChange, StoryComparison } from '../../shared/review/compare.ts';
import { PROPOSAL_FIELDS, type ProposalField, type ProposalItem } from '../../shared/review/proposal.ts';

/**
 * Which proposal item (shared/review/proposal.ts — the keys the backend
 * decides by) each row of the compare view belongs to, so Accept and Reject
 * sit on the row that shows the change.
 *
 * The compare view diffs the base and the proposal as they are; the items are
 * computed with ids lent to a legacy base's id-less blocks. Both align blocks
 * by the same rule, so a row without a block id is matched by its position.
 */

/** The item a changed block row shows (none for unchanged rows and blocks no item addresses). */
export function itemForBlock(items: readonly ProposalItem[], entry: BlockDiffEntry): ProposalItem | undefined {
  if (entry.kind === 'unchanged') return undefined;
  return items.find((item) => {
    if (item.type !== 'block') return false;
    if (entry.blockId !== null) return item.blockId === entry.blockId;
    if (entry.afterIndex !== undefined) return item.entry.afterIndex === entry.afterIndex;
    return entry.beforeIndex !== undefined && item.entry.afterIndex === undefined && item.entry.beforeIndex === entry.beforeIndex;
  });
}

function isProposalField(field: string): field is ProposalField {
  return (PROPOSAL_FIELDS as readonly string[]).includes(field);
}

/**
 * The item a details row shows. A header field is one item even when it has
 * several rows (the byline: one per person added or removed), so only its
 * first row carries it. A figure's caption, credit or alt text is part of the
 * figure's block item, decided on the figure's own row.
 */
export function itemForDetail(items: readonly ProposalItem[], change: MetadataChange): ProposalItem | undefined {
  if (!isProposalField(change.field)) return undefined;
  const item = items.find((candidate) => candidate.type === 'field' && candidate.field === change.field);
  if (item?.type !== 'field') return undefined;
  const first = item.changes[0];
  return first === undefined || first.label === change.label ? item : undefined;
}

/** Items no row of the comparison shows (listed apart, so every item can still be decided). */
export function unshownItems(items: readonly ProposalItem[], comparison: StoryComparison): ProposalItem[] {
  const shown = new Set<string>();
  for (const entry of comparison.blocks) {
    const item = itemForBlock(items, entry);
    if (item) shown.add(item.key);
  }
  for (const change of comparison.metadata) {
    const item = itemForDetail(items, change);
    if (item) shown.add(item.key);
  }
  return items.filter((item) => !shown.has(item.key));
}
