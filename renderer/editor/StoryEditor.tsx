import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useMemo } from 'react';
import type { Story } from '../../shared/api/contract.ts';
import { stripUnsafeLinks } from '../lib/sanitizeDocument.ts';
import { EditorWorkspace } from './EditorWorkspace.tsx';
import { STORY_NODES } from './nodes.ts';
import type { EditorMode } from './proposals/proposalMode.ts';
import { STORY_THEME } from './theme.ts';

/**
 * The editor for one loaded story. It is mounted only after `stories.get`
 * succeeded, with the stored body as its initial state, so an editor that
 * never loaded can never save an empty story over a real one. In proposal
 * mode with a draft, the draft's body is the initial state instead.
 */
export function StoryEditor({ story, mode = { kind: 'story' }, onReopen }: { story: Story; mode?: EditorMode; onReopen?: (options?: { propose?: boolean }) => void }) {
  const body = mode.kind === 'proposal' && mode.draft ? mode.draft.snapshot.body : story.body;
  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'copydesk-story',
      nodes: STORY_NODES,
      theme: STORY_THEME,
      editable: story.trashedAt === null,
      editorState: JSON.stringify(stripUnsafeLinks(body)),
      onError: (error) => {
        // Rethrown so the view's error boundary shows it rather than the editor limping on.
        throw error;
      },
    }),
    // The initial state is read once; later changes arrive through the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [story.id],
  );

  return (
    <LexicalComposer initialConfig={initialConfig}>
      <EditorWorkspace story={story} mode={mode} onReopen={onReopen} />
    </LexicalComposer>
  );
}
