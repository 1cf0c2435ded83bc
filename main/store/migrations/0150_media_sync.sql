-- Pictures and the newsroom hub (main/sync/mediaSync.ts). A row per image
-- the sync has dealt with: whether the hub is known to have it (uploaded
-- from here, or downloaded from it), and, for an image a pulled story shows
-- that is not in this workstation's media store, that it is still to be
-- fetched. The bytes themselves live in the media store (0050_media.sql).
CREATE TABLE media_sync (
  sha256      TEXT    PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  -- 1: the hub has it (it answered an upload, or served it here).
  on_hub      INTEGER NOT NULL DEFAULT 0 CHECK (on_hub IN (0, 1)),
  -- A story that shows it while it is not here: fetched each cycle until it
  -- arrives. NULL: not waited for.
  wanted_by   TEXT,
  -- 1: the hub's bytes under this name do not decode as a picture. The name
  -- fixes the bytes, so they are not fetched again.
  refused     INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1)),
  attempts    INTEGER NOT NULL DEFAULT 0,
  -- Why the last upload or download did not succeed.
  last_error  TEXT
) STRICT;

CREATE INDEX media_sync_wanted ON media_sync (wanted_by) WHERE wanted_by IS NOT NULL;
