DROP INDEX IF EXISTS idx_watches_user_show;
CREATE INDEX idx_watches_user_show ON watches (user_id, show_id, season_number, episode_number);
