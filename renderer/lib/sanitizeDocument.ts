import type { SerializedDocument, SerializedNode } from '../../shared/model/document.ts';
import { safeLinkUrl } from '../../shared/model/links.ts';

const LINK_TYPES = new Set(['link', 'autolink']);

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
