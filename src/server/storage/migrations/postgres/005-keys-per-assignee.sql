-- The keys of forms given within a pair and of their answers name the person they were given to
-- (domain/access.ts readKeys; taken from the record's own `assignee:` key). The pair-wide keys of before
-- stay: no grant names them any more, and a device whose cursor still holds a grant of that name is told
-- to drop what it held under it, unless a key of today lets it keep it.
INSERT INTO record_keys (school, key, id, rev)
  SELECT k.school, k.key || ':' || substr(a.key, 10), k.id, k.rev FROM record_keys k
  JOIN record_keys a ON a.school = k.school AND a.id = k.id AND a.key LIKE 'assignee:%'
  WHERE k.key LIKE 'response:%' AND k.key NOT LIKE 'response:%:%:%'
  ON CONFLICT DO NOTHING;
INSERT INTO record_keys (school, key, id, rev)
  SELECT k.school, 'assigned:' || substr(k.key, 8) || ':' || substr(a.key, 10), k.id, k.rev FROM record_keys k
  JOIN record_keys a ON a.school = k.school AND a.id = k.id AND a.key LIKE 'assignee:%'
  WHERE k.key LIKE 'mentor:%'
  ON CONFLICT DO NOTHING;
