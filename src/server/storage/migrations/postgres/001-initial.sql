-- The server's tables on PostgreSQL. Every table that holds a school's data has a primary key that
-- leads with the school, so that the schema can be distributed by school (e.g. Citus
-- `create_distributed_table(..., 'school')`) without changing a query: see docs/district.md.

CREATE TABLE schools (
  school TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- The school's revision counter. A write transaction takes the next value under this row's lock and
  -- holds the lock until it commits, so within a school revisions become visible in the order they
  -- were handed out: a pull by revision never skips a row that commits late.
  rev BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE records (
  school TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  rev BIGINT NOT NULL,
  -- The revision the record was created at: a purge names only records a device could hold.
  created_rev BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (school, id)
);
CREATE INDEX records_by_rev ON records (school, rev);
CREATE INDEX records_by_type ON records (school, type);

CREATE TABLE record_keys (
  school TEXT NOT NULL,
  key TEXT NOT NULL,
  id TEXT NOT NULL,
  -- The record's revision, so that a pull goes from the caller's keys to what changed under them.
  rev BIGINT NOT NULL,
  PRIMARY KEY (school, key, id)
);
CREATE INDEX record_keys_by_id ON record_keys (school, id);
CREATE INDEX record_keys_by_rev ON record_keys (school, key, rev);

CREATE TABLE record_refs (
  school TEXT NOT NULL,
  ref_id TEXT NOT NULL,
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (school, ref_id, type, id)
);
CREATE INDEX record_refs_by_id ON record_refs (school, id);

CREATE TABLE scopes (
  school TEXT NOT NULL,
  hash TEXT NOT NULL,
  grants TEXT NOT NULL,
  PRIMARY KEY (school, hash)
);

CREATE TABLE devices (
  school TEXT NOT NULL,
  id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT,
  revoked_at TEXT,
  PRIMARY KEY (school, id),
  UNIQUE (school, token_hash)
);
-- Tokens made before they named their school are found by hash alone.
CREATE INDEX devices_by_token ON devices (token_hash);

CREATE TABLE invites (
  school TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  person_id TEXT NOT NULL,
  role TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  is_bootstrap BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (school, code_hash)
);
-- Enrolment is the one lookup that does not know the school yet: a code names none.
CREATE INDEX invites_by_code ON invites (code_hash);

-- Wrong enrolment codes, by address (or every address together): no school is known before a code
-- is found. A small table of the whole server (on a distributed PostgreSQL, one on the coordinator).
CREATE TABLE enrol_failures (
  key TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX enrol_failures_by_key ON enrol_failures (key, at);
CREATE INDEX enrol_failures_by_at ON enrol_failures (at);
