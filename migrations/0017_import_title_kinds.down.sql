DROP INDEX IF EXISTS idx_import_records_title;
ALTER TABLE import_batches DROP COLUMN IF EXISTS commit_started_at;
ALTER TABLE import_titles DROP COLUMN IF EXISTS kinds;
