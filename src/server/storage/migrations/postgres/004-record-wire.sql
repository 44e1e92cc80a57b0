-- Each record's whole compact form as text (wire-text.ts), sent as it is by a first pull of contract v2.
-- Rows stored before have none: a pull makes it from their data.
ALTER TABLE records ADD COLUMN wire TEXT;
