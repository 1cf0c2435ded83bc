-- Proposals (DESIGN.md §5): edits to a story by someone who may not edit it
-- directly, kept apart from it. While the proposer writes, the draft is a
-- working copy of its own (JSON text, rewritten by each autosave like a
-- story's body); once sent it is a revision of kind 'proposal' on a side
-- branch whose parent is the checkpoint it started from, and the draft text
-- is dropped. The proposer's id is kept without a foreign key (profiles will
-- be replaced by hub accounts), so a snapshot of their name and role goes
-- with it, as on revisions.
CREATE TABLE proposals (
  seq               INTEGER PRIMARY KEY,
  id                TEXT    NOT NULL UNIQUE CHECK (length(id) = 26),
  story_id          TEXT    NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  author_id         TEXT    NOT NULL,
  author_name       TEXT    NOT NULL DEFAULT '',
  author_role       TEXT    NOT NULL CHECK (author_role IN ('intern', 'reporter', 'editor', 'admin')),
  status            TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'decided', 'withdrawn')),
  -- The note sent with it.
  message           TEXT    NOT NULL DEFAULT '',
  -- The story's checkpoint the proposal started from.
  base_revision_id  TEXT    NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,
  -- The proposal's own revision, once sent.
  revision_id       TEXT    REFERENCES revisions (id) ON DELETE CASCADE,
  -- Counts the draft's autosaves (what proposals.save calls its revision).
  draft_revision    INTEGER NOT NULL DEFAULT 1 CHECK (draft_revision >= 1),
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL,
  sent_at           TEXT,
  decided_at        TEXT,
  -- Whether an accepted item has credited the proposer (an intern) in the
  -- story's contributor note: that happens once per proposal.
  credited          INTEGER NOT NULL DEFAULT 0 CHECK (credited IN (0, 1)),
  -- Last, so listing never reads its pages: the draft snapshot as JSON
  -- ({ headline, standfirst, dateline, byline, language, body }) until it is sent.
  draft_json        TEXT,
  -- A draft has text and no revision; a sent proposal a revision and no draft
  -- text. A withdrawn draft keeps its text.
  CHECK (status <> 'draft' OR (draft_json IS NOT NULL AND revision_id IS NULL)),
  CHECK (status NOT IN ('open', 'decided') OR (draft_json IS NULL AND revision_id IS NOT NULL))
) STRICT;

-- A person has at most one draft proposal on a story: their edits go on in it.
CREATE UNIQUE INDEX proposals_one_draft ON proposals (story_id, author_id) WHERE status = 'draft';
-- A story's proposals, newest first.
CREATE INDEX proposals_by_story ON proposals (story_id, created_at DESC, seq DESC);

-- The decision on each item of a sent proposal (`block:<blockId>` or
-- `field:<name>`, as shared/review/proposal.ts names them). An accepted item
-- points at the merge revision that brought it into the story.
CREATE TABLE proposal_decisions (
  proposal_id        TEXT    NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  key                TEXT    NOT NULL,
  decision           TEXT    NOT NULL CHECK (decision IN ('accepted', 'rejected')),
  decider_id         TEXT,
  decider_name       TEXT    NOT NULL DEFAULT '',
  decided_at         TEXT    NOT NULL,
  merge_revision_id  TEXT    REFERENCES revisions (id) ON DELETE CASCADE,
  CHECK ((decision = 'accepted') = (merge_revision_id IS NOT NULL)),
  PRIMARY KEY (proposal_id, key)
) STRICT;
