-- Story header: dateline (place, calendar date) and byline (JSON array of
-- { personId, name, role }). Stories from before this version get an empty
-- dateline and byline.
ALTER TABLE stories ADD COLUMN dateline_place TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN dateline_date  TEXT;
ALTER TABLE stories ADD COLUMN byline_json    TEXT NOT NULL DEFAULT '[]';

-- The sectors of a story's sections, kept in step with its body on every
-- save, so the library can show them and filter by one without reading bodies.
CREATE TABLE story_sectors (
  story_seq  INTEGER NOT NULL REFERENCES stories (seq) ON DELETE CASCADE,
  sector_id  TEXT    NOT NULL,
  -- Order of first appearance in the body.
  position   INTEGER NOT NULL,
  PRIMARY KEY (story_seq, sector_id)
) STRICT, WITHOUT ROWID;

-- Library filter: stories of one sector.
CREATE INDEX story_sectors_by_sector ON story_sectors (sector_id, story_seq);

-- Bodies saved before this version cannot hold sector headings, but derive
-- them anyway so the table is right whatever the body holds.
INSERT OR IGNORE INTO story_sectors (story_seq, sector_id, position)
SELECT s.seq, json_extract(block.value, '$.sectorId'), min(CAST(block.key AS INTEGER))
FROM stories AS s,
     json_each(CASE WHEN json_valid(s.body_json) THEN s.body_json ELSE '{}' END, '$.root.children') AS block
WHERE json_extract(block.value, '$.type') = 'sector-heading'
  AND typeof(json_extract(block.value, '$.sectorId')) = 'text'
GROUP BY s.seq, json_extract(block.value, '$.sectorId');

-- Publication settings (sectors, byline format, note templates) live in the
-- `settings` table under the key 'publication'; the store writes the
-- defaults there the first time it opens, so later changes to the built-in
-- defaults never rename a publication's sectors behind its back.
