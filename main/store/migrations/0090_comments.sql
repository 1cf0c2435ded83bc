-- Comments on a story (DESIGN.md §6): threads of a root comment and its
-- replies. The root carries the anchor — block id, quoted text, offsets and a
-- little context — which follows the text as it is edited (see
-- shared/review/anchor.ts); `quote` keeps the words as first commented on, so
-- a thread whose text is gone still shows what it was about.
CREATE TABLE comments (
  id           TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 26),
  story_id     TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  -- The root comment's id; a root's thread_id is its own id.
  thread_id    TEXT    NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  -- Kept without a foreign key (profiles may be replaced by hub accounts), so
  -- a snapshot of the name goes with it.
  author_id    TEXT,
  author_name  TEXT    NOT NULL DEFAULT '',
  body         TEXT    NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  -- JSON array of the person ids mentioned in the body.
  mentions     TEXT    NOT NULL DEFAULT '[]',
  -- Root only: the current anchor as JSON, the quote as first commented on,
  -- and whether the anchored text could not be found in the story.
  anchor       TEXT,
  quote        TEXT,
  orphaned     INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
  -- Root only: when the thread was resolved (NULL while open).
  resolved_at  TEXT,
  created_at   TEXT    NOT NULL,
  edited_at    TEXT,
  CHECK ((id = thread_id) = (anchor IS NOT NULL))
) STRICT;

-- A story's threads and their replies, in order.
CREATE INDEX comments_by_story ON comments (story_id, thread_id, created_at);
-- Open threads per story, for the library's comment counts.
CREATE INDEX comments_open_threads ON comments (story_id) WHERE id = thread_id AND resolved_at IS NULL;
