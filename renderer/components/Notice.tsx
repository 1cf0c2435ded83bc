import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface NoticeInput {
  message: string;
  action?: { label: string; run: () => void };
  tone?: 'info' | 'error';
}

interface NoticeApi {
  show(notice: NoticeInput): void;
  dismiss(): void;
}

const NoticeContext = createContext<NoticeApi | null>(null);

/** How long a notice stays; long enough to reach its Undo button by keyboard. */
const NOTICE_MS = 10_000;

/**
 * One notice at a time at the bottom of the window ("Moved to trash. Undo").
 * The live region is always in the page so screen readers announce changes;
 * it is deliberately not role="status", which belongs to the editor's save state.
 */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<(NoticeInput & { key: number }) | null>(null);
  const counter = useRef(0);

  const dismiss = useCallback(() => setNotice(null), []);
  const show = useCallback((input: NoticeInput) => setNotice({ ...input, key: ++counter.current }), []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <NoticeContext.Provider value={api}>
      {children}
      <div className="notice-region" aria-live="polite">
        {notice && <NoticeCard key={notice.key} notice={notice} onDismiss={dismiss} />}
      </div>
    </NoticeContext.Provider>
  );
}

function NoticeCard({ notice, onDismiss }: { notice: NoticeInput; onDismiss: () => void }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = window.setTimeout(onDismiss, NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [paused, onDismiss]);

  return (
    <div
      className={`notice${notice.tone === 'error' ? ' notice--error' : ''}`}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="notice__message">{notice.message}</span>
      {notice.action && (
        <button
          type="button"
          className="notice__action"
          onClick={() => {
            notice.action?.run();
            onDismiss();
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" className="notice__close" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

export function useNotice(): NoticeApi {
  const api = useContext(NoticeContext);
  if (!api) throw new Error('useNotice() needs a <NoticeProvider> above it');
  return api;
}
