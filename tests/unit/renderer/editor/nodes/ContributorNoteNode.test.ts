import { $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { SerializedContributorNote, type NoteEntry } from '../../../../../shared/model/anatomy.ts';
import { $createContributorNoteNode, $isContributorNoteNode } from '../../../../../renderer/editor/nodes/ContributorNoteNode.tsx';
import { parseContributorNote } from '../../../../../renderer/editor/nodes/contributorNoteText.ts';
import { body, exported, load, para, storyEditor } from './headless.ts';

const PENG: NoteEntry = { personId: null, name: 'Peng Qin', role: 'intern' };
const LI: NoteEntry = { personId: '01HZX5Q7W8E9R0T1Y2U3I4O5P6', name: 'Li Wei', role: 'photos' };

const note = (contributors: NoteEntry[], blockId?: string) => ({
  type: 'contributor-note',
  version: 1,
  contributors,
  ...(blockId ? { $: { blockId } } : {}),
});

describe('ContributorNoteNode JSON', () => {
  it('round-trips entries (with and without a directory id) and the block id', () => {
    const doc = body(para('The end.', 'b00000000000000a1'), note([PENG, LI], 'b00000000000000a2'));
    const editor = storyEditor();
    load(editor, doc);
    expect(exported(editor)).toEqual(doc);
    editor.getEditorState().read(() => {
      const node = $getRoot().getLastChild();
      expect($isContributorNoteNode(node) && node.getContributors()).toEqual([PENG, LI]);
    });
  });

  it('exports the anatomy schema that the backend validates, even when empty', () => {
    const editor = storyEditor();
    editor.update(() => void $getRoot().clear().append($createContributorNoteNode(), $createContributorNoteNode([PENG])), { discrete: true });
    const [empty, one] = exported(editor).root.children;
    expect(empty).toEqual(note([]));
    expect(one).toEqual(note([PENG]));
    expect(SerializedContributorNote.safeParse(empty).success).toBe(true);
    expect(SerializedContributorNote.safeParse(one).success).toBe(true);
  });
});

describe('parseContributorNote (reading a printed note back)', () => {
  it('reads one intern, two interns, and several roles', () => {
    expect(parseContributorNote('(Peng Qin, as an intern, also contributed to this report.)')).toEqual([PENG]);
    expect(parseContributorNote('(Peng Qin and Li Wei, as interns, also contributed to this report.)')).toEqual([
      PENG,
      { personId: null, name: 'Li Wei', role: 'intern' },
    ]);
    expect(parseContributorNote('(Peng Qin, as an intern, also contributed to this report. Photos by Li Wei, Wu Fan and Ma Lin.)')).toEqual([
      PENG,
      { personId: null, name: 'Li Wei', role: 'photos' },
      { personId: null, name: 'Wu Fan', role: 'photos' },
      { personId: null, name: 'Ma Lin', role: 'photos' },
    ]);
  });

  it('recognises nothing in a sentence no template prints', () => {
    expect(parseContributorNote('(Reporting by the desk.)')).toEqual([]);
  });
});
