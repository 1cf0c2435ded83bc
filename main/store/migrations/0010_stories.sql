-- Stories: metadata plus the working copy (the autosaved document).
-- `seq` is the integer key that follows creation order, so full-text matches
-- can be walked newest-first cheaply; `id` is the stable public ULID.
CREATE TABLE stories (
  seq         INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL UNIQUE,
  status      TEXT    NOT NULL DEFAULT 'draft',
  language    TEXT    NOT NULL DEFAULT 'en',
  word_count  INTEGER NOT NULL DEFAULT 0,
  revision    INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  trashed_at  TEXT,
  headline    TEXT    NOT NULL DEFAULT '',
  standfirst  TEXT    NOT NULL DEFAULT '',
  -- Large values last, so reading the metadata of a row never walks the
  -- overflow pages of its body.
  body_json   TEXT    NOT NULL,
  -- What the full-text index reads: the plain text with every CJK character
  -- set apart by spaces, so the unicode61 tokenizer makes each one a token and
  -- a phrase query finds any run of characters (Chinese has no spaces).
  search_headline   TEXT NOT NULL DEFAULT '',
  search_standfirst TEXT NOT NULL DEFAULT '',
  body_text         TEXT NOT NULL DEFAULT ''
) STRICT;

-- Library (not trashed) and trash, each newest-first.
CREATE INDEX stories_library ON stories (updated_at DESC, seq DESC) WHERE trashed_at IS NULL;
CREATE INDEX stories_trash ON stories (trashed_at DESC, seq DESC) WHERE trashed_at IS NOT NULL;

-- Full-text index over headline, standfirst and body text (external content).
CREATE VIRTUAL TABLE stories_fts USING fts5(
  search_headline, search_standfirst, body_text,
  content = 'stories', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2',
  -- Search runs as you type: two- and three-letter prefixes get their own
  -- index entries, so "ar" does not have to merge every term starting "ar".
  prefix = '2 3'
);

CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
  INSERT INTO stories_fts (rowid, search_headline, search_standfirst, body_text)
  VALUES (new.seq, new.search_headline, new.search_standfirst, new.body_text);
END;

CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
  INSERT INTO stories_fts (stories_fts, rowid, search_headline, search_standfirst, body_text)
  VALUES ('delete', old.seq, old.search_headline, old.search_standfirst, old.body_text);
END;

-- Only text changes touch the index; trashing or restoring does not.
CREATE TRIGGER stories_fts_update AFTER UPDATE OF search_headline, search_standfirst, body_text ON stories BEGIN
  INSERT INTO stories_fts (stories_fts, rowid, search_headline, search_standfirst, body_text)
  VALUES ('delete', old.seq, old.search_headline, old.search_standfirst, old.body_text);
  INSERT INTO stories_fts (rowid, search_headline, search_standfirst, body_text)
  VALUES (new.seq, new.search_headline, new.search_standfirst, new.body_text);
END;
