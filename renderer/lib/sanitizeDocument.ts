import type { SerializedDocument, SerializedNode } from '../../shared/model/document.ts';
import { safeLinkUrl } from '../../shared/model/links.ts';

const LINK_TYPES = new Set(['link', 'autolink']);

/** The versions a conflict block (shared/review/merge.ts) holds: blocks like any other, kept outside `children`. */
const CONFLICT_SIDES = ['ours', 'theirs', 'base'] as const;

/**
 * A stored body with every unsafe link replaced by its text. Documents can
 * arrive from elsewhere (imports, other versions, sync), so the editor never
 * trusts a link address it did not check itself. Returns the same object when
 * nothing needed changing.
 */
export function stripUnsafeLinks(doc: SerializedDocument): SerializedDocument {
  const children = cleanChildren(doc.root.children);
  if (children === doc.root.children) return doc;
  return { root: { ...doc.root, children } };
}

function cleanChildren(children: SerializedNode[]): SerializedNode[] {
  let changed = false;
  const out: SerializedNode[] = [];
  for (const child of children) {
    if (child.type === 'merge-conflict') {
      const cleaned = cleanConflict(child);
      if (cleaned !== child) changed = true;
      out.push(cleaned);
      continue;
    }
    const grandChildren = child.children ? cleanChildren(child.children) : undefined;
    if (LINK_TYPES.has(child.type)) {
      const check = typeof child.url === 'string' ? safeLinkUrl(child.url) : null;
      if (!check?.ok) {
        out.push(...(grandChildren ?? []));
        changed = true;
        continue;
      }
      if (check.url !== child.url || grandChildren !== child.children) {
        out.push({ ...child, url: check.url, children: grandChildren });
        changed = true;
        continue;
      }
    } else if (grandChildren !== child.children) {
      out.push({ ...child, children: grandChildren });
      changed = true;
      continue;
    }
    out.push(child);
  }
  return changed ? out : children;
}

/**
 * A conflict block with its versions' links made safe: "Keep mine" turns a
 * version into real blocks in the editor, and the versions are shown and
 * exported as text before that, so they are checked like the body.
 */
function cleanConflict(block: SerializedNode): SerializedNode {
  let out = block;
  for (const side of CONFLICT_SIDES) {
    const version = block[side] as SerializedNode | null | undefined;
    if (typeof version !== 'object' || version === null) continue;
    const cleaned = cleanChildren([version]);
    if (cleaned[0] === version) continue;
    // A version is a block, never a link; one that is (a hand-made document) keeps its text in a paragraph.
    const safe = cleaned.length === 1 && cleaned[0]!.type === version.type ? cleaned[0]! : { type: 'paragraph', version: 1, children: cleaned };
    out = { ...out, [side]: safe };
  }
  return out;
}
