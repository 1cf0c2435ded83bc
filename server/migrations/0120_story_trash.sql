-- The trash syncs (README "Connecting to the newsroom"): a story moved to the trash on a
-- workstation is in the trash on the hub too, and comes out of it when it is restored or when
-- someone who may edit it pushes a revision. Deleting for good stays on the workstation.
ALTER TABLE stories ADD COLUMN trashed_at timestamptz;
ALTER TABLE stories ADD COLUMN trashed_by text REFERENCES users (id);
