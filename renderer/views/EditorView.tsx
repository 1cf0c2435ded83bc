import { useCallback, useEffect, useState } from 'react';
import type { Story } from '../../shared/api/contract.ts';
import { ErrorCode } from '../../shared/api/errors.ts';
import { useApi } from '../api/context.tsx';
import { toApiCallError } from '../api/errors.ts';
import { Icon } from '../components/Icon.tsx';
import { StoryEditor } from '../editor/StoryEditor.tsx';

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; story: Story }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

/** `#/story/<id>`: loads the story, then hands it to the editor. */
export default function EditorView({ id }: { id: string }) {
  const api = useApi();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    api
      .invoke('stories.get', { id })
      .then((story) => current && setLoad({ kind: 'ready', story }))
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
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    if (load.kind === 'missing') document.title = 'Story not found · Copydesk';
  }, [load.kind]);

  switch (load.kind) {
    case 'loading':
      return <EditorSkeleton />;
    case 'ready':
      return <StoryEditor story={load.story} />;
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
