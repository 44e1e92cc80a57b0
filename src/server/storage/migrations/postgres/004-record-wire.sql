-- Each record's whole compact form as text (wire-text.ts), sent as it is by a first pull of contract v2.
-- Rows stored before have none: a pull makes it from their data. A server process older than this one,
-- still running on the same database, changes a record's data without its text: the trigger drops the
-- text then, rather than let a pull send the record as it was.
ALTER TABLE records ADD COLUMN wire TEXT;
CREATE FUNCTION records_wire_follows_data() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.wire IS NOT DISTINCT FROM OLD.wire AND NEW.data IS DISTINCT FROM OLD.data THEN
    NEW.wire := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER records_wire_follows_data BEFORE UPDATE ON records
  FOR EACH ROW EXECUTE FUNCTION records_wire_follows_data();
