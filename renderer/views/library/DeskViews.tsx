import { useRef, type KeyboardEvent } from 'react';
import type { DeskView } from '../../../shared/api/methods/stories.ts';
import { STATUS_LABELS, STORY_STATUSES, type StoryStatus } from '../../../shared/model/story.ts';
import { useSession } from '../../session/SessionContext.tsx';
import '../../styles/workflow.css';

const TABS: { view: DeskView; label: string }[] = [
  { view: 'all', label: 'All stories' },
  { view: 'mine', label: 'My stories' },
  { view: 'review_queue', label: 'Review queue' },
  { view: 'needs_signoff', label: 'Needs my sign-off' },
];

/** What an empty desk view says. */
export const DESK_EMPTY: Record<Exclude<DeskView, 'all'>, { title: string; text: string }> = {
  mine: { title: 'You have no stories yet.', text: 'Stories you write, and stories the desk assigns to you, appear here.' },
  review_queue: { title: 'The review queue is empty.', text: 'Stories appear here when their writers submit them, until they are approved or sent back.' },
  needs_signoff: {
    title: 'Nothing is waiting for your sign-off.',
    text: 'When an intern you supervise submits a story, it waits here for you before it goes to the desk.',
  },
};

/**
 * The library's desk views: every story, mine (owned or assigned), the review
 * queue (submitted and in review), and interns' stories waiting for my sign-off.
 * Tabs with arrow-key movement between them.
 */
export function DeskTabs({ value, onChange }: { value: DeskView; onChange: (view: DeskView) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const jump = event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : null;
    if (step === 0 && jump === null) return;
    event.preventDefault();
    const next = jump ?? (index + step + TABS.length) % TABS.length;
    onChange(TABS[next]!.view);
    refs.current[next]?.focus();
  };
  return (
    <div className="desk-tabs" role="tablist" aria-label="Library views">
      {TABS.map((tab, index) => (
        <button
          key={tab.view}
          ref={(element) => {
            refs.current[index] = element;
          }}
          type="button"
          role="tab"
          className="desk-tabs__tab"
          aria-selected={value === tab.view}
          tabIndex={value === tab.view ? 0 : -1}
          onClick={() => onChange(tab.view)}
          onKeyDown={(event) => onKeyDown(event, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** Library filter: only stories in one workflow state. */
export function StatusFilter({ value, onChange }: { value: StoryStatus | ''; onChange: (status: StoryStatus | '') => void }) {
  return (
    <select
      className="select library-filter"
      aria-label="Filter by status"
      value={value}
      onChange={(event) => onChange(event.target.value as StoryStatus | '')}
    >
      <option value="">All statuses</option>
      {STORY_STATUSES.map((status) => (
        <option key={status} value={status}>
          {STATUS_LABELS[status]}
        </option>
      ))}
    </select>
  );
}

/** Library filter: only stories assigned to one person. */
export function AssigneeFilter({ value, onChange }: { value: string; onChange: (profileId: string) => void }) {
  const { profiles } = useSession();
  return (
    <select className="select library-filter" aria-label="Filter by assignee" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">Anyone assigned</option>
      {profiles.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
