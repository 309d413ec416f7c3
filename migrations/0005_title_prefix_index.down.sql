DROP INDEX IF EXISTS idx_shows_title_prefix;
