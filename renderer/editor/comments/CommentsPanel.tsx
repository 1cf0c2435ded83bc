import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_NORMAL, KEY_DOWN_COMMAND } from 'lexical';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommentItem, CommentThread } from '../../../shared/api/methods/comments.ts';
import { reanchorInBlocks, type AnchorBlock } from '../../../shared/review/anchor.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { useNotice } from '../../components/Notice.tsx';
import { formatAbsolute, formatRelative } from '../../lib/time.ts';
import { PolicyButton } from '../../session/PolicyButton.tsx';
import type { Decision } from '../../session/usePermissions.ts';
import { $liveBlocks, $selectionAnchor, anchorRanges, type SelectionAnchor } from './liveAnchors.ts';
import { EMPTY_MENTION_VALUE, MentionTextarea, mentionIds, type MentionValue } from './MentionTextarea.tsx';
import '../../styles/comments.css';

/** Names of the CSS custom highlights (see comments.css). */
const HIGHLIGHT = 'copydesk-comment';
const HIGHLIGHT_ACTIVE = 'copydesk-comment-active';

interface CommentsPanelProps {
  storyId: string;
  /** Changes after every successful save: the list is read again (re-anchored by the backend against what was saved). */
  savedKey: unknown;
  /** The policy's answer for commenting on this story. */
  decision: Decision | null | undefined;
  /** Saves what is in the editor before a comment is posted; false when it could not be saved. */
  saveFirst: () => Promise<boolean>;
}

interface Placed {
  thread: CommentThread;
  /** Where the text is in the editor now (re-anchored live), or null when it is gone. */
  at: { blockId: string; start: number; end: number; quote: string; index: number } | null;
}

/**
 * Comments on phrases of the story: the "Comment" button on a selection (and
 * Ctrl/Cmd+Alt+M), the composer with @mentions, and the "Comments" region
 * beside the editor with the threads in document order, their replies,
 * Resolve/Reopen, and the threads whose text is gone under "No longer in the
 * text". The commented words are highlighted with the CSS Custom Highlight
 * API — ranges over the editor's DOM, so the stored story body carries no
 * comment marks — and follow the text live as it is edited (the same
 * re-anchoring the backend does when it lists the threads).
 */
