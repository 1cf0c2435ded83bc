import { z } from 'zod';
import { BLOCK_ID_STATE_KEY, BLOCK_TYPES, BlockId, CUSTOM_BLOCKS, isCustomBlockType } from './anatomy.ts';
import { isStoredLinkAllowed } from './links.ts';
import { LIMITS } from './story.ts';

/**
 * A serialized Lexical node as stored: every node has a type and a version;
 * element nodes have children; text nodes have text. Other properties
 * (format, direction, url, tag, listType, …) are kept as they are.
 */
export interface SerializedNode {
  type: string;
  version: number;
  children?: SerializedNode[];
  text?: string;
  [key: string]: unknown;
}

export interface SerializedDocument {
  root: SerializedNode & { type: 'root'; children: SerializedNode[] };
}

const NodeBase = z.looseObject({
  type: z.string().min(1).max(64),
  version: z.number().int().min(0),
  text: z.string().optional(),
});

export const SerializedNodeSchema: z.ZodType<SerializedNode> = NodeBase.extend({
  children: z.array(z.lazy(() => SerializedNodeSchema)).optional(),
});

const SerializedDocumentShape = z
  .object({
    root: z.looseObject({
      type: z.literal('root'),
      version: z.number().int().min(0),
      children: z.array(SerializedNodeSchema),
    }),
  })
  .superRefine((doc, ctx) => {
    const depth = maxDepth(doc.root as SerializedNode);
    if (depth > LIMITS.nodeDepth) {
      ctx.addIssue({ code: 'custom', message: `Story body is nested ${depth} levels deep; the limit is ${LIMITS.nodeDepth}` });
      return;
    }
    const badLink = findDisallowedLink(doc.root as SerializedNode);
    if (badLink !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['root'],
        message: `Story body has a link that is not http, https or mailto: "${badLink.slice(0, 80)}"`,
      });
    }
    checkBlocks(doc.root.children as SerializedNode[], ctx);
  });

const TOP_LEVEL_TYPES: ReadonlySet<string> = new Set(BLOCK_TYPES);

const BLOCK_NAMES: Record<string, string> = {
  'sector-heading': 'sector heading',
  figure: 'figure',
  'contributor-note': 'contributor note',
  'merge-conflict': 'conflict block',
};

/**
 * The story anatomy's rules for blocks: only known block types at the top
 * level, custom blocks (sector heading, figure, contributor note) shaped as
 * their schemas say and only at the top level, and block ids (`$.blockId`)
 * well formed and unique, since diff, merge and comments address blocks by them.
 */
function checkBlocks(blocks: readonly SerializedNode[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  blocks.forEach((block, index) => {
    const path = ['root', 'children', index];
    const where = `Block ${index + 1}`;
    if (!TOP_LEVEL_TYPES.has(block.type)) {
      ctx.addIssue({ code: 'custom', path, message: `${where} is of type "${block.type.slice(0, 64)}", which a story body cannot hold at the top level` });
      return;
    }
    if (isCustomBlockType(block.type)) {
      const parsed = CUSTOM_BLOCKS[block.type].safeParse(block);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
        ctx.addIssue({ code: 'custom', path: [...path, ...issue.path.map(String)], message: `${where} is a malformed ${BLOCK_NAMES[block.type]}${field}: ${issue.message}` });
        return;
      }
      if (block.type === 'merge-conflict') checkConflictVersions(block, path, where, ctx);
    }
    const state = block.$;
    if (state === undefined) return;
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      ctx.addIssue({ code: 'custom', path: [...path, '$'], message: `${where} has node state that is not an object` });
      return;
    }
    const id = (state as Record<string, unknown>)[BLOCK_ID_STATE_KEY];
    if (id === undefined) return;
    if (!BlockId.safeParse(id).success) {
      ctx.addIssue({ code: 'custom', path: [...path, '$', BLOCK_ID_STATE_KEY], message: `${where} has a malformed block id: ${JSON.stringify(id)?.slice(0, 40)}` });
      return;
    }
    const first = seen.get(id as string);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, '$', BLOCK_ID_STATE_KEY],
        message: `Blocks ${first + 1} and ${index + 1} share the block id ${id as string}; every block needs its own`,
      });
      return;
    }
    seen.set(id as string, index);
  });
  for (const block of blocks) checkNestedCustomBlocks(block, ctx);
}

const CONFLICT_SIDES = ['ours', 'theirs', 'base'] as const;

/**
 * The versions a conflict block holds obey the rules of the blocks they are:
 * a known top-level type other than a conflict block, shaped as its schema
 * says, links http, https or mailto, nested no deeper than a body may be.
 */
