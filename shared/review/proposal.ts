import { BLOCK_ID_STATE_KEY, newBlockId, type NoteEntry } from '../model/anatomy.ts';
import type { SerializedDocument, SerializedNode } from '../model/document.ts';
import { blockIdOf, blockText, blockTypeLabel, isContributorNote, isFigure, type ReviewOptions } from './blockContent.ts';
import { diffBlocks, type BlockChangeKind, type BlockDiffEntry } from './blockDiff.ts';
import { canonicalJson } from './canonicalJson.ts';
import { diffMetadata, type MetadataChange, type StorySnapshot } from './metadataDiff.ts';

/**
 * Proposals, item by item (DESIGN.md §5): what a proposal changes compared
 * with the checkpoint it started from, and how one accepted change is carried
 * onto the story as it is now — which may have moved on since. The backend
 * decides and merges with these functions and the renderer lists the same
 * items, so both name every change the same way.
 *
 * Blocks are the same block when they carry the same id. Blocks without an id
 * come only from stories written before block ids existed (or a new story's
 * untouched empty paragraph): the editor gives every block an id when it
 * opens a story, so a proposal's blocks all have ids but its base's old
 * blocks may not. Such a base block borrows the id of the proposed block it
 * corresponds to (the same content, else the same kind of block in the same
 * stretch of text — the compare view's rule), and the story's current
 * blocks are matched to it the same way, so an edited legacy paragraph is one
 * "changed" item, not a removal plus an addition. A proposed block that still
 * has no id cannot be addressed and is left out of the items; the backend
 * gives every block of a saved proposal an id, so this happens only to
 * documents that never passed through it.
 */

/** Header fields reviewed one by one in a proposal. */
export const PROPOSAL_FIELDS = ['headline', 'standfirst', 'dateline', 'byline', 'language'] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

/** How an item is named in `proposals.decide` (shared/api/methods/proposals.ts checks the same shape). */
export type ProposalItemKey = `block:${string}` | `field:${ProposalField}`;

export type ProposalBlockChange = Exclude<BlockChangeKind, 'unchanged'>;

interface ItemBase {
  key: ProposalItemKey;
  /** "changed paragraph “Flood defences held…”", "changed the headline": for messages and lists. */
  label: string;
}

/** A block added, removed, moved or changed; a figure's caption, credit, photographer and alt text are part of it. */
export interface ProposalBlockItem extends ItemBase {
  type: 'block';
  blockId: string;
  change: ProposalBlockChange;
  /** The block diff entry, as the compare view shows it (base → proposed). */
  entry: BlockDiffEntry;
  /** For a figure present in both versions: its caption, credit, photographer and alt-text changes. */
  metadata: MetadataChange[];
}

/** A header field the proposal sets to another value. */
export interface ProposalFieldItem extends ItemBase {
  type: 'field';
  field: ProposalField;
  /** The metadata diff's rows for the field (the byline may have several: one per person). */
  changes: MetadataChange[];
}

export type ProposalItem = ProposalBlockItem | ProposalFieldItem;

export function blockItemKey(blockId: string): ProposalItemKey {
  return `block:${blockId}`;
}

export function fieldItemKey(field: ProposalField): ProposalItemKey {
  return `field:${field}`;
}

const FIELD_LABELS: Record<ProposalField, string> = {
  headline: 'changed the headline',
  standfirst: 'changed the standfirst',
  dateline: 'changed the dateline',
  byline: 'changed the byline',
  language: 'changed the language',
};

const CHANGE_VERBS: Record<ProposalBlockChange, string> = {
  added: 'added',
  removed: 'removed',
  moved: 'moved',
  changed: 'changed',
  'moved+changed': 'moved and changed',
};

/**
 * Every reviewable change from `base` to `proposed`, in reading order: the
 * header fields first (headline, standfirst, dateline, byline, language),
 * then the blocks as the block diff lists them.
 */
