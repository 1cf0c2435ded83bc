-- Workflow (DESIGN.md §5): every move of a story between states, with who
-- made it, when and why. The actor's id is kept without a foreign key
-- (profiles will be replaced by hub accounts), so a snapshot of the name
-- goes with it, as on revisions.
CREATE TABLE workflow_events (
  seq          INTEGER PRIMARY KEY,
  id           TEXT    NOT NULL UNIQUE,
  story_id     TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  actor_id     TEXT,
  actor_name   TEXT    NOT NULL DEFAULT '',
  action       TEXT    NOT NULL,
  from_status  TEXT    NOT NULL,
  to_status    TEXT    NOT NULL,
  note         TEXT    NOT NULL DEFAULT '',
  created_at   TEXT    NOT NULL,
  -- The checkpoint of the story as it was moved (the head when its text had
  -- not changed since: checkpoints are deduplicated by content).
  revision_id  TEXT
) STRICT;

-- A story's timeline, newest first.
CREATE INDEX workflow_events_by_story ON workflow_events (story_id, seq DESC);

-- A published story that was taken down to be corrected carries its latest
-- correction note: part of the story, shown above the body and exported.
ALTER TABLE stories ADD COLUMN correction_note TEXT;
ALTER TABLE stories ADD COLUMN corrected_at    TEXT;
-- When a scheduled story is due to be published.
ALTER TABLE stories ADD COLUMN publish_at      TEXT;

-- Desk views: filters by state (review queue, sign-off, status filter), newest first.
CREATE INDEX stories_by_status ON stories (status, updated_at DESC, seq DESC) WHERE trashed_at IS NULL;
