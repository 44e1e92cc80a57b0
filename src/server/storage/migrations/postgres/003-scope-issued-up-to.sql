-- The highest revision a cursor was issued at under each scope (storage.ts, saveScope): a purge for a
-- device whose scope shrank names records up to it at most, whatever revision its cursor claims. For the
-- scopes already kept, each school's latest revision of now bounds every cursor issued before.
ALTER TABLE scopes ADD COLUMN issued_up_to BIGINT NOT NULL DEFAULT 0;
UPDATE scopes SET issued_up_to = COALESCE(
  (SELECT max(r.rev) FROM records r WHERE r.school = scopes.school), 0);
