import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/api/contract.ts';
import { formatByline } from '../../../shared/model/credits.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { useSettings } from '../../hooks/useSettings.ts';
import { stripUnsafeLinks } from '../../lib/sanitizeDocument.ts';
import { STORY_NODES } from '../nodes.ts';
import { STORY_THEME } from '../theme.ts';

type Revision = MethodOutput<'revisions.get'>;
type Load = { kind: 'loading' } | { kind: 'ready'; revision: Revision } | { kind: 'failed'; message: string };

/** One revision as it was: header fields and a read-only Lexical view of its body. Key it by `revisionId`. */
export function RevisionView({ revisionId }: { revisionId: string }) {
  const api = useApi();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    api
      .invoke('revisions.get', { id: revisionId })
      .then((revision) => current && setLoad({ kind: 'ready', revision }))
      .catch((error: unknown) => current && setLoad({ kind: 'failed', message: errorMessage(error) }));
    return () => {
      current = false;
    };
  }, [api, revisionId]);

  if (load.kind === 'loading') return <p className="history__hint">Opening this version…</p>;
  if (load.kind === 'failed') {
    return (
      <p className="history__hint" role="alert">
        This version could not be opened. {load.message}
      </p>
    );
  }
  return <RevisionPaper key={load.revision.id} revision={load.revision} />;
}

function RevisionPaper({ revision }: { revision: Revision }) {
  const { settings } = useSettings();
  const { snapshot } = revision;
  const byline = formatByline(snapshot.byline, settings.bylineFormat);
  const dateline = [snapshot.dateline.place, snapshot.dateline.date].filter(Boolean).join(', ');
  const [initialConfig] = useState<InitialConfigType>(() => ({
    namespace: 'copydesk-revision',
    nodes: STORY_NODES,
    theme: STORY_THEME,
    editable: false,
    editorState: JSON.stringify(stripUnsafeLinks(snapshot.body)),
    onError: (error) => {
      throw error;
    },
  }));

  return (
    <article className="history__paper" lang={snapshot.language}>
      <h3 className="history__headline">{snapshot.headline || 'Untitled story'}</h3>
      {snapshot.standfirst && <p className="history__standfirst">{snapshot.standfirst}</p>}
      {(byline || dateline) && (
        <p className="history__credits">
          {byline && <span>{byline}</span>}
          {byline && dateline && <span aria-hidden="true"> · </span>}
          {dateline && <span>{dateline}</span>}
        </p>
      )}
      <LexicalComposer initialConfig={initialConfig}>
        <RichTextPlugin
          contentEditable={
            <ContentEditable className="story-body history__body-text" aria-label="Story body (read only)" aria-readonly="true" lang={snapshot.language} />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </LexicalComposer>
    </article>
  );
}
