import type Database from 'better-sqlite3';
import type { StoryStatus } from '../../shared/model/story.ts';

/** All SQL about workflow: the timeline of transitions and the story's workflow fields. Callers pass validated values. */

export interface WorkflowEvent {
  id: string;
  storyId: string;
  actorId: string | null;
  actorName: string;
  action: string;
  fromStatus: StoryStatus;
  toStatus: StoryStatus;
  note: string;
  createdAt: string;
  /** The checkpoint the story was moved at. */
  revisionId: string | null;
}

interface EventRow {
  id: string;
  story_id: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  from_status: string;
  to_status: string;
  note: string;
  created_at: string;
  revision_id: string | null;
}

interface StateRow {
  status: string;
  owner_id: string | null;
  assignee_id: string | null;
  correction_note: string | null;
  corrected_at: string | null;
  publish_at: string | null;
  trashed_at: string | null;
}

export interface WorkflowState {
  status: StoryStatus;
  ownerId: string | null;
  assigneeId: string | null;
  correction: { note: string; at: string } | null;
  publishAt: string | null;
  trashedAt: string | null;
}

export function createWorkflowStore(db: Database.Database) {
  const statements = {
    insert: db.prepare<[string, string, string | null, string, string, string, string, string, string, string | null]>(
      `INSERT INTO workflow_events (id, story_id, actor_id, actor_name, action, from_status, to_status, note, created_at, revision_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    timeline: db.prepare<[string], EventRow>(
      `SELECT id, story_id, actor_id, actor_name, action, from_status, to_status, note, created_at, revision_id
       FROM workflow_events WHERE story_id = ? ORDER BY seq DESC`,
    ),
    state: db.prepare<[string], StateRow>(
      `SELECT status, owner_id, assignee_id, correction_note, corrected_at, publish_at, trashed_at FROM stories WHERE id = ?`,
    ),
    // Only when the story is still in the state the move started from: a move never overwrites another.
    setStatus: db.prepare<[string, string | null, string, string]>(
      `UPDATE stories SET status = ?, publish_at = ? WHERE id = ? AND status = ?`,
    ),
    setAssignee: db.prepare<[string | null, string]>(`UPDATE stories SET assignee_id = ? WHERE id = ?`),
    setCorrection: db.prepare<[string, string, string]>(`UPDATE stories SET correction_note = ?, corrected_at = ? WHERE id = ?`),
  };

  return {
    state(storyId: string): WorkflowState | undefined {
      const row = statements.state.get(storyId);
      if (!row) return undefined;
      return {
        status: row.status as StoryStatus,
        ownerId: row.owner_id,
        assigneeId: row.assignee_id,
        correction: row.correction_note !== null ? { note: row.correction_note, at: row.corrected_at ?? '' } : null,
        publishAt: row.publish_at,
        trashedAt: row.trashed_at,
      };
    },

    /** Moves the story from `from` to `to`; false when it was no longer in `from`. */
    move(storyId: string, from: StoryStatus, to: StoryStatus, publishAt: string | null = null): boolean {
      return statements.setStatus.run(to, publishAt, storyId, from).changes === 1;
    },

    setAssignee(storyId: string, assigneeId: string | null): void {
      statements.setAssignee.run(assigneeId, storyId);
    },

    setCorrection(storyId: string, note: string, at: string): void {
      statements.setCorrection.run(note, at, storyId);
    },

    record(event: WorkflowEvent): WorkflowEvent {
      statements.insert.run(
        event.id,
        event.storyId,
        event.actorId,
        event.actorName,
        event.action,
        event.fromStatus,
        event.toStatus,
        event.note,
        event.createdAt,
        event.revisionId,
      );
      return event;
    },

    /** The story's timeline, newest first. */
    timeline(storyId: string): WorkflowEvent[] {
      return statements.timeline.all(storyId).map((row) => ({
        id: row.id,
        storyId: row.story_id,
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        fromStatus: row.from_status as StoryStatus,
        toStatus: row.to_status as StoryStatus,
        note: row.note,
        createdAt: row.created_at,
        revisionId: row.revision_id,
      }));
    },
  };
}

export type WorkflowStore = ReturnType<typeof createWorkflowStore>;