function checkConflictVersions(block: SerializedNode, path: Array<string | number>, where: string, ctx: z.RefinementCtx): void {
  for (const side of CONFLICT_SIDES) {
    const version = block[side] as SerializedNode | null;
    if (version === null) continue;
    const at = [...path, side];
    if (!TOP_LEVEL_TYPES.has(version.type) || version.type === 'merge-conflict') {
      ctx.addIssue({ code: 'custom', path: at, message: `${where} is a conflict block holding a block of type "${version.type.slice(0, 64)}", which a story body cannot hold` });
      return;
    }
    if (isCustomBlockType(version.type) && !CUSTOM_BLOCKS[version.type].safeParse(version).success) {
      ctx.addIssue({ code: 'custom', path: at, message: `${where} is a conflict block holding a malformed ${BLOCK_NAMES[version.type]}` });
      return;
    }
    // Measured before zod walks the version's children, as for the body itself.
    if (unparsedDepth({ root: version }) + 1 > LIMITS.nodeDepth) {
      ctx.addIssue({ code: 'custom', path: at, message: `${where} is a conflict block nested deeper than the limit of ${LIMITS.nodeDepth} levels` });
      return;
    }
    if (!SerializedNodeSchema.safeParse(version).success) {
      ctx.addIssue({ code: 'custom', path: at, message: `${where} is a conflict block holding a malformed block` });
      return;
    }
    const badLink = findDisallowedLink(version);
    if (badLink !== null) {
      ctx.addIssue({ code: 'custom', path: at, message: `${where} is a conflict block with a link that is not http, https or mailto: "${badLink.slice(0, 80)}"` });
      return;
    }
    checkNestedCustomBlocks(version, ctx);
  }
}

/** Custom blocks are top-level only: a figure inside a list item has nowhere to render. */
function checkNestedCustomBlocks(block: SerializedNode, ctx: z.RefinementCtx): void {
  const stack: SerializedNode[] = [...(block.children ?? [])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isCustomBlockType(node.type)) {
      ctx.addIssue({ code: 'custom', path: ['root'], message: `A ${BLOCK_NAMES[node.type]} must be a top-level block, not inside a "${block.type.slice(0, 64)}"` });
      return;
    }
    for (const child of node.children ?? []) stack.push(child);
  }
}

/**
 * The body schema. Nesting is measured before zod walks the tree: zod parses
 * children recursively, so a body nested a few thousand levels deep (or a
 * cyclic object over IPC) would otherwise overflow the stack and surface as an
 * internal error instead of a VALIDATION reply.
 */
export const SerializedDocumentSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const depth = unparsedDepth(value);
    if (depth > LIMITS.nodeDepth) {
      ctx.addIssue({ code: 'custom', message: `Story body is nested ${depth} levels deep; the limit is ${LIMITS.nodeDepth}` });
    }
  })
  .pipe(SerializedDocumentShape) as unknown as z.ZodType<SerializedDocument>;

/** Depth of `{ root }` counting the root as 1, stopping one past the limit; 0 if there is no root object. */
function unparsedDepth(value: unknown): number {
  const root = typeof value === 'object' && value !== null ? (value as { root?: unknown }).root : undefined;
  if (typeof root !== 'object' || root === null) return 0;
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (depth > LIMITS.nodeDepth) return depth;
    const children = typeof node === 'object' && node !== null ? (node as { children?: unknown }).children : undefined;
    if (Array.isArray(children)) for (const child of children) stack.push([child, depth + 1]);
  }
  return deepest;
}

function maxDepth(node: SerializedNode): number {
  let deepest = 0;
  const stack: Array<[SerializedNode, number]> = [[node, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (depth > LIMITS.nodeDepth) return depth;
    for (const child of current.children ?? []) stack.push([child, depth + 1]);
  }
  return deepest;
}

const LINK_TYPES = new Set(['link', 'autolink']);

/** The first link whose address a story may not carry, or null. */
function findDisallowedLink(root: SerializedNode): string | null {
  const stack: SerializedNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (LINK_TYPES.has(node.type)) {
      const url = typeof node.url === 'string' ? node.url : '';
      if (!isStoredLinkAllowed(url)) return url;
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return null;
}

/** An empty body: one empty paragraph, as Lexical itself starts. */
export function emptyDocument(): SerializedDocument {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [
        { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [] },
      ],
    },
  };
}

const INLINE_BREAKS = new Set(['linebreak']);

/**
 * Plain text of a document: one line per top-level block (and per list item),
 * used for search, snippets and word counts.
 */
export function documentText(doc: SerializedDocument): string {
  const lines: string[] = [];
  for (const block of doc.root.children) {
    // An unresolved conflict block (shared/review/merge.ts) reads as our
    // version — the one the story keeps until someone decides — or, when we
    // deleted the block, as theirs: word counts and search keep the words
    // while the decision waits. Counting both would count the paragraph twice.
    const shown = block.type === 'merge-conflict' ? ((block.ours ?? block.theirs) as SerializedNode | null) : block;
    if (shown) collectBlock(shown, lines);
  }
  return lines.join('\n');
}

function collectBlock(block: SerializedNode, lines: string[]): void {
  const children = block.children ?? [];
  const hasBlockChildren = children.some((c) => c.type === 'listitem' || c.type === 'list' || isBlockContainer(c));
  if (hasBlockChildren) {
    let inline = '';
    for (const child of children) {
      if (child.type === 'listitem' || child.type === 'list' || isBlockContainer(child)) {
        if (inline.trim()) lines.push(inline);
        inline = '';
        collectBlock(child, lines);
      } else {
        inline += inlineText(child);
      }
    }
    if (inline.trim()) lines.push(inline);
    return;
  }
  lines.push(inlineText(block));
}

function isBlockContainer(node: SerializedNode): boolean {
  return node.type === 'paragraph' || node.type === 'heading' || node.type === 'quote';
}

function inlineText(node: SerializedNode): string {
  if (typeof node.text === 'string') return node.text;
  if (INLINE_BREAKS.has(node.type)) return '\n';
  if (node.type === 'tab') return '\t';
  return (node.children ?? []).map(inlineText).join('');
}
