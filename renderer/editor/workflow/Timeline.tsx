import { useEffect, useId, useState } from 'react';
import type { WorkflowEvent } from '../../../shared/api/methods/workflow.ts';
import { STATUS_LABELS } from '../../../shared/model/story.ts';
import { ACTION_LABELS, isAction } from '../../../shared/workflow/actions.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import '../../styles/workflow.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

type TimelineState = { kind: 'loading' } | { kind: 'ready'; items: WorkflowEvent[] } | { kind: 'failed'; message: string };

/** "Request changes", "Assign": what the timeline calls a move. */
function moveLabel(action: string): string {
  return isAction(action) ? ACTION_LABELS[action] : action;
}

/**
 * The story's timeline: who moved it through the desk, when, from which
 * state to which, and why (the note they left). Newest first.
 */
export function Timeline({ storyId, refreshKey, onClose }: { storyId: string; refreshKey: unknown; onClose: () => void }) {
  const api = useApi();
  const titleId = useId();
  const [state, setState] = useState<TimelineState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    api
      .invoke('workflow.timeline', { storyId })
      .then((reply) => live && setState({ kind: 'ready', items: reply.items }))
      .catch((error: unknown) => live && setState({ kind: 'failed', message: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [api, storyId, refreshKey]);

  return (
    <aside className="timeline" aria-labelledby={titleId}>
      <div className="timeline__head">
        <h2 id={titleId} className="timeline__title">
          Timeline
        </h2>
        <button type="button" className="button button--small button--quiet" onClick={onClose}>
          Close timeline
        </button>
      </div>
      {state.kind === 'loading' && <p className="timeline__hint">Loading…</p>}
      {state.kind === 'failed' && (
        <p className="field-error" role="alert">
          The timeline could not be loaded. {state.message}
        </p>
      )}
      {state.kind === 'ready' && state.items.length === 0 && (
        <p className="timeline__hint">Nobody has moved this story yet. Submits, reviews and publication appear here with their notes.</p>
      )}
      {state.kind === 'ready' && state.items.length > 0 && (
        <ol className="timeline__list" aria-label="Moves, newest first">
          {state.items.map((event) => (
            <li key={event.id} className="timeline__item">
              <div className="timeline__row">
                <span className="timeline__who">{event.actorName || 'Someone'}</span>
                <span className="timeline__what">{moveLabel(event.action)}</span>
                <time className="timeline__time" dateTime={event.createdAt}>
                  {timeFormat.format(new Date(event.createdAt))}
                </time>
              </div>
              {event.fromStatus !== event.toStatus && (
                <p className="timeline__states">
                  {STATUS_LABELS[event.fromStatus]} → {STATUS_LABELS[event.toStatus]}
                </p>
              )}
              {event.note && <p className="timeline__note">{event.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}

/** The correction note of a story that was published and taken down to be corrected: printed above the body. */
export function CorrectionNote({ note, at }: { note: string; at: string }) {
  return (
    <aside className="correction" aria-label="Correction">
      <strong className="correction__label">Correction</strong>
      {at && (
        <time className="correction__time" dateTime={at}>
          {' '}
          ({timeFormat.format(new Date(at))})
        </time>
      )}
      <p className="correction__note">{note}</p>
    </aside>
  );
}
