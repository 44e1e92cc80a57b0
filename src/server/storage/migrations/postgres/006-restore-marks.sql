-- `npm run backup` writes a row here just before pg_dump takes its snapshot, and deletes it from the
-- live database right after: only the copy keeps it. A server that opens a database with a row here was
-- restored from a backup, and moves every school's revision counter past any the original went on to
-- give out (see docs/sync-protocol.md, "Restoring a backup"). `npm run backup` makes the table too when
-- it backs up a database this version's server has not opened yet (a backup before an upgrade).
CREATE TABLE IF NOT EXISTS restore_marks (id BIGSERIAL PRIMARY KEY, taken_at TIMESTAMPTZ NOT NULL DEFAULT now());
