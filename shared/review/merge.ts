import { BLOCK_ID_STATE_KEY, newBlockId, type BylineEntry, type Dateline } from '../model/anatomy.ts';
import type { SerializedDocument, SerializedNode } from '../model/document.ts';
import { blockIdOf, blockText, blockTypeLabel, contentKey, type ReviewOptions } from './blockContent.ts';
import { diffBlocks } from './blockDiff.ts';
import { canonicalJson } from './canonicalJson.ts';
import type { StorySnapshot } from './metadataDiff.ts';
import { firstWords } from './proposal.ts';
import { merge3, mergeText } from './textMerge.ts';
import { tokenize } from './wordDiff.ts';

/**
 * Three-way merge of a story (DESIGN.md §7; issue 5, point 5): the version a
 * workstation holds (`ours`) and the hub's (`theirs`), both descended from a
 * common ancestor (`base`), become one story.
 *
 * Blocks are the same block when they carry the same id (`$.blockId`); a
 * block without one (stories from before block ids) is matched to the
 * ancestor's block the way the review diff matches them, by content and kind.
 *
 * - A block changed on one side only takes that side's version.
 * - A block changed on both sides is merged inside: text word by word
 *   (Chinese character by character), inline formatting and links with the
 *   words they cover, other settings field by field, list items item by item.
 *   When both sides changed the same words, or the same setting, differently,
 *   a conflict block ('merge-conflict') takes the block's place holding both
 *   versions and the ancestor, for a person to keep one or both.
 * - A block added on either side is kept, after the nearest block before it
 *   (on its side) that the merged story has; both sides' additions at the same
 *   place come ours first.
 * - A block deleted on one side goes, unless the other side edited it: then
 *   the edit stays (and a notice says so).
 * - A block moved on one side moves; moved differently on both, it stays where
 *   ours has it (and a notice says so).
 * - Header fields merge one by one; the headline and standfirst word by word.
 *   When both sides set a field differently ours stays and a field conflict
 *   carries theirs, for the person to pick.
 *
 * Invariant (tested with random edits in tests/unit/shared/review/merge.property.test.ts):
 * nothing anyone typed is dropped without a trace. For each side S and each
 * block S holds whose content differs from the ancestor's (edited, or added:
 * the ancestor's then counts as empty), the merged story holds that block, by
 * its key, either as a block or as a conflict block whose S version is S's
 * block; and for every word w (as {@link tokenize} cuts the block's text),
 * the merged text for that block — the block's, or the conflict block's S
 * version's — contains w at least (count of w in S) − (count of w in the
 * ancestor) times. The only blocks that may go are blocks one side deleted
 * and the other did not change. The headline and standfirst obey the same
 * count rule with the merged value or, for a field conflict, the side's value
 * carried in the conflict; a byline entry or a dateline or language a side set
 * is in the merged story or in a field conflict.
 *
 * Pure: no I/O, the inputs are not changed and the result shares no object
 * with them.
 */

export const MERGE_CONFLICT_TYPE = 'merge-conflict';