export function CommentsPanel({ storyId, savedKey, decision, saveFirst }: CommentsPanelProps) {
  const api = useApi();
  const notice = useNotice();
  const [editor] = useLexicalComposerContext();
  const [threads, setThreads] = useState<CommentThread[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [blocks, setBlocks] = useState<AnchorBlock[]>([]);
  const [selection, setSelection] = useState<{ anchor: SelectionAnchor; top: number; left: number } | null>(null);
  const [pending, setPending] = useState<SelectionAnchor | null>(null);
  const [draft, setDraft] = useState<MentionValue>(EMPTY_MENTION_VALUE);
  const [postError, setPostError] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  const [activeId, setActiveId] = useState<string | null>(null);
  const refused = decision && !decision.ok ? decision.reason : null;

  const load = useCallback(() => {
    api
      .invoke('comments.list', { storyId })
      .then(({ threads: listed }) => {
        setThreads(listed);
        setLoadError(null);
      })
      .catch((error: unknown) => setLoadError(`Comments could not be loaded. ${errorMessage(error)}`));
  }, [api, storyId]);

  useEffect(() => load(), [load, savedKey]);
  // Threads and replies pulled from the newsroom hub arrive as a change of the story, not as a save here.
  useEffect(() => api.on('story.changed', ({ id }) => id === storyId && load()), [api, load, storyId]);

  // The live text of every block, and the selection as a possible anchor, after each editor update.
  useEffect(() => {
    const read = () =>
      editor.getEditorState().read(() => {
        setBlocks($liveBlocks());
        const result = $selectionAnchor();
        const range = typeof window !== 'undefined' ? window.getSelection() : null;
        const inEditor = range && range.rangeCount > 0 && editor.getRootElement()?.contains(range.anchorNode);
        if (result.ok && inEditor) {
          const rect = range.getRangeAt(0).getBoundingClientRect();
          setSelection({ anchor: result.anchor, top: rect.bottom + 6, left: rect.left + rect.width / 2 });
        } else {
          setSelection(null);
        }
      });
    read();
    return editor.registerUpdateListener(read);
  }, [editor]);

  const startComment = useCallback(
    (anchor: SelectionAnchor | null) => {
      if (refused) {
        notice.show({ message: refused, tone: 'error' });
        return;
      }
      if (!anchor) {
        notice.show({ message: 'Select some text in the story to comment on.', tone: 'error' });
        return;
      }
      setPending(anchor);
      setPostError(null);
      setSelection(null);
    },
    [notice, refused],
  );

  // Ctrl/Cmd+Alt+M comments on the selection.
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.code !== 'KeyM') return false;
          event.preventDefault();
          const result = editor.getEditorState().read($selectionAnchor);
          if (!result.ok) {
            notice.show({ message: result.reason, tone: 'error' });
            return true;
          }
          startComment(result.anchor);
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor, notice, startComment],
  );

  // Each thread where its text is in the editor now.
  const placed = useMemo<Placed[]>(() => {
    const order = new Map(blocks.map((b, i) => [b.id, i]));
    return (threads ?? []).map((thread) => {
      const result = blocks.length === 0 ? null : reanchorInBlocks(thread.anchor, blocks);
      if (result === null) return { thread, at: thread.orphaned ? null : { ...thread.anchor, index: order.get(thread.anchor.blockId) ?? 0 } };
      if (result.orphaned) return { thread, at: null };
      return { thread, at: { ...result.anchor, index: order.get(result.anchor.blockId) ?? 0 } };
    });
  }, [threads, blocks]);

  const open = placed.filter((p) => p.at !== null && p.thread.resolvedAt === null).sort(byPosition);
  const orphaned = placed.filter((p) => p.at === null && p.thread.resolvedAt === null);
  const resolved = placed.filter((p) => p.thread.resolvedAt !== null);

  // The highlight: every open thread's words, and the selected thread's more strongly.
  useEffect(() => {
    const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
    if (!registry) return;
    const all: Range[] = [];
    const active: Range[] = [];
    for (const { thread, at } of open) {
      if (!at) continue;
      const ranges = anchorRanges(editor, at.blockId, at.start, at.end);
      (thread.id === activeId ? active : all).push(...ranges);
    }
    registry.set(HIGHLIGHT, new Highlight(...all));
    registry.set(HIGHLIGHT_ACTIVE, new Highlight(...active));
    return () => {
      registry.delete(HIGHLIGHT);
      registry.delete(HIGHLIGHT_ACTIVE);
    };
  });

  const goTo = (item: Placed) => {
    setActiveId(item.thread.id);
    if (!item.at) return;
    const [range] = anchorRanges(editor, item.at.blockId, item.at.start, item.at.end);
    range?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const replace = (thread: CommentThread) => setThreads((list) => (list ?? []).map((t) => (t.id === thread.id ? thread : t)));

  const post = async () => {
    if (!pending || posting) return;
    if (draft.text.trim() === '') {
      setPostError('Write a comment first.');
      return;
    }
    setPosting(true);
    setPostError(null);
    try {
      // The selected words must be in the saved story before the comment can point at them.
      if (!(await saveFirst())) throw new Error('The story could not be saved, so the comment was not posted. Your comment is still in the box.');
      const thread = await api.invoke('comments.create', { storyId, anchor: pending, body: draft.text, mentions: mentionIds(draft) });
      setThreads((list) => [...(list ?? []), thread]);
      setPending(null);
      setDraft(EMPTY_MENTION_VALUE);
      setActiveId(thread.id);
    } catch (error) {
      setPostError(errorMessage(error));
    } finally {
      setPosting(false);
    }
  };

  return (
    <>
      {selection && !pending && (
        <div className="comment-float" style={{ top: selection.top, left: selection.left }}>
          <PolicyButton
            className="button button--small comment-float__button"
            decision={decision}
            title="Comment on the selected text (Ctrl+Alt+M)"
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => startComment(selection.anchor)}
          >
            Comment
          </PolicyButton>
        </div>
      )}
      <aside className="comments" aria-label="Comments">
        <h2 className="comments__title">
          Comments{open.length + orphaned.length > 0 ? <span className="comments__count"> {open.length + orphaned.length}</span> : null}
        </h2>
        {pending && (
          <form
            className="comment-composer"
            aria-label="New comment"
            onSubmit={(event) => {
              event.preventDefault();
              void post();
            }}
          >
            <blockquote className="comment__quote">{pending.quote}</blockquote>
            <MentionTextarea
              label="Comment"
              placeholder="Comment… (@ to mention someone)"
              value={draft}
              onChange={setDraft}
              onSubmit={() => void post()}
              onCancel={() => setPending(null)}
              autoFocus
            />
            {postError && (
              <p className="comment-error" role="alert">
                {postError}
              </p>
            )}
            <div className="comment-actions">
              <button type="button" className="button button--small button--quiet" onClick={() => setPending(null)}>
                Cancel
              </button>
              <button type="submit" className="button button--small button--primary" disabled={posting}>
                Post comment
              </button>
            </div>
          </form>
        )}
        {loadError && (
          <p className="comment-error" role="alert">
            {loadError}{' '}
            <button type="button" className="button button--small" onClick={load}>
              Try again
            </button>
          </p>
        )}
        {threads !== null && threads.length === 0 && !pending && (
          <p className="comments__hint">Select words in the story and press Comment (Ctrl+Alt+M) to start a thread.</p>
        )}
        {open.length > 0 && (
          <ol className="comments__list">
            {open.map((item) => (
              <Thread key={item.thread.id} item={item} active={item.thread.id === activeId} decision={decision} onGoTo={() => goTo(item)} onChanged={replace} />
            ))}
          </ol>
        )}
        {orphaned.length > 0 && (
          <section className="comments__group" aria-label="No longer in the text">
            <h3 className="comments__group-title">No longer in the text</h3>
            <ol className="comments__list">
              {orphaned.map((item) => (
                <Thread key={item.thread.id} item={item} active={item.thread.id === activeId} decision={decision} onGoTo={() => goTo(item)} onChanged={replace} />
              ))}
            </ol>
          </section>
        )}
        {resolved.length > 0 && (
          <section className="comments__group" aria-label="Resolved">
            <h3 className="comments__group-title">Resolved</h3>
            <ol className="comments__list">
              {resolved.map((item) => (
                <Thread key={item.thread.id} item={item} active={item.thread.id === activeId} decision={decision} onGoTo={() => goTo(item)} onChanged={replace} />
              ))}
            </ol>
          </section>
        )}
      </aside>
    </>
  );
}

