-- Each record's history day (src/server/storage/pull-order.ts): a contract-v2 first pull sends the
-- current records first and a school's history after them. Filled for the records already kept as
-- historyDay() computes it: the date of a live regular meeting.
ALTER TABLE records ADD COLUMN day TEXT;
UPDATE records SET day = data::jsonb #>> '{record,fields,date}'
  WHERE type = 'meeting'
    AND (data::jsonb #> '{record,deleted}') IS NULL
    AND data::jsonb #>> '{record,fields,kind}' = 'regular'
    AND jsonb_typeof(data::jsonb #> '{record,fields,date}') = 'string';
