-- Sync with the newsroom hub (DESIGN.md §7; main/sync/). The workstation's
-- side: who it is connected as, the outbox of changes waiting to be pushed,
-- and per story what the hub last said. The session token is not here (see
-- main/sync/tokenStore.ts): a copied database must not sign anyone in.

-- One row (id = 1), made when the workstation first connects.
CREATE TABLE sync_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url         TEXT,
  -- The hub account (shared/api/methods/sync.ts SyncAccount) as JSON; kept after sign-out.
  account         TEXT,
  -- A ULID made once: the hub's records name this installation by it.
  workstation_id  TEXT    NOT NULL,
  -- Where the last pull left off (opaque, the hub's); NULL: from the beginning.
  cursor          TEXT,
  last_synced_at  TEXT,
  last_error      TEXT
) STRICT;

-- Every change the hub must know, written in the same transaction as the
-- change itself, oldest first. `body` is the whole mutation as it will be
-- sent (shared/sync/protocol.ts Mutation); a revision is "prepared" (its
-- parents and base fixed to what is on the hub) once, right before its first
-- push, and from then on every retry sends the same bytes under the same id.
CREATE TABLE outbox (
  seq              INTEGER PRIMARY KEY,
  id               TEXT    NOT NULL UNIQUE CHECK (length(id) = 26),
  type             TEXT    NOT NULL,
  story_id         TEXT    NOT NULL,
  body             TEXT    NOT NULL,
  prepared         INTEGER NOT NULL DEFAULT 0 CHECK (prepared IN (0, 1)),
  created_at       TEXT    NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  state            TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead'))
) STRICT;

CREATE INDEX outbox_pending ON outbox (state, seq);
CREATE INDEX outbox_by_story ON outbox (story_id, state);

-- A story the hub knows (or will, once its article.create is pushed).
CREATE TABLE story_sync (
  story_id            TEXT    NOT NULL PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  -- The last hub revision this workstation has seen and merged: the base of its next push.
  hub_head            TEXT,
  -- The hub's head as last pulled (may be ahead of hub_head until it is merged in).
  hub_story           TEXT,
  -- The last revision this workstation pushed and the hub stored.
  pushed_revision_id  TEXT,
  -- stories.revision when the working copy was last compared with its checkpoint.
  seen_revision       INTEGER NOT NULL DEFAULT 0,
  -- Header fields a merge could not settle (shared/review/merge.ts FieldConflict[]), as JSON.
  field_conflicts     TEXT    NOT NULL DEFAULT '[]',
  conflict_since      TEXT
) STRICT;

-- Revisions known to be on the hub (pulled, or pushed and stored there):
-- only these may be named as parents in a push.
CREATE TABLE hub_revisions (
  revision_id  TEXT NOT NULL PRIMARY KEY,
  story_id     TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE
) STRICT;
