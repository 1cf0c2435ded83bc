import { z } from 'zod';
import type { RevisionSnapshot } from '../api/methods/revisions.ts';
import { BlockId, Byline, Dateline } from '../model/anatomy.ts';
import type { SerializedNode } from '../model/document.ts';
import { LanguageTag, LIMITS } from '../model/story.ts';
import { blockIdOf } from '../review/blockContent.ts';
import { canonicalJson } from '../review/canonicalJson.ts';

/**
 * A revision's snapshot as a change to another snapshot the hub already
 * has (its base), so a one-word edit to a 5,000-word story travels as a
 * couple of kilobytes instead of the whole story (issue 5, benchmarks).
 *
 * The unit is the top-level block, by its stable block id: the delta lists
 * the new body's blocks in order, each either the id of a block the base
 * has unchanged (`"b…"`) or the block in full (new, changed, or a block
 * with no id). Header fields go only when they differ from the base's; the
 * body root's own fields (direction, format…) only when one of them does.
 *
 * Applying a delta to its base gives back the snapshot it was made from
 * exactly — the same canonical JSON — because the hub recomputes the
 * revision id from the result and refuses a mismatch.
 *
 *   const delta = encodeSnapshotDelta(base, next);   // workstation
 *   const again = applySnapshotDelta(base, delta);   // hub; canonicalJson(again) === canonicalJson(next)
 *
 * Both functions are pure and share no objects with their inputs.
 */

export const SNAPSHOT_DELTA_LIMITS = {
  /**
   * Top-level blocks in one delta. The body's own JSON limit (8 MB) is
   * checked on the rebuilt snapshot; this bounds the work of rebuilding it.
   */
  blocks: 100_000,
} as const;

/**
 * A block sent in full. Only its outline is checked here: the rebuilt
 * snapshot goes through the body schema (types, depth, links, ids) as a
 * snapshot sent whole would.
 */
const FullBlock = z.looseObject({
  type: z.string().min(1).max(64),
  version: z.number().int().min(0),
}) as unknown as z.ZodType<SerializedNode>;

/** The body root's own fields, without its children (they are `blocks`). */
const RootFields = z
  .looseObject({ type: z.literal('root'), version: z.number().int().min(0) })
  .refine((root) => !('children' in root), { message: 'The root fields of a delta do not include its children', path: ['children'] });

/** Header fields of the snapshot; only those that changed are present. */
const HeaderFields = z
  .object({
    headline: z.string().max(LIMITS.headline, `Headline is longer than ${LIMITS.headline} characters`),
    standfirst: z.string().max(LIMITS.standfirst, `Standfirst is longer than ${LIMITS.standfirst} characters`),
    dateline: Dateline,
    byline: Byline,
    language: LanguageTag,
  })
  .partial()
  .strict();

export const SnapshotDelta = z
  .object({
    /** The header fields whose value differs from the base's, as they are now. */
    header: HeaderFields,
    /** The body root's fields other than its children, when any differs from the base's. */
    root: RootFields.optional(),
    /** The new body's top-level blocks in order: a base block's id (unchanged), or a block in full. */
    blocks: z
      .array(z.union([BlockId, FullBlock]))
      .max(SNAPSHOT_DELTA_LIMITS.blocks, `A delta lists at most ${SNAPSHOT_DELTA_LIMITS.blocks.toLocaleString('en')} blocks`),
  })
  .strict();
export type SnapshotDelta = z.infer<typeof SnapshotDelta>;

/** A delta that does not fit its base (it names a block the base does not have). */
export class SnapshotDeltaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotDeltaError';
  }
}

const HEADER_KEYS = ['headline', 'standfirst', 'dateline', 'byline', 'language'] as const;

/**
 * The base's blocks by id, leaving out ids that occur more than once (a
 * reference to one would be ambiguous; such blocks travel in full).
 */
function blocksById(blocks: readonly SerializedNode[]): Map<string, SerializedNode> {
  const byId = new Map<string, SerializedNode>();
  const repeated = new Set<string>();
  for (const block of blocks) {
    const id = blockIdOf(block);
    if (id === null) continue;
    if (byId.has(id)) repeated.add(id);
    else byId.set(id, block);
  }
  for (const id of repeated) byId.delete(id);
  return byId;
}

function rootFields(snapshot: RevisionSnapshot): Record<string, unknown> {
  const { children: _children, ...fields } = snapshot.body.root;
  return fields;
}

/** `next` as a change to `base`: see {@link SnapshotDelta}. */
export function encodeSnapshotDelta(base: RevisionSnapshot, next: RevisionSnapshot): SnapshotDelta {
  const header: Record<string, unknown> = {};
  for (const key of HEADER_KEYS) {
    if (canonicalJson(next[key]) !== canonicalJson(base[key])) header[key] = next[key];
  }
  const baseBlocks = blocksById(base.body.root.children);
  const blocks = next.body.root.children.map((block): string | SerializedNode => {
    const id = blockIdOf(block);
    const before = id === null ? undefined : baseBlocks.get(id);
    return id !== null && before !== undefined && canonicalJson(before) === canonicalJson(block) ? id : block;
  });
  const nextRoot = rootFields(next);
  const delta: SnapshotDelta = { header, blocks };
  if (canonicalJson(nextRoot) !== canonicalJson(rootFields(base))) delta.root = nextRoot as SnapshotDelta['root'];
  return structuredClone(delta);
}

/**
 * Rebuilds the snapshot `delta` was made from. Throws
 * {@link SnapshotDeltaError} when the delta names a block `base` does not
 * have (it was made against another base).
 */
export function applySnapshotDelta(base: RevisionSnapshot, delta: SnapshotDelta): RevisionSnapshot {
  const baseBlocks = blocksById(base.body.root.children);
  const children = delta.blocks.map((item) => {
    if (typeof item !== 'string') return item;
    const block = baseBlocks.get(item);
    if (block === undefined) throw new SnapshotDeltaError(`The delta names block ${item}, which its base revision does not have.`);
    return block;
  });
  const header = Object.fromEntries(HEADER_KEYS.map((key) => [key, key in delta.header ? delta.header[key] : base[key]]));
  const snapshot = {
    ...base,
    ...header,
    body: { ...base.body, root: { ...(delta.root ?? rootFields(base)), children } },
  } as RevisionSnapshot;
  return structuredClone(snapshot);
}
