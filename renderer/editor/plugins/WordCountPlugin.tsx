import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import { useEffect } from 'react';
import { countText, type TextCount } from '../../../shared/model/wordcount.ts';

/** Counting a long story on every keystroke is wasted work; a short pause is invisible. */
const COUNT_DELAY_MS = 120;

/** Reports the body's word count and reading time, live, in the story's language. */
export function WordCountPlugin({ language, onCount }: { language: string; onCount: (count: TextCount) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const count = () => onCount(countText(editor.getEditorState().read(() => $getRoot().getTextContent()), language));
    count();
    let timer: number | undefined;
    const unregister = editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(count, COUNT_DELAY_MS);
    });
    return () => {
      window.clearTimeout(timer);
      unregister();
    };
  }, [editor, language, onCount]);
  return null;
}
