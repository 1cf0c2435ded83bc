-- Images in the content-addressed media store. The bytes are files under
-- <dataDir>/media/<first two hex digits>/<sha256> (plus renditions beside
-- them); this table says what each one is. A row is written only after its
-- file is safely on disk, so every row has its bytes.
CREATE TABLE media (
  sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  mime          TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
  size          INTEGER NOT NULL CHECK (size > 0),
  width         INTEGER NOT NULL CHECK (width > 0),
  height        INTEGER NOT NULL CHECK (height > 0),
  -- The name of the file it first came from (shown, never used as a path).
  original_name TEXT NOT NULL,
  -- Embedded IPTC/XMP metadata as read at import; '' when absent.
  caption       TEXT NOT NULL DEFAULT '',
  credit        TEXT NOT NULL DEFAULT '',
  creator       TEXT NOT NULL DEFAULT '',
  alt           TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL
) STRICT;
