CREATE INDEX IF NOT EXISTS idx_tracked_show_user ON user_tracked_shows (show_id, user_id);
