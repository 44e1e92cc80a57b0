-- Each record's whole compact form as text (wire-text.ts), with the revision it was made at, sent as it is
-- by a first pull of contract v2. A pull takes the text only while that is the record's revision: a row
-- stored before has none, and a server process older than this one, still running on the same database,
-- changes a record (and its revision) without its text — for both, the pull makes the text from the
-- record's data. (No trigger: the schema stays one Citus can distribute, see docs/district.md.)
ALTER TABLE records ADD COLUMN wire TEXT;
ALTER TABLE records ADD COLUMN wire_rev BIGINT;
