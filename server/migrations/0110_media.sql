-- Images by content (DESIGN.md §7): PUT /v1/media/<sha256> stores bytes whose sha256 is the name.
-- The bytes live in the database rather than under the data folder so that every hub process on
-- one PostgreSQL serves the same images (the hub keeps no state of its own).
CREATE TABLE media (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  bytes bytea NOT NULL,
  uploaded_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL
);
