-- The newsroom's publication settings (sector taxonomy, byline format, contributor-note templates:
-- shared/model/publication.ts), one row for the whole hub (server/routes/newsroom.ts). Until an admin
-- sets them there is no row and the hub answers with the built-in defaults at version 0.
-- settings is the JSON text as validated by the shared schema (text rather than jsonb, which cannot
-- hold U+0000 and reorders keys); version grows by one with every change, and workstations compare it.
CREATE TABLE newsroom_settings (
  id smallint PRIMARY KEY CHECK (id = 1),
  settings text NOT NULL,
  version integer NOT NULL CHECK (version >= 0),
  updated_by text REFERENCES users (id),
  updated_at timestamptz NOT NULL
);
