import { monotonicFactory } from 'ulid';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import type { CommentItem, CommentThread } from '../../../shared/api/methods/comments.ts';
import { anchorBlocks, makeAnchor, reanchorInBlocks, type AnchorBlock } from '../../../shared/review/anchor.ts';
import type { CommentRow } from '../../store/comments.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

/**
 * Comments anchored to phrases (DESIGN.md §6).
 *
 * Threads are re-anchored when they are read (`comments.list`), against the
 * story's saved working copy, and the new position is stored back. Reading is
 * when someone looks at them, so a story saved every two seconds while its
 * writer types pays nothing, and a save never fails or slows because of a
 * comment. Storing the position back makes re-anchoring incremental: each
 * search starts from where the text was last seen, not from the words first
 * commented on, so a phrase edited bit by bit over a day stays followed. An
 * orphaned thread keeps its last anchor, so it comes back if the text does
 * (an undo, a restore). The editor re-anchors live with the same pure
 * function while its text is not yet saved.
 */
export function createCommentHandlers(ctx: BackendContext) {
  const { db, stores, now, emit } = ctx;
  const comments = stores.comments;
  const newId = monotonicFactory();

  const storyOrThrow = (storyId: string) => {
    const story = stores.stories.get(storyId);
    if (!story) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists. It may have been deleted from the trash.', { id: storyId });
    return story;
  };

  const threadOrThrow = (threadId: string) => {
    const root = comments.get(threadId);
    if (!root || root.threadId !== root.id) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That comment thread no longer exists.', { id: threadId });
    return root;
  };

  const authorName = (): string => ctx.access.currentProfile()?.name ?? '';

  /** Every mentioned id must be someone in the directory or a profile on this workstation. */
  const checkMentions = (ids: readonly string[]) => {
    const unknown = ids.filter((id) => !stores.people.get(id) && !stores.profiles.get(id));
    if (unknown.length > 0) {
      throw new CopydeskError(ErrorCode.VALIDATION, 'A mentioned person is not in the people directory. Pick them from the list.', { mentions: unknown });
    }
  };

  const personName = (id: string): string => stores.people.get(id)?.name ?? stores.profiles.get(id)?.name ?? 'Someone no longer listed';

  const toItem = (row: CommentRow): CommentItem => ({
    id: row.id,
    authorId: row.authorId,
    authorName: row.authorName,
    body: row.body,
    mentions: row.mentions.map((id) => ({ id, name: personName(id) })),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
  });

  const toThread = (root: CommentRow, replies: readonly CommentRow[]): CommentThread => ({
    ...toItem(root),
    storyId: root.storyId,
    anchor: root.anchor!,
    orphaned: root.orphaned,
    quote: root.quote ?? root.anchor!.quote,
    resolvedAt: root.resolvedAt,
    replies: replies.map(toItem),
  });

  /** Re-anchors a root against the story's blocks, storing the result when it moved or its state changed. */
  const refresh = (root: CommentRow, blocks: readonly AnchorBlock[]): CommentRow => {
    const anchor = root.anchor!;
    const result = reanchorInBlocks(anchor, blocks);
    if (result.orphaned) {
      if (!root.orphaned) comments.setAnchor(root.id, anchor, true);
      return { ...root, orphaned: true };
    }
    const next = result.anchor;
    const same = !root.orphaned && next.blockId === anchor.blockId && next.start === anchor.start && next.end === anchor.end && next.quote === anchor.quote && next.prefix === anchor.prefix && next.suffix === anchor.suffix;
    if (!same) comments.setAnchor(root.id, next, false);
    return { ...root, anchor: next, orphaned: false };
  };

  const threadOf = (threadId: string): CommentThread => {
    const [root, ...replies] = comments.ofThread(threadId);
    return toThread(refresh(root!, anchorBlocks(storyOrThrow(root!.storyId).body)), replies);
  };

  /** Commenting is refused for the reason the policy gives; a trashed story takes no new comments. */
  const authorizeOn = (storyId: string) => {
    const story = storyOrThrow(storyId);
    const actor = ctx.access.authorize('comment', storyId);
    if (story.trashedAt !== null) throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. Restore it to comment on it.', { id: storyId });
    return { story, actor };
  };

  return {
    'comments.list': ({ storyId }) =>
      db.transaction(() => {
        const story = storyOrThrow(storyId);
        const blocks = anchorBlocks(story.body);
        const order = new Map(blocks.map((b, index) => [b.id, index]));
        const rows = comments.ofStory(storyId);
        const threads: CommentThread[] = [];
        for (const row of rows) {
          if (row.id !== row.threadId) continue;
          const replies = rows.filter((r) => r.threadId === row.id && r.id !== row.id);
          threads.push(toThread(refresh(row, blocks), replies));
        }
        const position = (t: CommentThread) => (t.orphaned ? [1, 0, 0] : [0, order.get(t.anchor.blockId) ?? 0, t.anchor.start]);
        threads.sort((a, b) => {
          const pa = position(a);
          const pb = position(b);
          for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
          return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
        });
        return { threads, openCount: threads.filter((t) => t.resolvedAt === null).length };
      })(),

    'comments.create': ({ storyId, anchor, body, mentions }) =>
      db.transaction(() => {
        const { story, actor } = authorizeOn(storyId);
        checkMentions(mentions);
        const block = anchorBlocks(story.body).find((b) => b.id === anchor.blockId);
        if (!block || block.text.slice(anchor.start, anchor.end) !== anchor.quote) {
          // Someone writing a proposal sees their own text, which the story does not have (yet).
          const proposing = stores.proposals.draftOf(storyId, actor.id) !== undefined;
          throw new CopydeskError(
            ErrorCode.CONFLICT,
            proposing
              ? 'Those words are only in your proposal, not in the story, so they cannot be commented on yet. Comment on the story’s own text, or explain the change in your proposal’s note. Your comment is still in the box.'
              : 'The selected text is not in the saved story yet. Wait until it says "Saved", then select it again. Your comment is still in the box.',
            { blockId: anchor.blockId },
          );
        }
        const id = newId();
        comments.insert({
          id,
          storyId,
          threadId: id,
          author: { id: actor.id, name: authorName() },
          body,
          mentions,
          anchor: makeAnchor(block.id, block.text, anchor.start, anchor.end),
          now: now().toISOString(),
        });
        ctx.sync.comment(storyId, { type: 'comment.create', payload: { commentId: id, anchor, body, mentions } });
        emit('library.changed', {});
        return threadOf(id);
      })(),

    'comments.reply': ({ threadId, body, mentions }) =>
      db.transaction(() => {
        const root = threadOrThrow(threadId);
        const { actor } = authorizeOn(root.storyId);
        checkMentions(mentions);
        const id = newId();
        comments.insert({ id, storyId: root.storyId, threadId, author: { id: actor.id, name: authorName() }, body, mentions, now: now().toISOString() });
        ctx.sync.comment(root.storyId, { type: 'comment.reply', payload: { commentId: id, threadId, body, mentions } });
        return threadOf(threadId);
      })(),

    'comments.resolve': ({ threadId }) =>
      db.transaction(() => {
        const root = threadOrThrow(threadId);
        authorizeOn(root.storyId);
        if (root.resolvedAt === null) {
          comments.setResolved(threadId, now().toISOString());
          ctx.sync.comment(root.storyId, { type: 'comment.resolve', payload: { threadId } });
          emit('library.changed', {});
        }
        return threadOf(threadId);
      })(),

    'comments.reopen': ({ threadId }) =>
      db.transaction(() => {
        const root = threadOrThrow(threadId);
        authorizeOn(root.storyId);
        if (root.resolvedAt !== null) {
          comments.setResolved(threadId, null);
          ctx.sync.comment(root.storyId, { type: 'comment.reopen', payload: { threadId } });
          emit('library.changed', {});
        }
        return threadOf(threadId);
      })(),
  } satisfies HandlersFor<'comments.'>;
}
