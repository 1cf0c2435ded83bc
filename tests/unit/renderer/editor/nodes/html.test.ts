// @vitest-environment jsdom
import { $generateHtmlFromNodes, $generateNodesFromDOM } from '@lexical/html';
import { $getRoot, $insertNodes, type LexicalEditor, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLICATION_SETTINGS } from '../../../../../shared/model/publication.ts';
import { $createContributorNoteNode, $isContributorNoteNode } from '../../../../../renderer/editor/nodes/ContributorNoteNode.tsx';
import { setEditorPublication } from '../../../../../renderer/editor/nodes/publication.ts';
import { $createSectorHeadingNode, $isSectorHeadingNode } from '../../../../../renderer/editor/nodes/SectorHeadingNode.tsx';
import { storyEditor } from './headless.ts';

function exportHtml(editor: LexicalEditor, create: () => LexicalNode): string {
  editor.update(() => void $getRoot().clear().append(create()), { discrete: true });
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
  return editor.getEditorState().read(() => $getRoot().getChildren());
}

describe('SectorHeadingNode HTML', () => {
  it('exports <h2 data-sector class="sector-heading"> with the current label', () => {
    const editor = storyEditor();
    expect(exportHtml(editor, () => $createSectorHeadingNode('health-care'))).toBe('<h2 data-sector="health-care" class="sector-heading">Health Care</h2>');
  });

  it('prints a renamed sector under its new label, and an unknown id as itself', () => {
    const editor = storyEditor();
    setEditorPublication(editor, {
      ...DEFAULT_PUBLICATION_SETTINGS,
      sectors: DEFAULT_PUBLICATION_SETTINGS.sectors.map((s) => (s.id === 'health-care' ? { ...s, label: 'Health' } : s)),
    });
    expect(exportHtml(editor, () => $createSectorHeadingNode('health-care'))).toBe('<h2 data-sector="health-care" class="sector-heading">Health</h2>');
    expect(exportHtml(editor, () => $createSectorHeadingNode('gone'))).toBe('<h2 data-sector="gone" class="sector-heading">gone</h2>');
  });

  it('is exported by the document HTML export and imported back from it', () => {
    const editor = storyEditor();
    editor.update(() => void $getRoot().clear().append($createSectorHeadingNode('finance')), { discrete: true });
    const html = editor.getEditorState().read(() => $generateHtmlFromNodes(editor));
    expect(html).toContain('<h2 data-sector="finance" class="sector-heading">Finance</h2>');
    const [node] = importHtml(editor, html);
    expect($isSectorHeadingNode(node)).toBe(true);
    expect(editor.getEditorState().read(() => ($isSectorHeadingNode(node) ? node.getSectorId() : null))).toBe('finance');
  });

  it('leaves an ordinary <h2> (no data-sector) to the heading node', () => {
    const editor = storyEditor();
    const [node] = importHtml(editor, '<h2>Just a heading</h2>');
    expect(node?.getType()).toBe('heading');
  });
});

describe('ContributorNoteNode HTML', () => {
  it('exports <p class="contributor-note"> with the printed sentence', () => {
    const editor = storyEditor();
    const html = exportHtml(editor, () =>
      $createContributorNoteNode([
        { personId: null, name: 'Peng Qin', role: 'intern' },
        { personId: null, name: 'Li Wei', role: 'intern' },
      ]),
    );
    expect(html).toBe('<p class="contributor-note">(Peng Qin and Li Wei, as interns, also contributed to this report.)</p>');
  });

  it('prints with the publication templates', () => {
    const editor = storyEditor();
    setEditorPublication(editor, {
      ...DEFAULT_PUBLICATION_SETTINGS,
      noteTemplates: { ...DEFAULT_PUBLICATION_SETTINGS.noteTemplates, intern: { one: '{names} (intern) helped.', many: '{names} (interns) helped.' } },
    });
    expect(exportHtml(editor, () => $createContributorNoteNode([{ personId: null, name: 'Peng Qin', role: 'intern' }]))).toBe(
      '<p class="contributor-note">(Peng Qin (intern) helped.)</p>',
    );
  });

  it('imports the exported paragraph back into entries', () => {
    const editor = storyEditor();
    const [node] = importHtml(editor, '<p class="contributor-note">(Peng Qin, as an intern, also contributed to this report.)</p>');
    expect($isContributorNoteNode(node)).toBe(true);
    expect(editor.getEditorState().read(() => ($isContributorNoteNode(node) ? node.getContributors() : null))).toEqual([
      { personId: null, name: 'Peng Qin', role: 'intern' },
    ]);
  });
});
