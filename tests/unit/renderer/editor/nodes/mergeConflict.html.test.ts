// @vitest-environment jsdom
import { $generateHtmlFromNodes } from '@lexical/html';
import { createHeadlessEditor } from '@lexical/headless';
import { describe, expect, it } from 'vitest';
import { documentText, SerializedDocumentSchema, type SerializedNode } from '../../../../../shared/model/document.ts';
import type { MergeConflictBlock } from '../../../../../shared/review/merge.ts';
import { STORY_NODES } from '../../../../../renderer/editor/nodes.ts';
import { stripUnsafeLinks } from '../../../../../renderer/lib/sanitizeDocument.ts';
import { body, load, para } from './headless.ts';

const B = 'b000000000000000b';

function paraWithLink(before: string, url: string, label: string): SerializedNode {
  const base = para(before, B);
  const link: SerializedNode = {
    type: 'link',
    version: 1,
    url,
    rel: null,
    target: null,
    title: null,
    direction: null,
    format: '',
    indent: 0,
    children: [{ type: 'text', version: 1, text: label, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
  return { ...base, children: [...base.children!, link] };
}

function conflict(ours: SerializedNode | null, theirs: SerializedNode | null, base: SerializedNode | null): MergeConflictBlock {
  return { type: 'merge-conflict', version: 1, ours, theirs, base, oursLabel: 'Your version', theirsLabel: "Vivian Yan's version (newsroom)", $: { blockId: B } };
}

describe('MergeConflictNode HTML (copy as HTML)', () => {
  it('exports both versions as labelled text and says the decision is open', () => {
    const editor = createHeadlessEditor({
      namespace: 'test',
      nodes: [...STORY_NODES],
      onError: (error) => {
        throw error;
      },
    });
    load(editor, body(conflict(para('Defences gave way.', B), null, para('Defences held.', B))));
    const html = editor.getEditorState().read(() => $generateHtmlFromNodes(editor));
    const dom = new DOMParser().parseFromString(html, 'text/html');
    const block = dom.querySelector('[data-merge-conflict]');
    expect(block?.textContent).toContain('Unresolved conflict');
    expect([...block!.querySelectorAll('blockquote')].map((side) => side.textContent)).toEqual([
      'Your version (Paragraph)Defences gave way.',
      "Vivian Yan's version (newsroom)Deleted on this side",
    ]);
    // The ancestor is not what either side wrote: it stays out of the copy.
    expect(html).not.toContain('Defences held.');
  });
});

describe('stripUnsafeLinks inside a conflict block', () => {
  it('unwraps an unsafe link in ours, theirs and base, keeping the words, and leaves safe links be', () => {
    const doc = body(
      conflict(
        paraWithLink('See ', 'javascript:alert(1)', 'the map'),
        paraWithLink('See ', 'https://example.com/map', 'the map'),
        paraWithLink('Map: ', 'data:text/html,<script>alert(1)</script>', 'here'),
      ),
    );
    const clean = stripUnsafeLinks(doc);
    const block = clean.root.children[0] as MergeConflictBlock;
    expect(JSON.stringify(block)).not.toMatch(/javascript:|data:text/);
    expect(block.ours!.children!.map((child) => child.type)).toEqual(['text', 'text']);
    expect(documentText(body(block.ours!))).toBe('See the map');
    expect(block.theirs!.children![1]).toMatchObject({ type: 'link', url: 'https://example.com/map' });
    expect(documentText(body(block.base!))).toBe('Map: here');
    expect(block.$).toEqual({ blockId: B });
    expect(SerializedDocumentSchema.safeParse(clean).success).toBe(true);
    // Nothing to clean: the same object back, as for any body.
    expect(stripUnsafeLinks(clean)).toBe(clean);
  });
});