export const MERGE_FIELDS = ['headline', 'standfirst', 'dateline', 'byline', 'language'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export interface MergeOptions extends ReviewOptions {
  /** How the conflict block names our side ("Your version"). */
  oursLabel?: string;
  /** How it names theirs ("Li Wei's version"). */
  theirsLabel?: string;
}

export const DEFAULT_OURS_LABEL = 'Your version';
export const DEFAULT_THEIRS_LABEL = 'Version on the hub';

/** Both sides set a header field differently: the merge keeps `ours`, `theirs` is offered here. */
export interface FieldConflict {
  kind: 'field';
  field: MergeField;
  /** "Headline", "Byline". */
  label: string;
  base: string | Dateline | BylineEntry[];
  ours: string | Dateline | BylineEntry[];
  theirs: string | Dateline | BylineEntry[];
  needsDecision: true;
}

/** A block both sides changed in ways that do not merge: the merged story has a conflict block for it. */
export interface BlockConflict {
  kind: 'block';
  blockId: string | null;
  /** "Paragraph “Flood defences held…”". */
  label: string;
  needsDecision: true;
}

/** A block one side deleted and the other edited: the edit was kept. For information; nothing to decide. */
export interface KeptEditNotice {
  kind: 'kept-edit';
  blockId: string | null;
  label: string;
  /** The side that deleted it. */
  deletedBy: 'ours' | 'theirs';
  needsDecision: false;
}

/** A block both sides moved to different places: it stands where ours put it. For information. */
export interface PositionNotice {
  kind: 'position';
  blockId: string | null;
  label: string;
  needsDecision: false;
}

export type MergeConflict = FieldConflict | BlockConflict | KeptEditNotice | PositionNotice;

export interface MergeResult {
  merged: StorySnapshot;
  /** Field and block conflicts for a person, and notices of what the merge decided on its own. */
  conflicts: MergeConflict[];
  /** True when nothing needs a person: no field conflict and no conflict block (notices may be present). */
  clean: boolean;
}

/** The serialized conflict block (shared/model/anatomy.ts SerializedMergeConflict). */
export interface MergeConflictBlock extends SerializedNode {
  type: typeof MERGE_CONFLICT_TYPE;
  version: 1;
  ours: SerializedNode | null;
  theirs: SerializedNode | null;
  base: SerializedNode | null;
  oursLabel: string;
  theirsLabel: string;
}

export function isMergeConflictBlock(block: SerializedNode): block is MergeConflictBlock {
  return block.type === MERGE_CONFLICT_TYPE;
}

export function mergeStories(base: StorySnapshot, ours: StorySnapshot, theirs: StorySnapshot, options: MergeOptions = {}): MergeResult {
  const language = options.language ?? (ours.language || theirs.language || base.language || undefined);
  const context: Context = {
    language,
    review: { ...options, ...(language === undefined ? {} : { language }) },
    oursLabel: options.oursLabel ?? DEFAULT_OURS_LABEL,
    theirsLabel: options.theirsLabel ?? DEFAULT_THEIRS_LABEL,
    conflicts: [],
  };
  const header = mergeHeader(base, ours, theirs, context);
  const children = mergeBlocks(base.body, ours.body, theirs.body, context);
  const merged: StorySnapshot = structuredClone({
    ...ours,
    ...header,
    body: { ...ours.body, root: { ...ours.body.root, children } },
  });
  const conflicts = context.conflicts;
  return { merged, conflicts, clean: !conflicts.some((conflict) => conflict.needsDecision) };
}

interface Context {
  language: string | undefined;
  review: ReviewOptions;
  oursLabel: string;
  theirsLabel: string;
  conflicts: MergeConflict[];
}

// ── Header ───────────────────────────────────────────────────────────────────

const FIELD_LABELS: Record<MergeField, string> = {
  headline: 'Headline',
  standfirst: 'Standfirst',
  dateline: 'Dateline',
  byline: 'Byline',
  language: 'Language',
};

/** Byline limit of the anatomy (shared/model/anatomy.ts Byline). */
const MAX_BYLINE = 30;

function mergeHeader(base: StorySnapshot, ours: StorySnapshot, theirs: StorySnapshot, context: Context): Pick<StorySnapshot, MergeField> {
  const conflict = <V extends FieldConflict['ours']>(field: MergeField, b: V, o: V, t: V): V => {
    context.conflicts.push({ kind: 'field', field, label: FIELD_LABELS[field], base: b, ours: o, theirs: t, needsDecision: true });
    return o;
  };
  const text = (field: 'headline' | 'standfirst'): string => {
    const merged = mergeText(base[field], ours[field], theirs[field], { language: context.language });
    return merged ?? conflict(field, base[field], ours[field], theirs[field]);
  };

  const headline = text('headline');
  const standfirst = text('standfirst');
  const place = pick(base.dateline.place, ours.dateline.place, theirs.dateline.place);
  const date = pick(base.dateline.date, ours.dateline.date, theirs.dateline.date);
  const dateline = place === CONFLICT || date === CONFLICT ? conflict('dateline', base.dateline, ours.dateline, theirs.dateline) : { place, date };

  const personKey = (entry: BylineEntry): string => canonicalJson(entry);
  let byline = merge3(base.byline, ours.byline, theirs.byline, personKey);
  if (byline !== null) {
    // Both sides crediting the same person in different places credits them once.
    const seen = new Set<string>();
    byline = byline.filter((entry) => {
      const key = personKey(entry);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  const bylineMerged = byline === null || byline.length > MAX_BYLINE ? conflict('byline', [...base.byline], [...ours.byline], [...theirs.byline]) : byline;

  const language = pick(base.language, ours.language, theirs.language);
  return {
    headline,
    standfirst,
    dateline,
    byline: bylineMerged,
    language: language === CONFLICT ? conflict('language', base.language, ours.language, theirs.language) : language,
  };
}

const CONFLICT: unique symbol = Symbol('conflict');

/** One side changed it: that side's; both the same way: that; both differently: CONFLICT. */
function pick<V>(base: V, ours: V, theirs: V): V | typeof CONFLICT {
  if (ours === base || ours === theirs) return theirs;
  if (theirs === base) return ours;
  return CONFLICT;
}

// ── Blocks: which block is which ─────────────────────────────────────────────

/** The blocks of one version, each under the key the merge knows it by. */
interface Keyed {
  keys: string[];
  byKey: Map<string, SerializedNode>;
}

/**
 * Keys for the ancestor's blocks: the block id, or `~i` for a block without
 * one (or with an id another block already uses).
 */
function keyBase(base: SerializedDocument): Keyed {
  const keys: string[] = [];
  const byKey = new Map<string, SerializedNode>();
  base.root.children.forEach((block, i) => {
    const id = blockIdOf(block);
    const key = id === null || byKey.has(id) ? `~${i}` : id;
    keys.push(key);
    byKey.set(key, block);
  });
  return { keys, byKey };
}

/**
 * Keys for one side's blocks: its id when the ancestor knows it (or it is
 * new); an ancestor block without an id lends its key to the side's block it
 * corresponds to (same content, else same kind in the same stretch — the
 * editor gives every block an id when it opens a story, so a side's block
 * may have an id its ancestor lacked); any other block without an id gets a
 * key of its own.
 */
function keySide(base: SerializedDocument, baseKeyed: Keyed, side: SerializedDocument, name: 'o' | 't'): Keyed {
  const blocks = side.root.children;
  const keys: Array<string | null> = blocks.map(() => null);
  const used = new Set<string>();
  const lendable: number[] = [];
  base.root.children.forEach((_block, i) => {
    if (baseKeyed.keys[i]!.startsWith('~')) lendable.push(i);
  });
  const candidates: number[] = [];
  blocks.forEach((block, j) => {
    const id = blockIdOf(block);
    if (id !== null && baseKeyed.byKey.has(id) && !used.has(id)) {
      keys[j] = id;
      used.add(id);
    } else {
      candidates.push(j);
    }
  });
  if (lendable.length > 0 && candidates.length > 0) {
    const entries = diffBlocks(
      documentOf(lendable.map((i) => withoutId(base.root.children[i]!))),
      documentOf(candidates.map((j) => withoutId(blocks[j]!))),
    );
    for (const entry of entries) {
      if (entry.beforeIndex === undefined || entry.afterIndex === undefined) continue;
      const key = baseKeyed.keys[lendable[entry.beforeIndex]!]!;
      keys[candidates[entry.afterIndex]!] = key;
      used.add(key);
    }
  }
  const byKey = new Map<string, SerializedNode>();
  const done = keys.map((key, j) => {
    let chosen = key;
    if (chosen === null) {
      const id = blockIdOf(blocks[j]!);
      chosen = id !== null && !used.has(id) && !baseKeyed.byKey.has(id) ? id : `~${name}${j}`;
      used.add(chosen);
    }
    byKey.set(chosen, blocks[j]!);
    return chosen;
  });
  return { keys: done, byKey };
}

function documentOf(children: SerializedNode[]): SerializedDocument {
  return { root: { type: 'root', version: 1, children } };
}

function withId(block: SerializedNode, id: string | null): SerializedNode {
  if (id === null) return block;
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
 * Keys of the blocks present in both the ancestor and the side that kept
 * their relative order: the longest such run (patience sorting), so only the
 * fewest blocks count as moved, as in the review diff.
 */
function stayedInOrder(baseKeys: readonly string[], side: readonly string[]): Set<string> {
  const at = new Map(baseKeys.map((key, i) => [key, i]));
  const common = side.filter((key) => at.has(key));
  const tails: number[] = [];
  const previous = new Array<number>(common.length).fill(-1);
  common.forEach((key, p) => {
    const value = at.get(key)!;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at.get(common[tails[mid]!]!)! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1]!;
    tails[lo] = p;
  });
  const stay = new Set<string>();
  for (let p = tails.at(-1) ?? -1; p !== -1; p = previous[p]!) stay.add(common[p]!);
  return stay;
}

// ── Blocks: what each becomes and where it goes ──────────────────────────────

function mergeBlocks(baseDoc: SerializedDocument, oursDoc: SerializedDocument, theirsDoc: SerializedDocument, context: Context): SerializedNode[] {
  const base = keyBase(baseDoc);
  const ours = keySide(baseDoc, base, oursDoc, 'o');
  const theirs = keySide(baseDoc, base, theirsDoc, 't');
  const changed = (key: string, side: Keyed): boolean => contentKey(side.byKey.get(key)!) !== contentKey(base.byKey.get(key)!);

  /** What each key becomes: one block, or (rarely, see below) two. */
  const result = new Map<string, SerializedNode[]>();
  /** The id the merged block carries: ours' for the key where ours has it. */
  const idFor = (key: string): string | null => {
    const block = ours.byKey.get(key) ?? theirs.byKey.get(key) ?? base.byKey.get(key);
    return block === undefined ? null : blockIdOf(block);
  };

  const allKeys = new Set([...ours.keys, ...theirs.keys]);
  for (const key of allKeys) {
    const b = base.byKey.get(key);
    const o = ours.byKey.get(key);
    const t = theirs.byKey.get(key);
    if (o !== undefined && t !== undefined) {
      result.set(key, bothHave(b, o, t, idFor(key), context));
    } else if (o !== undefined) {
      if (b === undefined) result.set(key, [o]);
      else if (changed(key, ours)) {
        result.set(key, [o]);
        context.conflicts.push({ kind: 'kept-edit', blockId: idFor(key), label: blockLabel(o, context), deletedBy: 'theirs', needsDecision: false });
      }
    } else if (t !== undefined) {
      if (b === undefined) result.set(key, [withId(t, idFor(key))]);
      else if (changed(key, theirs)) {
        result.set(key, [withId(t, idFor(key))]);
        context.conflicts.push({ kind: 'kept-edit', blockId: idFor(key), label: blockLabel(t, context), deletedBy: 'ours', needsDecision: false });
      }
    }
  }

  // Order: ours' order, then each block theirs placed (added, moved, or kept after ours deleted it)
  // put after the nearest block before it in theirs that the merged story has.
  const oursStay = stayedInOrder(base.keys, ours.keys);
  const theirsStay = stayedInOrder(base.keys, theirs.keys);
  const inAll = (key: string): boolean => base.byKey.has(key) && ours.byKey.has(key) && theirs.byKey.has(key);
  const isOursAddition = (key: string): boolean => !base.byKey.has(key) && ours.byKey.has(key) && !theirs.byKey.has(key);
  const order = ours.keys.filter((key) => result.has(key));

  theirs.keys.forEach((key, j) => {
    if (!result.has(key)) return;
    const inBase = base.byKey.has(key);
    const inOurs = ours.byKey.has(key);
    const movedByTheirs = inBase && inOurs && !theirsStay.has(key);
    const movedByOurs = inBase && inOurs && !oursStay.has(key);
    if (movedByTheirs && movedByOurs) {
      const before = (keys: readonly string[]): string | null => {
        const at = keys.indexOf(key);
        for (let i = at - 1; i >= 0; i--) if (inAll(keys[i]!)) return keys[i]!;
        return null;
      };
      if (before(ours.keys) !== before(theirs.keys)) {
        const block = result.get(key)![0]!;
        context.conflicts.push({ kind: 'position', blockId: idFor(key), label: blockLabel(block, context), needsDecision: false });
      }
      return;
    }
    const placeHere = !inOurs || (movedByTheirs && !movedByOurs);
    if (!placeHere) return;
    const existing = order.indexOf(key);
    if (existing !== -1) order.splice(existing, 1);
    let at = 0;
    for (let i = j - 1; i >= 0; i--) {
      const anchor = order.indexOf(theirs.keys[i]!);
      if (anchor !== -1) {
        at = anchor + 1;
        break;
      }
    }
    if (!inBase) while (at < order.length && isOursAddition(order[at]!)) at++;
    order.splice(at, 0, key);
  });

  const children = order.flatMap((key) => result.get(key)!);
  return uniqueIds(children);
}

/**
 * Gives a new id to any block whose id an earlier block already carries
 * (both sides gave a legacy block different ids, or a conflict kept two
 * blocks): every block needs its own (shared/model/document.ts).
 */
function uniqueIds(children: SerializedNode[]): SerializedNode[] {
  const seen = new Set<string>();
  return children.map((block) => {
    const id = blockIdOf(block);
    if (id === null) return block;
    if (!seen.has(id)) {
      seen.add(id);
      return block;
    }
    let fresh = newBlockId();
    while (seen.has(fresh)) fresh = newBlockId();
    seen.add(fresh);
    return withId(block, fresh);
  });
}

/** A block present on both sides (in the ancestor too, or added by both with one id). */
function bothHave(b: SerializedNode | undefined, o: SerializedNode, t: SerializedNode, id: string | null, context: Context): SerializedNode[] {
  const ko = contentKey(o);
  const kt = contentKey(t);
  if (b !== undefined) {
    const kb = contentKey(b);
    if (ko === kb) return [withId(t, id)];
    if (kt === kb || kt === ko) return [o];
    const merged = mergeNode(b, o, t, context);
    if (merged !== null) return [withId(merged, id)];
  } else if (ko === kt) {
    return [o];
  }
  context.conflicts.push({ kind: 'block', blockId: id, label: blockLabel(o, context), needsDecision: true });
  if (isMergeConflictBlock(o) || isMergeConflictBlock(t)) {
    // A conflict nobody has resolved yet, changed again on the other side: a
    // conflict block holds blocks, not conflict blocks, so the two stand side
    // by side, ours first (the second gets a new id on the way out).
    const mine = isMergeConflictBlock(o) ? o : conflictBlock(id, o, null, b ?? null, context);
    const yours = isMergeConflictBlock(t) ? withId(t, id) : conflictBlock(id, null, t, b ?? null, context);
    return [mine, yours];
  }
  return [conflictBlock(id, o, t, b ?? null, context)];
}

function conflictBlock(id: string | null, ours: SerializedNode | null, theirs: SerializedNode | null, base: SerializedNode | null, context: Context): MergeConflictBlock {
  const block: MergeConflictBlock = {
    type: MERGE_CONFLICT_TYPE,
    version: 1,
    ours,
    theirs,
    base,
    oursLabel: context.oursLabel,
    theirsLabel: context.theirsLabel,
  };
  return id === null ? block : { ...block, $: { [BLOCK_ID_STATE_KEY]: id } };
}

/** "Paragraph “Flood defences held…”". */
function blockLabel(block: SerializedNode, context: Context): string {
  const inner = isMergeConflictBlock(block) ? (block.ours ?? block.theirs ?? block) : block;
  const kind = blockTypeLabel(inner);
  const words = inner === block && isMergeConflictBlock(block) ? '' : firstWords(blockText(inner, context.review));
  return words === '' ? kind : `${kind} “${words}”`;
}

// ── Inside a block ───────────────────────────────────────────────────────────

/** Properties Lexical writes that a reader cannot see: on a clash, ours is kept rather than calling it a conflict. */
const INVISIBLE: ReadonlySet<string> = new Set(['direction', 'textFormat', 'textStyle', 'version']);

/** Free-text settings of a figure, merged word by word like body text. */
const PROSE_FIELDS: ReadonlySet<string> = new Set(['alt', 'credit', 'creator']);

/** Elements that hold blocks or list items rather than inline content. */
const BLOCK_LIKE: ReadonlySet<string> = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem']);

const NO_MERGE: unique symbol = Symbol('no merge');

/**
 * A node changed on both sides, merged: its settings one by one, its text
 * word by word, its children as inline runs or item by item. Null when the
 * sides clash.
 */
function mergeNode(b: SerializedNode, o: SerializedNode, t: SerializedNode, context: Context): SerializedNode | null {
  const kb = contentKey(b);
  const ko = contentKey(o);
  const kt = contentKey(t);
  if (ko === kb) return t;
  if (kt === kb || kt === ko) return o;
  if (o.type !== b.type || t.type !== b.type || isMergeConflictBlock(b)) return null;

  const out: SerializedNode = { ...o };
  const keys = new Set([...Object.keys(b), ...Object.keys(o), ...Object.keys(t)]);
  for (const key of keys) {
    if (key === 'children' || key === 'type') continue;
    let value: unknown;
    if (key === 'text') {
      const merged = mergeText(stringOr(b.text), stringOr(o.text), stringOr(t.text), { language: context.language });
      if (merged === null) return null;
      value = merged;
    } else if (key === 'caption' && b.type === 'figure') {
      value = mergeCaption(b.caption, o.caption, t.caption, context);
    } else {
      value = mergeValue(b[key], o[key], t[key], PROSE_FIELDS.has(key) && isCustom(b), context);
    }
    if (value === NO_MERGE) {
      // A list item's `value` is its number, which Lexical recounts when the story opens.
      if (!INVISIBLE.has(key) && !(key === 'value' && b.type === 'listitem')) return null;
      value = o[key];
    }
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  if (b.children !== undefined || o.children !== undefined || t.children !== undefined) {
    const children = mergeChildren(b.children ?? [], o.children ?? [], t.children ?? [], context);
    if (children === null) return null;
    out.children = children;
  }
  return out;
}

function isCustom(node: SerializedNode): boolean {
  return !BLOCK_LIKE.has(node.type) && node.children === undefined;
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function valueKey(value: unknown): string {
  return value === undefined ? '\u0000' : canonicalJson(value);
}

/** A setting (or a node state, or a list of contributors) merged: objects key by key, lists item by item. */
function mergeValue(b: unknown, o: unknown, t: unknown, prose: boolean, context: Context): unknown {
  const kb = valueKey(b);
  const ko = valueKey(o);
  const kt = valueKey(t);
  if (ko === kb || ko === kt) return t;
  if (kt === kb) return o;
  if (prose && typeof b === 'string' && typeof o === 'string' && typeof t === 'string') {
    return mergeText(b, o, t, { language: context.language }) ?? NO_MERGE;
  }
  if (Array.isArray(b) && Array.isArray(o) && Array.isArray(t)) {
    return merge3(b as unknown[], o as unknown[], t as unknown[], valueKey) ?? NO_MERGE;
  }
  if (isPlainObject(b) && isPlainObject(o) && isPlainObject(t)) {
    const out: Record<string, unknown> = { ...o };
    for (const key of new Set([...Object.keys(b), ...Object.keys(o), ...Object.keys(t)])) {
      const value = mergeValue(b[key], o[key], t[key], false, context);
      if (value === NO_MERGE) return NO_MERGE;
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    return out;
  }
  return NO_MERGE;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Children merged: inline content (text, links, line breaks) as runs of
 * words that keep their formatting and link; block-like children (list
 * items, nested lists) item by item, an item both sides changed merged
 * inside when it is one item on each side.
 */
function mergeChildren(b: SerializedNode[], o: SerializedNode[], t: SerializedNode[], context: Context): SerializedNode[] | null {
  const blockLike = [b, o, t].some((children) => children.some((child) => BLOCK_LIKE.has(child.type)));
  if (blockLike) {
    return merge3(b, o, t, childKey, (base, mine, theirs) => {
      if (base.length !== 1 || mine.length !== 1 || theirs.length !== 1) return null;
      const merged = mergeNode(base[0]!, mine[0]!, theirs[0]!, context);
      return merged === null ? null : [merged];
    });
  }
  const tokens = merge3(inlineTokens(b, context), inlineTokens(o, context), inlineTokens(t, context), (token) => token.key);
  return tokens === null ? null : buildInline(tokens, 0);
}

/** A child's content key, a list item's number left out: an item added above renumbers the rest, which is no edit to them. */
function childKey(node: SerializedNode): string {
  return contentKey(node.type === 'listitem' ? { ...node, value: 0 } : node);
}

/**
 * One word (or space, punctuation mark, CJK character) of inline content,
 * with what it is wrapped in (links) and the text node it came from (format
 * bits, style): the key covers all of it, so a word made bold on one side is
 * a change to that word only.
 */
interface InlineToken {
  key: string;
  /** The word; null for a node without text (line break, tab). */
  text: string | null;
  leaf: SerializedNode;
  wrappers: SerializedNode[];
  wrapperKeys: string[];
}

function inlineTokens(children: readonly SerializedNode[], context: Context, wrappers: SerializedNode[] = [], wrapperKeys: string[] = []): InlineToken[] {
  const tokens: InlineToken[] = [];
  const prefix = wrapperKeys.join('\u0001');
  for (const child of children) {
    if (typeof child.text === 'string' && child.children === undefined) {
      const leafKey = contentKey({ ...child, text: '' });
      for (const word of tokenize(child.text, context.language)) {
        tokens.push({ key: `${prefix}\u0002${leafKey}\u0003${word}`, text: word, leaf: child, wrappers, wrapperKeys });
      }
    } else if (Array.isArray(child.children) && child.children.length > 0) {
      const wrapperKey = contentKey({ ...child, children: [] });
      tokens.push(...inlineTokens(child.children, context, [...wrappers, child], [...wrapperKeys, wrapperKey]));
    } else {
      tokens.push({ key: `${prefix}\u0002${contentKey(child)}`, text: null, leaf: child, wrappers, wrapperKeys });
    }
  }
  return tokens;
}

/** Inline nodes from merged tokens: neighbouring words of one text node join again, words of one link share it. */
function buildInline(tokens: readonly InlineToken[], depth: number): SerializedNode[] {
  const out: SerializedNode[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    let j = i + 1;
    if (token.wrappers.length > depth) {
      const wrapperKey = token.wrapperKeys[depth];
      while (j < tokens.length && tokens[j]!.wrappers.length > depth && tokens[j]!.wrapperKeys[depth] === wrapperKey) j++;
      out.push({ ...token.wrappers[depth]!, children: buildInline(tokens.slice(i, j), depth + 1) });
    } else if (token.text !== null) {
      let text = token.text;
      while (j < tokens.length && tokens[j]!.wrappers.length === depth && tokens[j]!.text !== null && sameLeaf(tokens[j]!, token)) text += tokens[j++]!.text;
      out.push({ ...token.leaf, text });
    } else {
      out.push(token.leaf);
    }
    i = j;
  }
  return out;
}

function sameLeaf(a: InlineToken, b: InlineToken): boolean {
  return a.key.slice(0, a.key.lastIndexOf('\u0003')) === b.key.slice(0, b.key.lastIndexOf('\u0003'));
}

interface CaptionToken {
  key: string;
  text: string;
  format: number;
}

/** A figure's caption runs merged word by word, each word keeping its run's format. */
function mergeCaption(b: unknown, o: unknown, t: unknown, context: Context): unknown {
  if (!Array.isArray(b) || !Array.isArray(o) || !Array.isArray(t)) return mergeValue(b, o, t, false, context);
  const tokens = (runs: unknown[]): CaptionToken[] =>
    runs.flatMap((run) => {
      const { text, format } = run as { text: string; format: number };
      return tokenize(text, context.language).map((word) => ({ key: `${format}\u0003${word}`, text: word, format }));
    });
  const merged = merge3(tokens(b), tokens(o), tokens(t), (token) => token.key);
  if (merged === null) return NO_MERGE;
  const runs: Array<{ text: string; format: number }> = [];
  for (const token of merged) {
    const last = runs.at(-1);
    if (last !== undefined && last.format === token.format) last.text += token.text;
    else runs.push({ text: token.text, format: token.format });
  }
  return runs;
}