export function proposalItems(base: StorySnapshot, proposed: StorySnapshot, options: ReviewOptions = {}): ProposalItem[] {
  const review: ReviewOptions = { ...options, language: options.language ?? (proposed.language || base.language) };
  const lentBase = { ...base, body: lendIds(base.body, proposed.body) };
  const metadata = diffMetadata(lentBase, proposed, review);
  const items: ProposalItem[] = [];
  for (const field of PROPOSAL_FIELDS) {
    if (sameField(base, proposed, field)) continue;
    items.push({ type: 'field', key: fieldItemKey(field), field, label: FIELD_LABELS[field], changes: metadata.filter((change) => change.field === field) });
  }
  for (const entry of diffBlocks(lentBase.body, proposed.body, review)) {
    if (entry.kind === 'unchanged' || entry.blockId === null) continue;
    const block = entry.after ?? entry.before!;
    const figureRows = isFigure(block) ? metadata.filter((change) => change.blockId === entry.blockId) : [];
    items.push({
      type: 'block',
      key: blockItemKey(entry.blockId),
      blockId: entry.blockId,
      change: entry.kind,
      entry,
      metadata: figureRows,
      label: blockLabel(entry.kind, block, review),
    });
  }
  return items;
}

/** "changed paragraph “Flood defences held after…”", "added figure “Chongqing at night.”". */
function blockLabel(change: ProposalBlockChange, block: SerializedNode, options: ReviewOptions): string {
  const kind = blockTypeLabel(block).toLowerCase();
  const words = firstWords(blockText(block, options));
  return words === '' ? `${CHANGE_VERBS[change]} ${kind}` : `${CHANGE_VERBS[change]} ${kind} “${words}”`;
}

const LABEL_CHARS = 40;

