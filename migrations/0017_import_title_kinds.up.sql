-- How many records of each kind name a title of an import ({"episode_watch": 120, "rating": 1}),
-- set when the batch is stored: the preview counts by kind from its titles
-- (hundreds of rows) instead of grouping every record (tens of thousands) on each poll.
ALTER TABLE import_titles ADD COLUMN kinds JSONB NOT NULL DEFAULT '{}';
UPDATE import_titles t SET kinds = k.kinds
FROM (
  SELECT batch_id, title_key, jsonb_object_agg(kind, n) AS kinds
  FROM (SELECT batch_id, title_key, kind, count(*) AS n FROM import_records GROUP BY 1, 2, 3) c
  GROUP BY 1, 2
) k
WHERE k.batch_id = t.batch_id AND k.title_key = t.title_key;

-- When the write stage began: the preview's estimate of the time left counts from it.
ALTER TABLE import_batches ADD COLUMN commit_started_at TIMESTAMPTZ;

-- A title's records, for matching (does it name episodes?) and placing them, without scanning the whole batch.
CREATE INDEX idx_import_records_title ON import_records (batch_id, title_key);
