import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { SerializedFigure } from '../../../../../shared/model/anatomy.ts';
import { SerializedDocumentSchema } from '../../../../../shared/model/document.ts';
import { $createFigureNode, $isFigureNode, printedCaption } from '../../../../../renderer/editor/nodes/FigureNode.tsx';
import { body, exported, load, para } from './headless.ts';
import { figureEditor, figureJson } from './figureEditor.ts';

describe('FigureNode JSON', () => {
  it('round-trips media, caption runs, credit, creator, alt text and the block id', () => {
    const doc = body(para('Before.', 'b00000000000000f1'), figureJson({}, 'b00000000000000f2'), para('After.', 'b00000000000000f3'));
    const editor = figureEditor();
    load(editor, doc);
    expect(exported(editor)).toEqual(doc);
    editor.getEditorState().read(() => {
      const node = $getRoot().getChildAtIndex(1);
      expect($isFigureNode(node)).toBe(true);
      if (!$isFigureNode(node)) return;
      expect(node.getData().credit).toBe('iChongqing');
      expect(printedCaption(node.getData())).toBe('A picture of Chongqing at night. (iChongqing)');
    });
  });

  it('round-trips a placeholder (an imported caption whose photo is not here yet)', () => {
    const placeholder = figureJson({ media: null, alt: '', creator: '' }, 'b00000000000000f4');
    const doc = body(placeholder);
    const editor = figureEditor();
    load(editor, doc);
    expect(exported(editor)).toEqual(doc);
  });

  it('exports exactly the anatomy schema the backend validates a save against', () => {
    const editor = figureEditor();
    editor.update(
      () =>
        void $getRoot()
          .clear()
          .append(
            $createFigureNode(),
            $createFigureNode({
              media: { sha256: 'cd'.repeat(32), mime: 'image/png', width: 800, height: 500 },
              caption: [
                { text: 'A ', format: 0 },
                { text: '', format: 1 },
                { text: 'grey', format: 0 },
              ],
              credit: 'x'.repeat(400),
            }),
          ),
      { discrete: true },
    );
    const doc = exported(editor);
    const [empty, full] = doc.root.children;
    expect(empty).toEqual({ type: 'figure', version: 1, media: null, alt: '', caption: [], credit: '', creator: '' });
    // Runs are merged and emptied runs dropped; the credit is kept within its limit.
    expect(full).toMatchObject({ caption: [{ text: 'A grey', format: 0 }], credit: 'x'.repeat(300) });
    expect(SerializedFigure.safeParse(empty).success).toBe(true);
    expect(SerializedFigure.safeParse(full).success).toBe(true);
    expect(SerializedDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('keeps the block id through an edit of the figure', () => {
    const editor = figureEditor();
    load(editor, body(figureJson({}, 'b00000000000000f5')));
    editor.update(
      () => {
        const node = $getRoot().getFirstChild();
        if ($isFigureNode(node)) node.setData({ credit: 'iChongqing/ Vivian Yan' });
      },
      { discrete: true },
    );
    expect(exported(editor).root.children[0]).toEqual(figureJson({ credit: 'iChongqing/ Vivian Yan' }, 'b00000000000000f5'));
  });
});

describe('printedCaption', () => {
  it('prints "caption (credit)", and each alone when the other is missing', () => {
    const caption = [{ text: 'Night falls.', format: 0 }];
    expect(printedCaption({ caption, credit: 'iChongqing' })).toBe('Night falls. (iChongqing)');
    expect(printedCaption({ caption, credit: '' })).toBe('Night falls.');
    expect(printedCaption({ caption: [], credit: 'iChongqing' })).toBe('(iChongqing)');
  });
});
