-- The reads of a person's watches per show (Up Next's grouping of all of
-- them, a show page's watched state, the statistics) walk
-- idx_watches_user_show and then fetched every matching row from the heap:
-- about one page per 60 watches, 400 pages for a person with 24,000. With the
-- columns those reads need included, they are index-only scans (no heap page
-- once vacuum has marked them visible). The key stays as it was.
DROP INDEX IF EXISTS idx_watches_user_show;
CREATE INDEX idx_watches_user_show ON watches (user_id, show_id, season_number, episode_number)
    INCLUDE (watched_at, watched_on, episode_id, created_at, id);
