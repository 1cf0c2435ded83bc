-- Revisions: immutable checkpoints of a story (DESIGN.md §4). A revision's id
-- is the sha256 (hex) of the canonical JSON of its snapshot, parents and
-- metadata, so the same checkpoint always has the same id and a copied or
-- synced revision can be checked against it.
CREATE TABLE revisions (
  id           TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 64),
  story_id     TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  -- JSON array of revision ids: [] for a story's first checkpoint, one for a
  -- checkpoint, two for a merge.
  parents      TEXT    NOT NULL DEFAULT '[]',
  -- The person's id is kept without a foreign key (people and profiles may be
  -- replaced by hub accounts), so a snapshot of the name goes with it.
  author_id    TEXT,
  author_name  TEXT    NOT NULL DEFAULT '',
  created_at   TEXT    NOT NULL,
  kind         TEXT    NOT NULL CHECK (kind IN ('save', 'submit', 'merge', 'proposal', 'restore', 'transition', 'idle', 'import')),
  message      TEXT    NOT NULL DEFAULT '',
  -- sha256 of the canonical JSON of the snapshot alone: equal content, equal hash.
  content_hash TEXT    NOT NULL,
  size_raw     INTEGER NOT NULL,
  size_stored  INTEGER NOT NULL,
  -- Brotli-compressed canonical JSON of { headline, standfirst, dateline,
  -- byline, language, body }; last, so listing never reads its pages.
  snapshot     BLOB    NOT NULL
) STRICT;

-- A story's history, newest first.
CREATE INDEX revisions_by_story ON revisions (story_id, created_at DESC);

-- Where each story's history stands: its head (the latest checkpoint on the
-- main line) and the editing time since that checkpoint, which decides the
-- next idle checkpoint. One row per story that was edited or checkpointed.
CREATE TABLE story_heads (
  story_id        TEXT    NOT NULL PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  head_id         TEXT    REFERENCES revisions (id) ON DELETE SET NULL,
  -- Milliseconds of editing since the head (pauses count only up to a cap).
  editing_ms      INTEGER NOT NULL DEFAULT 0,
  last_edit_at    TEXT
) STRICT;
