import type { ReactNode } from 'react';

/** Calm text in place of a list: empty library, no matches, or an error. */
export function ListMessage({ title, children, tone }: { title: string; children?: ReactNode; tone?: 'error' }) {
  return (
    <div className={`list-message${tone === 'error' ? ' list-message--error' : ''}`} role={tone === 'error' ? 'alert' : undefined}>
      <p className="list-message__title">{title}</p>
      {children}
    </div>
  );
}

/** Header row naming the list's columns; visual only, the rows describe themselves. */
export function ListColumns({ timeLabel }: { timeLabel: string }) {
  return (
    <div className="story-list__columns" aria-hidden="true">
      <span>Story</span>
      <span className="story-list__columns-meta">
        <span>Sectors</span>
        <span>Status</span>
        <span>Length</span>
        <span>{timeLabel}</span>
      </span>
      <span />
    </div>
  );
}
