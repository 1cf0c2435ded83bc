-- Proposals travel through the newsroom hub (main/sync): a decision made on
-- another workstation arrives without the merge revision that brought it into
-- the story there (that merge arrives as the story's own revision). So an
-- accepted item may have no merge revision here; one decided here still
-- points at its merge. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE proposal_decisions_new (
  proposal_id        TEXT    NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  key                TEXT    NOT NULL,
  decision           TEXT    NOT NULL CHECK (decision IN ('accepted', 'rejected')),
  decider_id         TEXT,
  decider_name       TEXT    NOT NULL DEFAULT '',
  decided_at         TEXT    NOT NULL,
  merge_revision_id  TEXT    REFERENCES revisions (id) ON DELETE CASCADE,
  CHECK (decision = 'accepted' OR merge_revision_id IS NULL),
  PRIMARY KEY (proposal_id, key)
) STRICT;

INSERT INTO proposal_decisions_new (proposal_id, key, decision, decider_id, decider_name, decided_at, merge_revision_id)
  SELECT proposal_id, key, decision, decider_id, decider_name, decided_at, merge_revision_id FROM proposal_decisions;

DROP TABLE proposal_decisions;
ALTER TABLE proposal_decisions_new RENAME TO proposal_decisions;
