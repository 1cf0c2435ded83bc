-- Local profiles: who is writing on this workstation, with a role (intern,
-- reporter, editor, admin) and, for interns, a supervisor. Until the newsroom
-- hub exists these are the only accounts; hub accounts will take their place
-- with the same ids, roles and supervisor relation.
CREATE TABLE profiles (
  seq            INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  name           TEXT    NOT NULL,
  role           TEXT    NOT NULL CHECK (role IN ('intern', 'reporter', 'editor', 'admin')),
  supervisor_id  TEXT    REFERENCES profiles (id),
  created_at     TEXT    NOT NULL,
  CHECK (supervisor_id IS NULL OR supervisor_id <> id)
) STRICT;

-- Who wrote each story and who the desk assigned it to. Stories written
-- before profiles existed have no owner (NULL); the first profile created on
-- the workstation becomes their owner (main/store/profiles.ts), since on a
-- single-user workstation that is who wrote them.
ALTER TABLE stories ADD COLUMN owner_id    TEXT REFERENCES profiles (id);
ALTER TABLE stories ADD COLUMN assignee_id TEXT REFERENCES profiles (id);

CREATE INDEX stories_by_owner ON stories (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX stories_by_assignee ON stories (assignee_id) WHERE assignee_id IS NOT NULL;

-- The profile in use is the `settings` row 'current_profile' (its id as JSON).
