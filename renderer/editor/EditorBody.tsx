import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import type { TextCount } from '../../shared/model/wordcount.ts';
import { STORY_TRANSFORMERS } from './markdown.ts';
import { BlockIdPlugin } from './nodes/blockId.ts';
import { AutosavePlugin } from './plugins/AutosavePlugin.tsx';
import { BlockPastePlugin } from './plugins/BlockPastePlugin.tsx';
import { ContributorNotePlugin } from './plugins/ContributorNotePlugin.tsx';
import { PasteSanitizePlugin } from './plugins/PasteSanitizePlugin.tsx';
import { WordCountPlugin } from './plugins/WordCountPlugin.tsx';

interface EditorBodyProps {
  language: string;
  onChange: () => void;
  onCount: (count: TextCount) => void;
}

/** The story body's contenteditable and the plugins that work on it. */
export function EditorBody({ language, onChange, onCount }: EditorBodyProps) {
  return (
    <div className="body-wrap">
      <RichTextPlugin
        contentEditable={
          <ContentEditable
            id="story-body"
            className="story-body"
            role="textbox"
            aria-multiline="true"
            aria-label="Story body"
            spellCheck
            lang={language}
            aria-placeholder="Write the story…"
            placeholder={<div className="story-body__placeholder">Write the story…</div>}
          />
        }
        ErrorBoundary={LexicalErrorBoundary}
      />
      <HistoryPlugin />
      <ListPlugin />
      <MarkdownShortcutPlugin transformers={STORY_TRANSFORMERS} />
      <PasteSanitizePlugin />
      <BlockPastePlugin />
      <AutosavePlugin onChange={onChange} />
      <BlockIdPlugin />
      <ContributorNotePlugin />
      <WordCountPlugin language={language} onCount={onCount} />
    </div>
  );
}
