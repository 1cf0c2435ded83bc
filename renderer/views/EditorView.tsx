import { useCallback, useEffect, useRef, useState } from 'react';
import type { Story } from '../../shared/api/contract.ts';
import { ErrorCode } from '../../shared/api/errors.ts';
import { useApi } from '../api/context.tsx';
import type { ClientApi } from '../api/types.ts';
import { toApiCallError } from '../api/errors.ts';
import { Icon } from '../components/Icon.tsx';
import { editorMode, type EditorMode } from '../editor/proposals/proposalMode.ts';
import { StoryEditor } from '../editor/StoryEditor.tsx';
import { useSession } from '../session/SessionContext.tsx';

type Load =
  | { kind: 'loading' }
  /** `opening` counts the editors mounted: a new mode is a new editor. */
  | { kind: 'ready'; story: Story; mode: EditorMode; opening: number }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

/**
 * The story and what the editor opens it for: its own text, or the person's
 * proposal on it (their draft's text when they have one). Decided before the
 * editor mounts, so an editor is seeded once and saves to one place.
 */
async function openStory(api: ClientApi, id: string, personId: string, propose: boolean): Promise<{ story: Story; mode: EditorMode }> {
  const [story, permissions, timeline, mine] = await Promise.all([
    api.invoke('stories.get', { id }),
    api.invoke('session.permissions', { storyIds: [id] }),
    api.invoke('workflow.timeline', { storyId: id }),
    api.invoke('proposals.mine', { storyId: id }),
  ]);
  const mode = editorMode({
    personId,
    decisions: permissions.stories[id] ?? null,
    ownerId: timeline.state.ownerId,
    assigneeId: timeline.state.assigneeId,
    draft: mine.proposal,
    chosen: propose,
  });
  return { story, mode };
}

/** `#/story/<id>`: loads the story, then hands it to the editor. */
export default function EditorView({ id }: { id: string }) {
  const api = useApi();
  const personId = useSession().profile?.id ?? '';
  // Read when a load starts: switching person alone does not reopen the editor (it asks when its mode must change).
  const personRef = useRef(personId);
  useEffect(() => {
    personRef.current = personId;
  }, [personId]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState<{ n: number; propose: boolean }>({ n: 0, propose: false });

  useEffect(() => {
    let current = true;
    openStory(api, id, personRef.current, attempt.propose)
      .then(({ story, mode }) => current && setLoad((before) => ({ kind: 'ready', story, mode, opening: (before.kind === 'ready' ? before.opening : 0) + 1 })))
      .catch((reason: unknown) => {
        if (!current) return;
        const error = toApiCallError(reason);
        // A malformed id in the address bar is as missing as a deleted story.
        if (error.code === ErrorCode.NOT_FOUND || error.code === ErrorCode.VALIDATION) setLoad({ kind: 'missing' });
        else setLoad({ kind: 'failed', message: error.message });
      });
    return () => {
      current = false;
    };
  }, [api, id, attempt]);

  const retry = useCallback(() => {
    setLoad({ kind: 'loading' });
    setAttempt((a) => ({ n: a.n + 1, propose: false }));
  }, []);

  // The editor must work in another mode (proposal sent or discarded, the person or the story's state changed):
  // load again and mount a new editor; the one on screen stays until then, and saves what it has as it goes.
  const reopen = useCallback((options: { propose?: boolean } = {}) => setAttempt((a) => ({ n: a.n + 1, propose: options.propose === true })), []);

  useEffect(() => {
    if (load.kind === 'missing') document.title = 'Story not found · Copydesk';
  }, [load.kind]);

  switch (load.kind) {
    case 'loading':
      return <EditorSkeleton />;
    case 'ready':
      return <StoryEditor key={load.opening} story={load.story} mode={load.mode} onReopen={reopen} />;
    case 'missing':
      return (
        <section className="page-message" aria-labelledby="missing-title">
          <h1 id="missing-title" className="page-message__title">
            This story doesn't exist (it may have been deleted)
          </h1>
          <p className="page-message__text">Stories emptied from the trash are gone for good. Others are in the library.</p>
          <div className="page-message__actions">
            <a className="button button--primary" href="#/">
              <Icon name="back" size={16} />
              Back to library
            </a>
          </div>
        </section>
      );
    case 'failed':
      return (
        <section className="page-message" role="alert" aria-labelledby="failed-title">
          <h1 id="failed-title" className="page-message__title">
            The story could not be opened
          </h1>
          <p className="page-message__text">{load.message}</p>
          <div className="page-message__actions">
            <button type="button" className="button button--primary" onClick={retry}>
              Try again
            </button>
            <a className="button" href="#/">
              Back to library
            </a>
          </div>
        </section>
      );
  }
}

function EditorSkeleton() {
  return (
    <div className="editor-page editor-page--loading" aria-busy="true">
      <p className="visually-hidden" role="status">
        Opening story…
      </p>
      <div className="paper paper--skeleton" aria-hidden="true">
        <span className="skeleton skeleton--title" />
        <span className="skeleton skeleton--line" />
        <span className="skeleton skeleton--line" />
        <span className="skeleton skeleton--line skeleton--short-line" />
      </div>
    </div>
  );
}
