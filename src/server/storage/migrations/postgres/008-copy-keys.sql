-- Conflict copies made before are read, as copies made now, under the keys of the record they were typed
-- into, as their author's (domain/access.ts copyKeys; private notes under the pair mentor's key), no more
-- under `author:` — so that they follow their author's access. (Copies made now say keptFor.)
INSERT INTO record_keys (school, key, id, rev)
  SELECT c.school, 'copy:' || (c.data::json #>> '{record,fields,authorId}') || ':' ||
      CASE WHEN (c.data::json #>> '{record,fields,field}') = 'privateNotes' AND k.key LIKE 'pair:%'
        THEN 'pair-mentor:' || substr(k.key, 6) ELSE k.key END,
    c.id, c.rev
  FROM records c
  JOIN record_keys k ON k.school = c.school AND k.id = (c.data::json #>> '{record,fields,recordId}')
  WHERE c.type = 'conflict' AND (c.data::json #> '{record,fields,keptFor}') IS NULL
    AND (c.data::json #>> '{record,fields,authorId}') IS NOT NULL
  ON CONFLICT DO NOTHING;
-- A copy that gets no such key (a dismissed one, kept without its fields; one whose record is gone) stays
-- under `author:`: its author's devices must still be told of its deletion.
DELETE FROM record_keys WHERE key LIKE 'author:%' AND EXISTS (SELECT 1 FROM records c
  WHERE c.school = record_keys.school AND c.id = record_keys.id AND c.type = 'conflict'
    AND (c.data::json #> '{record,fields,keptFor}') IS NULL)
  AND EXISTS (SELECT 1 FROM record_keys n
    WHERE n.school = record_keys.school AND n.id = record_keys.id AND n.key LIKE 'copy:%');
