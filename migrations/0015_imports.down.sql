DROP INDEX IF EXISTS idx_watches_batch;
ALTER TABLE watchlist_items DROP COLUMN IF EXISTS import_batch_id;
ALTER TABLE user_tracked_shows DROP COLUMN IF EXISTS import_batch_id;
DROP TABLE IF EXISTS user_list_items;
DROP TABLE IF EXISTS user_lists;
DROP TABLE IF EXISTS ratings;
DROP TABLE IF EXISTS import_records;
DROP TABLE IF EXISTS import_titles;
DROP TABLE IF EXISTS import_batches;
