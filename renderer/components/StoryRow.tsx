import { useId } from 'react';
import type { StorySummary } from '../../shared/api/contract.ts';
import { STATUS_LABELS } from '../../shared/model/story.ts';
import { formatWordCount } from '../../shared/model/wordcount.ts';
import { sectorLabel } from '../../shared/model/publication.ts';
import { routeHref } from '../hooks/useRoute.ts';
import { useSettings } from '../hooks/useSettings.ts';
import { formatAbsolute, formatRelative } from '../lib/time.ts';
import { useStoryDecision } from '../session/usePermissions.ts';
import { Icon } from './Icon.tsx';
import { Snippet } from './Snippet.tsx';
import '../styles/comments.css';

export type RowMode = 'library' | 'trash';

interface StoryRowProps {
  story: StorySummary;
  mode: RowMode;
  now: number;
  active: boolean;
  onAction: (story: StorySummary) => void;
  onFocusRow: () => void;
}

export const UNTITLED = 'Untitled story';

/**
 * One story in a list. In the library the headline is a link to the editor
 * (stretched over the whole row); in the trash the row is read-only and its
 * one action is Restore.
 */
export function StoryRow({ story, mode, now, active, onAction, onFocusRow }: StoryRowProps) {
  const metaId = useId();
  // The policy's answer for this row's action (move to trash / restore); refused ones say why.
  const decision = useStoryDecision(story.id, mode === 'library' ? 'trash' : 'restore');
  const refused = decision && !decision.ok ? decision.reason : null;
  const { settings } = useSettings();
  const sectors = story.sectors.map((id) => sectorLabel(settings.sectors, id)).join(', ');
  const time = mode === 'trash' && story.trashedAt ? story.trashedAt : story.updatedAt;
  const headline = story.headline.trim();
  const title = headline ? (
    <span className="story-row__headline">{headline}</span>
  ) : (
    <span className="story-row__headline story-row__headline--untitled">{UNTITLED}</span>
  );
  const snippet = story.snippet ? (
    <span className="story-row__snippet">
      <Snippet text={story.snippet} />
    </span>
  ) : null;

  return (
    <>
      {mode === 'library' ? (
        <a
          className="story-row__main"
          href={routeHref({ name: 'story', id: story.id })}
          tabIndex={active ? 0 : -1}
          data-primary=""
          aria-describedby={metaId}
          onFocus={onFocusRow}
        >
          {title}
          {snippet}
        </a>
      ) : (
        <div className="story-row__main" tabIndex={active ? 0 : -1} data-primary="" onFocus={onFocusRow}>
          {title}
          {snippet}
        </div>
      )}
      <span className="story-row__meta" id={metaId}>
        <span className="story-row__sectors" title={sectors || undefined}>
          {sectors ? <span className="visually-hidden">Sectors: </span> : null}
          {sectors}
        </span>
        <span className={`status-pill status-pill--${story.status}`}>{STATUS_LABELS[story.status]}</span>
        <span className="story-row__words">{formatWordCount(story.wordCount)}</span>
        <span className="story-row__last">
          <time className="story-row__time" dateTime={time} title={formatAbsolute(time)}>
            {mode === 'trash' ? `Trashed ${formatRelative(time, now)}` : formatRelative(time, now)}
          </time>
          {story.commentCount > 0 && (
            <span className="story-row__comments" title="Open comment threads">
              {story.commentCount === 1 ? '1 comment' : `${story.commentCount} comments`}
            </span>
          )}
        </span>
      </span>
      <span className="story-row__actions">
        <button
          type="button"
          className={refused ? 'row-action is-refused' : 'row-action'}
          tabIndex={active ? 0 : -1}
          aria-disabled={refused ? true : undefined}
          aria-description={refused ?? undefined}
          title={refused ?? undefined}
          onClick={() => {
            if (!refused) onAction(story);
          }}
          onFocus={onFocusRow}
        >
          <Icon name={mode === 'library' ? 'trash' : 'restore'} size={16} />
          <span>{mode === 'library' ? 'Move to trash' : 'Restore'}</span>
        </button>
      </span>
    </>
  );
}

export function PlaceholderRow({ active, onFocusRow }: { active: boolean; onFocusRow: () => void }) {
  return (
    <>
      <div className="story-row__main" tabIndex={active ? 0 : -1} data-primary="" onFocus={onFocusRow}>
        <span className="skeleton skeleton--headline" />
        <span className="visually-hidden">Loading…</span>
      </div>
      <span className="story-row__meta" aria-hidden="true">
        <span />
        <span className="skeleton skeleton--pill" />
        <span className="skeleton skeleton--short" />
        <span className="skeleton skeleton--short" />
      </span>
      <span className="story-row__actions" />
    </>
  );
}
