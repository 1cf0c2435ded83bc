-- A sent proposal its author took back (proposal.withdraw) before anyone decided an item:
-- it stays, with its revision, and takes no more decisions.
ALTER TABLE proposals ADD COLUMN withdrawn_at timestamptz;
