import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { SerializedSectorHeading } from '../../../../../shared/model/anatomy.ts';
import { $createSectorHeadingNode, $isSectorHeadingNode } from '../../../../../renderer/editor/nodes/SectorHeadingNode.tsx';
import { body, exported, load, para, storyEditor } from './headless.ts';

const heading = (sectorId: string, blockId?: string) => ({
  type: 'sector-heading',
  version: 1,
  sectorId,
  ...(blockId ? { $: { blockId } } : {}),
});

describe('SectorHeadingNode JSON', () => {
  it('round-trips: exportJSON gives back exactly what was loaded, block id included', () => {
    const doc = body(para('Opening.', 'b0000000000000001'), heading('health-care', 'b0000000000000002'), para('Hospitals.', 'b0000000000000003'));
    const editor = storyEditor();
    load(editor, doc);
    expect(exported(editor)).toEqual(doc);
    editor.getEditorState().read(() => {
      const node = $getRoot().getChildAtIndex(1);
      expect($isSectorHeadingNode(node) && node.getSectorId()).toBe('health-care');
    });
  });

  it('exports the anatomy schema that the backend validates', () => {
    const editor = storyEditor();
    editor.update(() => void $getRoot().clear().append($createSectorHeadingNode('legal-protection')), { discrete: true });
    const json = exported(editor).root.children[0];
    expect(json).toEqual(heading('legal-protection'));
    expect(SerializedSectorHeading.safeParse(json).success).toBe(true);
  });

  it('keeps a sector id the taxonomy no longer knows (a removed or foreign sector) rather than dropping the heading', () => {
    const doc = body(heading('retired-beat', 'b0000000000000009'));
    const editor = storyEditor();
    load(editor, doc);
    expect(exported(editor)).toEqual(doc);
  });
});
