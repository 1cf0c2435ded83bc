-- The contributor directory: everyone a byline or contributor note can name.
-- `search_key` is the name as autocomplete compares it (lowercase, accents
-- removed, CJK characters set apart, a space before every word), so "jose"
-- finds "José Álvarez" and "小明" finds "王小明" with one instr() per row.
CREATE TABLE people (
  seq         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  search_key  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL
) STRICT;

CREATE INDEX people_by_key ON people (search_key);
