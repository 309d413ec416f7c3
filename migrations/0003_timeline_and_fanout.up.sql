-- Timeline events become idempotent per episode (and per movie release), know
-- whether they are all-day (only the date is known: an all-day event in each
-- person's zone, never midnight UTC), and keep a sequence for calendar feeds.
-- Notifications get the unique key that makes fan-out idempotent.

ALTER TABLE timeline_events
    ADD COLUMN all_day    BOOLEAN NOT NULL DEFAULT FALSE,
    -- The air day as the providers give it; for all-day events the day itself.
    ADD COLUMN air_date   DATE,
    -- Bumped every time the event moves (reschedules), for calendar clients.
    ADD COLUMN sequence   INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW();

CREATE UNIQUE INDEX uq_timeline_episode ON timeline_events (episode_id) WHERE episode_id IS NOT NULL;
CREATE UNIQUE INDEX uq_timeline_movie_release ON timeline_events (show_id) WHERE event_type = 'movie_release';
CREATE INDEX idx_timeline_show_date ON timeline_events (show_id, event_date);
CREATE INDEX idx_timeline_show_air_date ON timeline_events (show_id, air_date) WHERE all_day;

CREATE UNIQUE INDEX uq_notifications_user_event ON notifications (user_id, timeline_event_id);
CREATE INDEX idx_tracked_show_user ON user_tracked_shows (show_id, user_id);
