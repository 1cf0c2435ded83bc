-- The newsroom's stories as the hub keeps them (DESIGN.md §7). Workstations push mutations
-- (server/sync/apply.ts) and pull the change log (server/sync/pull.ts); nothing else writes here.

-- One row per story: its header, its workflow state and its head revision.
CREATE TABLE stories (
  id text PRIMARY KEY,
  owner_id text NOT NULL REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('draft', 'supervisor_review', 'submitted', 'in_review', 'changes_requested',
                                         'approved', 'scheduled', 'published', 'spiked')),
  assignee_id text REFERENCES users (id),
  head_revision_id text,
  headline text NOT NULL,
  language text NOT NULL,
  correction_note text,
  correction_at timestamptz,
  publish_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX stories_owner_idx ON stories (owner_id);

-- Immutable, content-addressed checkpoints: id = sha256 of the canonical JSON of
-- { metadata, parents, snapshot } (shared/sync/protocol.ts revisionIdInput), checked on push.
-- created_at is text, not timestamptz: it is part of what the id is hashed from, so it is kept
-- exactly as the workstation wrote it. The snapshot is its canonical JSON as UTF-8 bytes: bytea
-- rather than jsonb because jsonb cannot hold U+0000 (which a story's text may) and would
-- re-spell numbers; PostgreSQL compresses large values itself (TOAST).
CREATE TABLE revisions (
  id text PRIMARY KEY,
  story_id text NOT NULL REFERENCES stories (id),
  parents jsonb NOT NULL,
  author_id text NOT NULL REFERENCES users (id),
  author_name text NOT NULL,
  kind text NOT NULL,
  message text NOT NULL,
  created_at text NOT NULL,
  snapshot bytea NOT NULL,
  received_at timestamptz NOT NULL
);

CREATE INDEX revisions_story_idx ON revisions (story_id);

ALTER TABLE stories ADD CONSTRAINT stories_head_fkey FOREIGN KEY (head_revision_id) REFERENCES revisions (id);

-- Every mutation the hub has answered, by the workstation's id for it, so that a retry gets the
-- same answer and changes nothing. result is the answer's JSON text (not jsonb, which would
-- reorder its keys): a repeat returns it byte for byte.
CREATE TABLE mutations (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  workstation_id text NOT NULL,
  type text NOT NULL,
  story_id text NOT NULL,
  result text,
  applied_at timestamptz NOT NULL
);

-- What workstations pull: one row per change, in commit order (appends are serialized by an
-- advisory lock, so a reader never sees seq n+1 before n). A cursor is the last seq read.
CREATE TABLE change_log (
  seq bigserial PRIMARY KEY,
  story_id text NOT NULL REFERENCES stories (id),
  kind text NOT NULL CHECK (kind IN ('story', 'revision', 'comment', 'workflow', 'proposal')),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX change_log_story_idx ON change_log (story_id, seq);

-- Comment threads (thread_id NULL, with an anchor) and their replies (thread_id set).
CREATE TABLE comments (
  id text PRIMARY KEY,
  story_id text NOT NULL REFERENCES stories (id),
  thread_id text REFERENCES comments (id),
  author_id text NOT NULL REFERENCES users (id),
  author_name text NOT NULL,
  body text NOT NULL,
  mentions jsonb NOT NULL,
  anchor jsonb,
  resolved_at timestamptz,
  resolved_by text REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK ((thread_id IS NULL) = (anchor IS NOT NULL))
);

CREATE INDEX comments_story_idx ON comments (story_id);

-- The story's timeline: one row per move, named by the mutation that made it.
CREATE TABLE workflow_events (
  id text PRIMARY KEY,
  story_id text NOT NULL REFERENCES stories (id),
  actor_id text NOT NULL REFERENCES users (id),
  actor_name text NOT NULL,
  action text NOT NULL,
  from_status text NOT NULL,
  to_status text NOT NULL,
  note text NOT NULL,
  revision_id text REFERENCES revisions (id),
  created_at timestamptz NOT NULL
);

CREATE INDEX workflow_events_story_idx ON workflow_events (story_id, created_at);

-- Sent proposals: a 'proposal' revision on a side branch, and each item's decision.
CREATE TABLE proposals (
  id text PRIMARY KEY,
  story_id text NOT NULL REFERENCES stories (id),
  author_id text NOT NULL REFERENCES users (id),
  author_name text NOT NULL,
  base_revision_id text NOT NULL REFERENCES revisions (id),
  revision_id text NOT NULL REFERENCES revisions (id),
  message text NOT NULL,
  sent_at timestamptz NOT NULL
);

CREATE TABLE proposal_decisions (
  proposal_id text NOT NULL REFERENCES proposals (id),
  item_key text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('accepted', 'rejected')),
  decider_id text NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, item_key)
);
