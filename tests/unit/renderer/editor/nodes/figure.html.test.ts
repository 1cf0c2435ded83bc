// @vitest-environment jsdom
import { $generateNodesFromDOM } from '@lexical/html';
import { $getRoot, $insertNodes, $parseSerializedNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $isFigureNode, type SerializedFigureNode } from '../../../../../renderer/editor/nodes/FigureNode.tsx';
import { setFigureMediaUrl } from '../../../../../renderer/editor/nodes/figureMedia.ts';
import { figureEditor, figureJson, SHA } from './figureEditor.ts';

function exportHtml(editor: LexicalEditor, json: Record<string, unknown>): string {
  editor.update(() => void $getRoot().clear().append($parseSerializedNode(json as unknown as SerializedFigureNode)), { discrete: true });
  return editor.getEditorState().read(() => {
    const { element } = $getRoot().getFirstChildOrThrow().exportDOM(editor);
    return element instanceof HTMLElement ? element.outerHTML : '';
  });
}

function importHtml(editor: LexicalEditor, html: string) {
  editor.update(
    () => {
      $getRoot().clear().selectEnd();
      $insertNodes($generateNodesFromDOM(editor, new DOMParser().parseFromString(html, 'text/html')));
    },
    { discrete: true },
  );
  return editor.getEditorState().read(() => $getRoot().getChildren().filter($isFigureNode).map((node) => node.getData()));
}

describe('FigureNode HTML', () => {
  it('exports <figure><img src alt><figcaption>caption <span class="credit">(credit)</span></figcaption></figure>', () => {
    const editor = figureEditor();
    setFigureMediaUrl(editor, (sha256, variant) => `/media/${sha256}${variant ? `?variant=${variant}` : ''}`);
    const html = exportHtml(editor, figureJson());
    expect(html).toBe(
      '<figure data-creator="Vivian Yan">' +
        `<img src="/media/${SHA}" alt="City skyline lit up at night over the river" width="1200" height="800" data-sha256="${SHA}" data-mime="image/jpeg">` +
        '<figcaption>A picture of <b>Chongqing</b><i> at night.</i> <span class="credit">(iChongqing)</span></figcaption>' +
        '</figure>',
    );
    const figure = new DOMParser().parseFromString(html, 'text/html').querySelector('figcaption');
    expect(figure?.textContent).toBe('A picture of Chongqing at night. (iChongqing)');
  });

  it('names images relative to the document when no media address is registered', () => {
    const html = exportHtml(figureEditor(), figureJson());
    expect(html).toContain(`src="media/${SHA}"`);
  });

  it('exports a placeholder as a figure with only its caption, and never markup from caption text', () => {
    const html = exportHtml(
      figureEditor(),
      figureJson({ media: null, creator: '', credit: '', caption: [{ text: '<img src=x onerror=alert(1)>', format: 0 }] }),
    );
    expect(html).toBe('<figure><figcaption>&lt;img src=x onerror=alert(1)&gt;</figcaption></figure>');
  });

  it('reads its own export back: media, caption formatting, credit, creator and alt text', () => {
    const editor = figureEditor();
    const html = exportHtml(editor, figureJson());
    const [data] = importHtml(editor, `<p>Before</p>${html}<p>After</p>`);
    expect(data).toEqual({
      media: { sha256: SHA, mime: 'image/jpeg', width: 1200, height: 800 },
      alt: 'City skyline lit up at night over the river',
      caption: [
        { text: 'A picture of ', format: 0 },
        { text: 'Chongqing', format: 1 },
        { text: ' at night.', format: 2 },
      ],
      credit: 'iChongqing',
      creator: 'Vivian Yan',
    });
  });

  it('turns a foreign <figure> into a placeholder with caption and credit split', () => {
    const editor = figureEditor();
    const [data] = importHtml(
      editor,
      '<figure><img src="https://example.com/x.jpg" alt="Bridge"><figcaption>The <em>new</em> bridge <span class="credit">(iChongqing/ Vivian Yan)</span></figcaption></figure>',
    );
    expect(data).toEqual({
      media: null,
      alt: 'Bridge',
      caption: [
        { text: 'The ', format: 0 },
        { text: 'new', format: 2 },
        { text: ' bridge', format: 0 },
      ],
      credit: 'iChongqing/ Vivian Yan',
      creator: '',
    });
  });
});