function byPosition(a: Placed, b: Placed): number {
  return a.at!.index - b.at!.index || a.at!.start - b.at!.start || a.thread.createdAt.localeCompare(b.thread.createdAt);
}

interface ThreadProps {
  item: Placed;
  active: boolean;
  decision: Decision | null | undefined;
  onGoTo: () => void;
  onChanged: (thread: CommentThread) => void;
}

function Thread({ item, active, decision, onGoTo, onChanged }: ThreadProps) {
  const api = useApi();
  const { thread, at } = item;
  const [reply, setReply] = useState<MentionValue>(EMPTY_MENTION_VALUE);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  const resolved = thread.resolvedAt !== null;
  // The words it covers in the editor now (they may have been edited since); the words first commented on once gone.
  const quote = at === null ? thread.quote : at.quote;

  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = async (call: () => Promise<CommentThread>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await call());
      after?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const sendReply = () => {
    if (reply.text.trim() === '') {
      setError('Write a reply first.');
      return;
    }
    void run(
      () => api.invoke('comments.reply', { threadId: thread.id, body: reply.text, mentions: mentionIds(reply) }),
      () => setReply(EMPTY_MENTION_VALUE),
    );
  };

  return (
    <li ref={ref} className={`comment-thread${active ? ' is-active' : ''}${resolved ? ' is-resolved' : ''}`}>
      <article aria-label={`Comment by ${thread.authorName || 'someone'} on “${truncate(quote, 60)}”`}>
        <button type="button" className="comment__quote comment__quote--button" onClick={onGoTo} title={at ? 'Show in the story' : 'This text is no longer in the story'}>
          {quote}
        </button>
        <Message item={thread} />
        {thread.replies.length > 0 && (
          <ol className="comment-replies" aria-label="Replies">
            {thread.replies.map((r) => (
              <li key={r.id}>
                <Message item={r} />
              </li>
            ))}
          </ol>
        )}
        {!resolved && (
          <div className="comment-reply">
            <MentionTextarea label="Reply" placeholder="Reply…" value={reply} onChange={setReply} onSubmit={sendReply} compact />
          </div>
        )}
        {error && (
          <p className="comment-error" role="alert">
            {error}
          </p>
        )}
        <div className="comment-actions">
          {resolved ? (
            <PolicyButton className="button button--small button--quiet" decision={decision} disabled={busy} onClick={() => void run(() => api.invoke('comments.reopen', { threadId: thread.id }))}>
              Reopen
            </PolicyButton>
          ) : (
            <>
              <PolicyButton className="button button--small button--quiet" decision={decision} disabled={busy} onClick={() => void run(() => api.invoke('comments.resolve', { threadId: thread.id }))}>
                Resolve
              </PolicyButton>
              <PolicyButton className="button button--small" decision={decision} disabled={busy} onClick={sendReply}>
                Reply
              </PolicyButton>
            </>
          )}
        </div>
      </article>
    </li>
  );
}


function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A comment's author, time and text, with mentions set apart (all as text: never HTML). */
function Message({ item }: { item: CommentItem }) {
  return (
    <div className="comment">
      <div className="comment__meta">
        <span className="comment__author">{item.authorName || 'Someone'}</span>
        <time className="comment__time" dateTime={item.createdAt} title={formatAbsolute(item.createdAt)}>
          {formatRelative(item.createdAt)}
        </time>
      </div>
      <p className="comment__body">{withMentions(item.body, item.mentions.map((m) => m.name))}</p>
    </div>
  );
}

function withMentions(body: string, names: readonly string[]) {
  if (names.length === 0) return body;
  const escaped = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = body.split(new RegExp(`(@(?:${escaped.join('|')}))`, 'u'));
  return parts.map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} className="comment__mention">
        {part}
      </span>
    ) : (
      part
    ),
  );
}