/** The start of a block's text, cut at a word where there is one (Chinese text is cut at a character). */
export function firstWords(text: string, max = LABEL_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  // One character more, so a word that ends exactly at the limit is kept whole.
  const cut = chars.slice(0, max + 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space >= max / 2 ? cut.slice(0, space) : chars.slice(0, max).join('')).trimEnd()}…`;
}

function sameField(a: StorySnapshot, b: StorySnapshot, field: ProposalField): boolean {
  switch (field) {
    case 'dateline':
      return a.dateline.place === b.dateline.place && a.dateline.date === b.dateline.date;
    case 'byline':
      return canonicalJson(a.byline) === canonicalJson(b.byline);
    default:
      return a[field] === b[field];
  }
}

/**
 * The story as it is now (`current`) with one item of the proposal applied:
 *
 * - a changed block replaces the block with its id where it now stands (if it
 *   was deleted meanwhile, it comes back where the proposal has it);
 * - an added block goes after the nearest block before it in the proposal
 *   that the story still has, else first (one already there is replaced);
 * - a removed block is removed if it is still there;
 * - a moved block is taken out and put back after its predecessor in the
 *   proposal (moved and changed: with the proposed content);
 * - a header field takes the proposed value.
 *
 * Everything else in `current` stays as it is. Pure: the inputs are not
 * changed, and the result shares no block with `proposed`.
 */
export function applyProposalItem(current: StorySnapshot, base: StorySnapshot, proposed: StorySnapshot, key: ProposalItemKey | string): StorySnapshot {
  const item = proposalItems(base, proposed).find((candidate) => candidate.key === key);
  if (item === undefined) throw new RangeError(`${key} is not a change in this proposal`);
  if (item.type === 'field') return { ...current, [item.field]: structuredClone(proposed[item.field]) };

  const lentBase = lendIds(base.body, proposed.body);
  const slots = slotsOf(current.body, base.body, lentBase);
  const find = (id: string) => slots.findIndex((slot) => slot.key === id);
  const proposedBlocks = proposed.body.root.children;
  const proposedIndex = proposedBlocks.findIndex((block) => blockIdOf(block) === item.blockId);
  const here = find(item.blockId);

  /** The proposed block, carrying the id the story already knows it by. */
  const incoming = (): Slot => {
    const existing = here === -1 ? null : blockIdOf(slots[here]!.block);
    return { key: item.blockId, block: withId(structuredClone(proposedBlocks[proposedIndex]!), existing ?? item.blockId) };
  };
  /** Puts a slot after the nearest preceding block of the proposal that the story has. */
  const insert = (slot: Slot): void => {
    for (let j = proposedIndex - 1; j >= 0; j--) {
      const id = blockIdOf(proposedBlocks[j]!);
      const at = id === null ? -1 : find(id);
      if (at !== -1) {
        slots.splice(at + 1, 0, slot);
        return;
      }
    }
    slots.unshift(slot);
  };

  switch (item.change) {
    case 'removed':
      if (here !== -1) slots.splice(here, 1);
      break;
    case 'changed':
    case 'added':
      if (here !== -1) slots[here] = incoming();
      else insert(incoming());
      break;
    case 'moved':
    case 'moved+changed': {
      const slot = here === -1 || item.change === 'moved+changed' ? incoming() : slots[here]!;
      if (here !== -1) slots.splice(here, 1);
      insert(slot);
      break;
    }
  }
  return { ...current, body: { ...current.body, root: { ...current.body.root, children: slots.map((slot) => slot.block) } } };
}

/** A block of the current story and the id the proposal knows it by (its own, or one lent to a legacy block). */
interface Slot {
  key: string | null;
  block: SerializedNode;
}

/**
 * The current story's blocks, each keyed by the id the proposal uses for it:
 * its own id, or — for a block the base had without an id — the id that
 * block borrowed from the proposal, when the current block corresponds to it.
 */
function slotsOf(current: SerializedDocument, base: SerializedDocument, lentBase: SerializedDocument): Slot[] {
  const blocks = current.root.children;
  const slots: Slot[] = blocks.map((block) => ({ key: blockIdOf(block), block }));
  const currentIds = new Set(blocks.map(blockIdOf));
  // Legacy base blocks whose borrowed id the story does not hold yet (an accepted item gives it to the block).
  const lent: number[] = [];
  base.root.children.forEach((block, i) => {
    const borrowed = blockIdOf(lentBase.root.children[i]!);
    if (blockIdOf(block) === null && borrowed !== null && !currentIds.has(borrowed)) lent.push(i);
  });
  if (lent.length === 0) return slots;
  const baseIds = new Set(lentBase.root.children.map(blockIdOf).filter((id): id is string => id !== null));
  const candidates: number[] = [];
  blocks.forEach((block, j) => {
    const id = blockIdOf(block);
    if (id === null || !baseIds.has(id)) candidates.push(j);
  });
  const pairs = pairLoose(
    lent.map((i) => base.root.children[i]!),
    candidates.map((j) => blocks[j]!),
  );
  for (const [x, y] of pairs) slots[candidates[y]!]!.key = blockIdOf(lentBase.root.children[lent[x]!]!);
  return slots;
}

/**
 * `base` with each block that has no id given the id of the proposed block
 * it corresponds to (among proposed blocks whose ids the base does not have).
 */
function lendIds(base: SerializedDocument, proposed: SerializedDocument): SerializedDocument {
  const before = base.root.children;
  const idless: number[] = [];
  const baseIds = new Set<string>();
  before.forEach((block, i) => {
    const id = blockIdOf(block);
    if (id === null) idless.push(i);
    else baseIds.add(id);
  });
  if (idless.length === 0) return base;
  const candidates: number[] = [];
  proposed.root.children.forEach((block, j) => {
    const id = blockIdOf(block);
    if (id !== null && !baseIds.has(id)) candidates.push(j);
  });
  const pairs = pairLoose(
    idless.map((i) => before[i]!),
    candidates.map((j) => proposed.root.children[j]!),
  );
  if (pairs.length === 0) return base;
  const children = [...before];
  for (const [x, y] of pairs) children[idless[x]!] = withId(children[idless[x]!]!, blockIdOf(proposed.root.children[candidates[y]!]!)!);
  return { ...base, root: { ...base.root, children } };
}

/** Which blocks of `left` and `right` are the same block by the block diff's rule for blocks without ids. */
function pairLoose(left: readonly SerializedNode[], right: readonly SerializedNode[]): Array<[number, number]> {
  if (left.length === 0 || right.length === 0) return [];
  const pairs: Array<[number, number]> = [];
  for (const entry of diffBlocks(documentOf(left.map(withoutId)), documentOf(right.map(withoutId)))) {
    if (entry.beforeIndex !== undefined && entry.afterIndex !== undefined) pairs.push([entry.beforeIndex, entry.afterIndex]);
  }
  return pairs;
}

function documentOf(children: SerializedNode[]): SerializedDocument {
  return { root: { type: 'root', version: 1, children } };
}

function withId(block: SerializedNode, id: string): SerializedNode {
  const state = typeof block.$ === 'object' && block.$ !== null ? (block.$ as Record<string, unknown>) : {};
  return { ...block, $: { ...state, [BLOCK_ID_STATE_KEY]: id } };
}

function withoutId(block: SerializedNode): SerializedNode {
  if (typeof block.$ !== 'object' || block.$ === null) return block;
  const { [BLOCK_ID_STATE_KEY]: _id, ...rest } = block.$ as Record<string, unknown>;
  const { $: _state, ...plain } = block;
  return Object.keys(rest).length === 0 ? plain : { ...plain, $: rest };
}

/**
 * Gives every top-level block without an id a new one, so each change of a
 * saved proposal can be reviewed. The editor already does this when it opens
 * a story; this covers documents from anywhere else. Returns `body` itself
 * when nothing was missing.
 */
export function withBlockIds(body: SerializedDocument): SerializedDocument {
  const used = new Set(body.root.children.map(blockIdOf).filter((id): id is string => id !== null));
  if (used.size === body.root.children.length) return body;
  const children = body.root.children.map((block) => (blockIdOf(block) === null ? withId(block, freshId(used)) : block));
  return { ...body, root: { ...body.root, children } };
}

function freshId(used: Set<string>): string {
  let id = newBlockId();
  while (used.has(id)) id = newBlockId();
  used.add(id);
  return id;
}

/** Who is credited: a people-directory entry when there is one of that name, always with the name. */
export interface CreditedIntern {
  personId: string | null;
  name: string;
}

/** A contributor note names at most this many people (the anatomy's limit). */
const MAX_NOTE_ENTRIES = 30;

/**
 * The story with `person` credited as an intern in its contributor note
 * ("(Peng Qin, as an intern, also contributed to this report.)"): added to
 * the first contributor note, or to a new one at the end of the body when
 * the story has none. Someone already credited as an intern — the same
 * directory id, or the same name in any case — is not added twice, and a
 * note already naming the most people it may hold is left as it is;
 * `credited` says whether the story changed.
 */
export function creditIntern(snapshot: StorySnapshot, person: CreditedIntern): { snapshot: StorySnapshot; credited: boolean } {
  const name = person.name.trim();
  const blocks = snapshot.body.root.children;
  const sameName = name.toLowerCase();
  const already = blocks.some(
    (block) =>
      isContributorNote(block) &&
      block.contributors.some(
        (entry) => entry.role === 'intern' && ((person.personId !== null && entry.personId === person.personId) || entry.name.trim().toLowerCase() === sameName),
      ),
  );
  if (name === '' || already) return { snapshot, credited: false };

  const entry: NoteEntry = { personId: person.personId, name, role: 'intern' };
  const noteIndex = blocks.findIndex(isContributorNote);
  let children: SerializedNode[];
  if (noteIndex === -1) {
    const used = new Set(blocks.map(blockIdOf).filter((id): id is string => id !== null));
    // The shape the editor's ContributorNoteNode exports, so the editor loads it as it saved it.
    const note: SerializedNode = { type: 'contributor-note', version: 1, contributors: [entry], $: { [BLOCK_ID_STATE_KEY]: freshId(used) } };
    children = [...blocks, note];
  } else {
    const note = blocks[noteIndex] as SerializedNode & { contributors: NoteEntry[] };
    if (note.contributors.length >= MAX_NOTE_ENTRIES) return { snapshot, credited: false };
    children = blocks.map((block, i) => (i === noteIndex ? { ...note, contributors: [...note.contributors, entry] } : block));
  }
  return { snapshot: { ...snapshot, body: { ...snapshot.body, root: { ...snapshot.body.root, children } } }, credited: true };
}
