import { formatReadingTime, formatWordCount, type TextCount } from '../../shared/model/wordcount.ts';
import type { SaveState } from '../editor/autosave.ts';
import { formatSavedAt } from '../lib/time.ts';

interface SaveStatusBarProps {
  state: SaveState;
  count: TextCount;
  onReload: () => void;
  onKeepMine: () => void;
}

export function saveStateText(state: SaveState): string {
  switch (state.kind) {
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved ${formatSavedAt(state.at)}`;
    case 'failed':
      return `Not saved — ${state.message}`;
  }
}

/** "Saved 14:32 · 1,234 words · 6 min read", plus the way out of a conflict. */
export function SaveStatusBar({ state, count, onReload, onKeepMine }: SaveStatusBarProps) {
  const length = count.words > 0 ? `${formatWordCount(count.words)} · ${formatReadingTime(count.readingMinutes)}` : formatWordCount(0);
  const failed = state.kind === 'failed';
  return (
    <footer className={`statusbar${failed ? ' statusbar--failed' : ''}`}>
      <p className="statusbar__text" role="status" aria-live="polite">
        <span className={`statusbar__dot statusbar__dot--${state.kind}`} aria-hidden="true" />
        {`${saveStateText(state)} · ${length}`}
      </p>
      {failed && state.conflict && (
        <div className="statusbar__actions">
          <button type="button" className="button button--small" onClick={onReload}>
            Reload story
          </button>
          <button type="button" className="button button--small button--primary" onClick={onKeepMine}>
            Keep mine
          </button>
        </div>
      )}
    </footer>
  );
}
