-- A change the hub refused stays in the outbox (state 'dead', with the hub's
-- reason in last_error) and the sync status keeps saying it was not sent
-- until the person has read it: `sync.dismissRefused` sets this. Nothing is
-- deleted; the row and its text stay (main/sync/syncEngine.ts).
ALTER TABLE outbox ADD COLUMN dismissed_at TEXT;
