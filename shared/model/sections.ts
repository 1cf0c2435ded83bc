import type { SectorId } from './anatomy.ts';
import { documentText, type SerializedDocument, type SerializedNode } from './document.ts';

/**
 * A story's sector sections (DESIGN.md §1): a sector heading block starts a
 * section that runs to the next sector heading. Blocks before the first
 * heading form the lead section ("Opening"), whose sector is null. Used by the
 * outline panel, the exporters and the backend.
 */
export interface Section {
  /** The heading's sector id; null for the lead section. */
  sectorId: SectorId | null;
  /** Indexes into `doc.root.children`: the heading (if any) and every block up to the next heading. */
  blockIndexes: number[];
  /** Plain text of the section's blocks, heading excluded, one line per block (as {@link documentText}). */
  text: string;
}

const SECTOR_HEADING = 'sector-heading';

function headingSector(block: SerializedNode): SectorId | null {
  return block.type === SECTOR_HEADING && typeof block.sectorId === 'string' ? block.sectorId : null;
}

/** Sector ids of a story's sector headings, in order, each once. */
export function storySectors(doc: SerializedDocument): SectorId[] {
  const ids: SectorId[] = [];
  for (const block of doc.root.children) {
    const id = headingSector(block);
    if (id !== null && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The story split into sections: always the lead section first (possibly
 * with no blocks), then one per sector heading, in document order.
 */
export function sectionsOf(doc: SerializedDocument): Section[] {
  const sections: Array<{ sectorId: SectorId | null; blockIndexes: number[]; body: SerializedNode[] }> = [
    { sectorId: null, blockIndexes: [], body: [] },
  ];
  doc.root.children.forEach((block, index) => {
    const sectorId = headingSector(block);
    if (block.type === SECTOR_HEADING) {
      // A heading without a usable id still starts a section: its blocks must not fold into the previous one.
      sections.push({ sectorId: sectorId ?? '', blockIndexes: [index], body: [] });
      return;
    }
    const current = sections.at(-1)!;
    current.blockIndexes.push(index);
    current.body.push(block);
  });
  return sections.map(({ sectorId, blockIndexes, body }) => ({
    sectorId,
    blockIndexes,
    text: body.length === 0 ? '' : documentText({ root: { ...doc.root, children: body } }),
  }));
}
